package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * TRPO hyperparameters with sb3-contrib's names and defaults.
 *
 * @param learningRate               critic Adam step size (1e-3)
 * @param nSteps                     steps per env per rollout (2048)
 * @param batchSize                  critic minibatch size (128)
 * @param gamma                      discount (0.99)
 * @param gaeLambda                  GAE λ (0.95)
 * @param cgMaxSteps                 conjugate-gradient iterations (15)
 * @param cgDamping                  damping λ of (F + λI) (0.1)
 * @param lineSearchShrinkingFactor  backtracking factor (0.8)
 * @param lineSearchMaxIter          backtracking trials (10)
 * @param nCriticUpdates             critic epochs per update (10)
 * @param normalizeAdvantage         normalize advantages over the rollout (true)
 * @param targetKl                   trust-region radius δ on the mean KL (0.01)
 */
public record TrpoConfig(Schedule learningRate, int nSteps, int batchSize, double gamma, double gaeLambda,
                         int cgMaxSteps, double cgDamping, double lineSearchShrinkingFactor, int lineSearchMaxIter,
                         int nCriticUpdates, boolean normalizeAdvantage, double targetKl) {
    public TrpoConfig {
        Check.positive("n_steps", nSteps);
        Check.positive("batch_size", batchSize);
        Check.discount("gamma", gamma);
        Check.unit("gae_lambda", gaeLambda);
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

    /** Builder with sb3-contrib's defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(1e-3);
        private int nSteps = 2048;
        private int batchSize = 128;
        private double gamma = 0.99;
        private double gaeLambda = 0.95;
        private int cgMaxSteps = 15;
        private double cgDamping = 0.1;
        private double lineSearchShrinkingFactor = 0.8;
        private int lineSearchMaxIter = 10;
        private int nCriticUpdates = 10;
        private boolean normalizeAdvantage = true;
        private double targetKl = 0.01;

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

        public Builder gamma(double g) {
            gamma = g;
            return this;
        }

        public Builder gaeLambda(double l) {
            gaeLambda = l;
            return this;
        }

        public Builder cgMaxSteps(int n) {
            cgMaxSteps = n;
            return this;
        }

        public Builder cgDamping(double d) {
            cgDamping = d;
            return this;
        }

        public Builder lineSearchShrinkingFactor(double f) {
            lineSearchShrinkingFactor = f;
            return this;
        }

        public Builder lineSearchMaxIter(int n) {
            lineSearchMaxIter = n;
            return this;
        }

        public Builder nCriticUpdates(int n) {
            nCriticUpdates = n;
            return this;
        }

        public Builder normalizeAdvantage(boolean on) {
            normalizeAdvantage = on;
            return this;
        }

        public Builder targetKl(double kl) {
            targetKl = kl;
            return this;
        }

        public TrpoConfig build() {
            return new TrpoConfig(learningRate, nSteps, batchSize, gamma, gaeLambda, cgMaxSteps, cgDamping,
                    lineSearchShrinkingFactor, lineSearchMaxIter, nCriticUpdates, normalizeAdvantage, targetKl);
        }
    }
}
