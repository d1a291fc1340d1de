package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * Vanilla policy gradient's update hyperparameters (the rollout's settings, gae_lambda = 1 by default, are the
 * training loop's).
 *
 * @param learningRate         the policy's Adam step size, a schedule (3e-4)
 * @param vfLearningRate       the critic's Adam step size, a schedule (1e-3)
 * @param batchSize            the critic's minibatch size (2048)
 * @param nCriticUpdates       critic steps per update (80)
 * @param normalizeAdvantage   standardize the rollout's advantages (true)
 * @param maxGradNorm          global gradient-norm clip of the policy step, 0 for none (0)
 */
public record VpgConfig(Schedule learningRate, Schedule vfLearningRate, int batchSize, int nCriticUpdates, boolean normalizeAdvantage, double maxGradNorm) {
    public VpgConfig {
        Check.positive("batch_size", batchSize);
        Check.nonNegative("n_critic_updates", nCriticUpdates);
        Check.nonNegative("max_grad_norm", maxGradNorm);
        if (learningRate == null || vfLearningRate == null) {
            throw new IllegalArgumentException("learning_rate and vf_learning_rate are required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.learningRate = learningRate;
        b.vfLearningRate = vfLearningRate;
        b.batchSize = batchSize;
        b.nCriticUpdates = nCriticUpdates;
        b.normalizeAdvantage = normalizeAdvantage;
        b.maxGradNorm = maxGradNorm;
        return b;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(3e-4);
        private Schedule vfLearningRate = Schedule.constant(1e-3);
        private int batchSize = 2048;
        private int nCriticUpdates = 80;
        private boolean normalizeAdvantage = true;
        private double maxGradNorm = 0.0;

        private Builder() {
        }

        public Builder learningRate(Schedule v) {
            learningRate = v;
            return this;
        }

        public Builder learningRate(double v) {
            return learningRate(Schedule.constant(v));
        }

        public Builder vfLearningRate(Schedule v) {
            vfLearningRate = v;
            return this;
        }

        public Builder vfLearningRate(double v) {
            return vfLearningRate(Schedule.constant(v));
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder nCriticUpdates(int v) {
            nCriticUpdates = v;
            return this;
        }

        public Builder normalizeAdvantage(boolean v) {
            normalizeAdvantage = v;
            return this;
        }

        public Builder maxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        public VpgConfig build() {
            return new VpgConfig(learningRate, vfLearningRate, batchSize, nCriticUpdates, normalizeAdvantage, maxGradNorm);
        }
    }
}
