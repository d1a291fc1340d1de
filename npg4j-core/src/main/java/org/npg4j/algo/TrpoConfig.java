package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * TRPO's update hyperparameters with sb3-contrib's names and defaults (the rollout's settings are the training
 * loop's, {@link org.npg4j.rollout.RolloutConfig}).
 *
 * @param learningRate         the critic's Adam step size, a schedule (1e-3)
 * @param batchSize            the critic's minibatch size (128)
 * @param cgMaxSteps           conjugate-gradient steps (15)
 * @param cgDamping            damping λ of F + λI (0.1)
 * @param lineSearchShrinkingFactor backtracking factor (0.8)
 * @param lineSearchMaxIter    line-search trials (10)
 * @param nCriticUpdates       critic epochs per update (10)
 * @param normalizeAdvantage   standardize the advantages of the rollout (true)
 * @param targetKl             the trust region's KL radius δ (0.01)
 */
public record TrpoConfig(Schedule learningRate, int batchSize, int cgMaxSteps, double cgDamping, double lineSearchShrinkingFactor, int lineSearchMaxIter, int nCriticUpdates, boolean normalizeAdvantage, double targetKl) {
    public TrpoConfig {
        Check.positive("batch_size", batchSize);
        Check.positive("cg_max_steps", cgMaxSteps);
        Check.nonNegative("cg_damping", cgDamping);
        if (!(lineSearchShrinkingFactor > 0 && lineSearchShrinkingFactor < 1)) {
            throw new IllegalArgumentException("line_search_shrinking_factor must be in (0, 1), got "
                    + lineSearchShrinkingFactor);
        }
        Check.positive("line_search_max_iter", lineSearchMaxIter);
        Check.nonNegative("n_critic_updates", nCriticUpdates);
        Check.positive("target_kl", targetKl);
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
        b.lineSearchShrinkingFactor = lineSearchShrinkingFactor;
        b.lineSearchMaxIter = lineSearchMaxIter;
        b.nCriticUpdates = nCriticUpdates;
        b.normalizeAdvantage = normalizeAdvantage;
        b.targetKl = targetKl;
        return b;
    }

    /** Builder with sb3-contrib's defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(1e-3);
        private int batchSize = 128;
        private int cgMaxSteps = 15;
        private double cgDamping = 0.1;
        private double lineSearchShrinkingFactor = 0.8;
        private int lineSearchMaxIter = 10;
        private int nCriticUpdates = 10;
        private boolean normalizeAdvantage = true;
        private double targetKl = 0.01;

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

        public Builder lineSearchShrinkingFactor(double v) {
            lineSearchShrinkingFactor = v;
            return this;
        }

        public Builder lineSearchMaxIter(int v) {
            lineSearchMaxIter = v;
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

        public Builder targetKl(double v) {
            targetKl = v;
            return this;
        }

        public TrpoConfig build() {
            return new TrpoConfig(learningRate, batchSize, cgMaxSteps, cgDamping, lineSearchShrinkingFactor, lineSearchMaxIter, nCriticUpdates, normalizeAdvantage, targetKl);
        }
    }
}
