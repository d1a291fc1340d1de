package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * Natural policy gradient's update hyperparameters (the rollout's settings are the training loop's).
 *
 * @param learningRate         the critic's Adam step size, a schedule (1e-3)
 * @param batchSize            the critic's minibatch size (128)
 * @param cgMaxSteps           conjugate-gradient steps (15)
 * @param cgDamping            damping λ of F + λI (0.1)
 * @param stepSize             the natural step η when target_kl is null (0.05)
 * @param targetKl             scale each step to this KL radius, or null for the fixed step η (0.01)
 * @param nCriticUpdates       critic epochs per update (10)
 * @param normalizeAdvantage   standardize the rollout's advantages (true)
 */
public record NpgConfig(Schedule learningRate, int batchSize, int cgMaxSteps, double cgDamping, double stepSize, Double targetKl, int nCriticUpdates, boolean normalizeAdvantage) {
    public NpgConfig {
        Check.positive("batch_size", batchSize);
        Check.positive("cg_max_steps", cgMaxSteps);
        Check.nonNegative("cg_damping", cgDamping);
        Check.positive("step_size", stepSize);
        if (targetKl != null) {
            Check.positive("target_kl", targetKl);
        }
        Check.nonNegative("n_critic_updates", nCriticUpdates);
        if (learningRate == null) {
            throw new IllegalArgumentException("learning_rate is required");
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
        b.cgMaxSteps = cgMaxSteps;
        b.cgDamping = cgDamping;
        b.stepSize = stepSize;
        b.targetKl = targetKl;
        b.nCriticUpdates = nCriticUpdates;
        b.normalizeAdvantage = normalizeAdvantage;
        return b;
    }

    /** Builder with the defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(1e-3);
        private int batchSize = 128;
        private int cgMaxSteps = 15;
        private double cgDamping = 0.1;
        private double stepSize = 0.05;
        private Double targetKl = 0.01;
        private int nCriticUpdates = 10;
        private boolean normalizeAdvantage = true;

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

        public Builder cgMaxSteps(int v) {
            cgMaxSteps = v;
            return this;
        }

        public Builder cgDamping(double v) {
            cgDamping = v;
            return this;
        }

        public Builder stepSize(double v) {
            stepSize = v;
            return this;
        }

        public Builder targetKl(Double v) {
            targetKl = v;
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

        public NpgConfig build() {
            return new NpgConfig(learningRate, batchSize, cgMaxSteps, cgDamping, stepSize, targetKl, nCriticUpdates, normalizeAdvantage);
        }
    }
}
