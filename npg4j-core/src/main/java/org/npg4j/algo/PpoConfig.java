package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * PPO-Clip hyperparameters with Stable-Baselines3's names and defaults.
 *
 * @param learningRate       Adam step size, a schedule of progress_remaining (default 3e-4)
 * @param nSteps             steps per env per rollout (2048)
 * @param batchSize          minibatch size (64)
 * @param nEpochs            passes over the rollout per update (10)
 * @param gamma              discount (0.99)
 * @param gaeLambda          GAE λ (0.95)
 * @param clipRange          ε of the clipped surrogate, a schedule (0.2)
 * @param clipRangeVf        value-clipping range, or null for none (SB3's default)
 * @param normalizeAdvantage normalize advantages per minibatch (true)
 * @param entCoef            entropy coefficient (0.0)
 * @param vfCoef             value-loss coefficient (0.5)
 * @param maxGradNorm        global gradient-norm clip (0.5)
 * @param targetKl           early stop of the epochs when approx_kl exceeds 1.5·target_kl, or null (default)
 * @param adamEpsilon        Adam's ε (1e-5, as SB3 sets for PPO)
 */
public record PpoConfig(Schedule learningRate, int nSteps, int batchSize, int nEpochs, double gamma, double gaeLambda,
                        Schedule clipRange, Schedule clipRangeVf, boolean normalizeAdvantage, double entCoef,
                        double vfCoef, double maxGradNorm, Double targetKl, double adamEpsilon) {
    public PpoConfig {
        Check.positive("n_steps", nSteps);
        Check.positive("batch_size", batchSize);
        Check.positive("n_epochs", nEpochs);
        Check.discount("gamma", gamma);
        Check.unit("gae_lambda", gaeLambda);
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

    /** Checks the batch against the rollout size, as SB3 does (a warning there, an error here). */
    public void checkRollout(int nEnvs) {
        int rollout = nSteps * nEnvs;
        if (rollout < 2) {
            throw new IllegalArgumentException("n_steps*n_envs = " + rollout + " must be greater than 1");
        }
        if (batchSize > rollout) {
            throw new IllegalArgumentException("batch_size " + batchSize + " exceeds n_steps*n_envs " + rollout);
        }
        if (rollout % batchSize != 0) {
            throw new IllegalArgumentException("batch_size " + batchSize + " must divide n_steps*n_envs " + rollout);
        }
    }

    /** Builder with SB3's defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(3e-4);
        private int nSteps = 2048;
        private int batchSize = 64;
        private int nEpochs = 10;
        private double gamma = 0.99;
        private double gaeLambda = 0.95;
        private Schedule clipRange = Schedule.constant(0.2);
        private Schedule clipRangeVf;
        private boolean normalizeAdvantage = true;
        private double entCoef;
        private double vfCoef = 0.5;
        private double maxGradNorm = 0.5;
        private Double targetKl;
        private double adamEpsilon = 1e-5;

        public Builder learningRate(Schedule s) {
            learningRate = s;
            return this;
        }

        public Builder learningRate(double lr) {
            return learningRate(Schedule.constant(lr));
        }

        public Builder nSteps(int n) {
            nSteps = n;
            return this;
        }

        public Builder batchSize(int n) {
            batchSize = n;
            return this;
        }

        public Builder nEpochs(int n) {
            nEpochs = n;
            return this;
        }

        public Builder gamma(double g) {
            gamma = g;
            return this;
        }

        public Builder gaeLambda(double l) {
            gaeLambda = l;
            return this;
        }

        public Builder clipRange(Schedule s) {
            clipRange = s;
            return this;
        }

        public Builder clipRange(double eps) {
            return clipRange(Schedule.constant(eps));
        }

        public Builder clipRangeVf(Schedule s) {
            clipRangeVf = s;
            return this;
        }

        public Builder normalizeAdvantage(boolean on) {
            normalizeAdvantage = on;
            return this;
        }

        public Builder entCoef(double c) {
            entCoef = c;
            return this;
        }

        public Builder vfCoef(double c) {
            vfCoef = c;
            return this;
        }

        public Builder maxGradNorm(double c) {
            maxGradNorm = c;
            return this;
        }

        public Builder targetKl(Double kl) {
            targetKl = kl;
            return this;
        }

        public Builder adamEpsilon(double e) {
            adamEpsilon = e;
            return this;
        }

        public PpoConfig build() {
            return new PpoConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange, clipRangeVf,
                    normalizeAdvantage, entCoef, vfCoef, maxGradNorm, targetKl, adamEpsilon);
        }
    }
}
