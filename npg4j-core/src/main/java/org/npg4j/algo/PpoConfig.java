package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * PPO-Clip's update hyperparameters with Stable-Baselines3's names and defaults (the rollout's n_steps, gamma and
 * gae_lambda are the training loop's, {@link org.npg4j.rollout.RolloutConfig}).
 *
 * @param learningRate         Adam step size, a schedule of progress_remaining (3e-4)
 * @param batchSize            minibatch size (64)
 * @param nEpochs              passes over the rollout per update (10)
 * @param clipRange            ε of the clipped surrogate, a schedule (0.2)
 * @param clipRangeVf          value-clipping range, or null for none (SB3's default)
 * @param normalizeAdvantage   normalize advantages per minibatch (true)
 * @param entCoef              entropy coefficient (0.0)
 * @param vfCoef               value-loss coefficient (0.5)
 * @param maxGradNorm          global gradient-norm clip (0.5)
 * @param targetKl             early stop of the epochs when approx_kl exceeds 1.5·target_kl, or null (default)
 * @param adamEpsilon          Adam's ε (1e-5, as SB3 sets for PPO)
 */
public record PpoConfig(Schedule learningRate, int batchSize, int nEpochs, Schedule clipRange, Schedule clipRangeVf, boolean normalizeAdvantage, double entCoef, double vfCoef, double maxGradNorm, Double targetKl, double adamEpsilon) {
    public PpoConfig {
        Check.positive("batch_size", batchSize);
        Check.positive("n_epochs", nEpochs);
        Check.nonNegative("ent_coef", entCoef);
        Check.nonNegative("vf_coef", vfCoef);
        Check.positive("max_grad_norm", maxGradNorm);
        if (targetKl != null) {
            Check.positive("target_kl", targetKl);
        }
        Check.positive("adam_epsilon", adamEpsilon);
        if (learningRate == null || clipRange == null) {
            throw new IllegalArgumentException("learning_rate and clip_range are required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.learningRate = learningRate;
        b.batchSize = batchSize;
        b.nEpochs = nEpochs;
        b.clipRange = clipRange;
        b.clipRangeVf = clipRangeVf;
        b.normalizeAdvantage = normalizeAdvantage;
        b.entCoef = entCoef;
        b.vfCoef = vfCoef;
        b.maxGradNorm = maxGradNorm;
        b.targetKl = targetKl;
        b.adamEpsilon = adamEpsilon;
        return b;
    }

    /** Builder with SB3's defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(3e-4);
        private int batchSize = 64;
        private int nEpochs = 10;
        private Schedule clipRange = Schedule.constant(0.2);
        private Schedule clipRangeVf;
        private boolean normalizeAdvantage = true;
        private double entCoef = 0.0;
        private double vfCoef = 0.5;
        private double maxGradNorm = 0.5;
        private Double targetKl;
        private double adamEpsilon = 1e-5;

        private Builder() {
        }

        public Builder learningRate(Schedule v) {
            learningRate = v;
            return this;
        }

        public Builder learningRate(double v) {
            return learningRate(Schedule.constant(v));
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder nEpochs(int v) {
            nEpochs = v;
            return this;
        }

        public Builder clipRange(Schedule v) {
            clipRange = v;
            return this;
        }

        public Builder clipRange(double v) {
            return clipRange(Schedule.constant(v));
        }

        public Builder clipRangeVf(Schedule v) {
            clipRangeVf = v;
            return this;
        }

        public Builder clipRangeVf(double v) {
            return clipRangeVf(Schedule.constant(v));
        }

        public Builder normalizeAdvantage(boolean v) {
            normalizeAdvantage = v;
            return this;
        }

        public Builder entCoef(double v) {
            entCoef = v;
            return this;
        }

        public Builder vfCoef(double v) {
            vfCoef = v;
            return this;
        }

        public Builder maxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        public Builder targetKl(Double v) {
            targetKl = v;
            return this;
        }

        public Builder adamEpsilon(double v) {
            adamEpsilon = v;
            return this;
        }

        public PpoConfig build() {
            return new PpoConfig(learningRate, batchSize, nEpochs, clipRange, clipRangeVf, normalizeAdvantage, entCoef, vfCoef, maxGradNorm, targetKl, adamEpsilon);
        }
    }
}
