package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * NPG hyperparameters. The policy step is θ ← θ + η x with x = (F + λI)^{-1} g: either a fixed η
 * ({@code step_size}) or, when {@code target_kl} is set (the default, 0.01), the normalized step η = √(2δ/xᵀFx)
 * of Kakade's NPG with a KL radius (Rajeswaran et al. 2017). No line search (that is TRPO). The critic is fitted
 * by minibatch Adam as in TRPO.
 *
 * @param learningRate       critic Adam step size (1e-3)
 * @param nSteps             steps per env per rollout (2048)
 * @param batchSize          critic minibatch size (128)
 * @param gamma              discount (0.99)
 * @param gaeLambda          GAE λ (0.95)
 * @param cgMaxSteps         conjugate-gradient iterations (15)
 * @param cgDamping          damping λ (0.1)
 * @param stepSize           fixed η, used when {@code targetKl} is null
 * @param targetKl           KL radius δ of the normalized step (0.01), or null for the fixed step
 * @param nCriticUpdates     critic epochs per update (10)
 * @param normalizeAdvantage normalize advantages over the rollout (true)
 */
public record NpgConfig(Schedule learningRate, int nSteps, int batchSize, double gamma, double gaeLambda,
                        int cgMaxSteps, double cgDamping, double stepSize, Double targetKl, int nCriticUpdates,
                        boolean normalizeAdvantage) {
    public NpgConfig {
        Check.positive("n_steps", nSteps);
        Check.positive("batch_size", batchSize);
        Check.discount("gamma", gamma);
        Check.unit("gae_lambda", gaeLambda);
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

    /** Builder with the documented defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(1e-3);
        private int nSteps = 2048;
        private int batchSize = 128;
        private double gamma = 0.99;
        private double gaeLambda = 0.95;
        private int cgMaxSteps = 15;
        private double cgDamping = 0.1;
        private double stepSize = 0.05;
        private Double targetKl = 0.01;
        private int nCriticUpdates = 10;
        private boolean normalizeAdvantage = true;

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

        public Builder stepSize(double eta) {
            stepSize = eta;
            return this;
        }

        public Builder targetKl(Double kl) {
            targetKl = kl;
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

        public NpgConfig build() {
            return new NpgConfig(learningRate, nSteps, batchSize, gamma, gaeLambda, cgMaxSteps, cgDamping, stepSize,
                    targetKl, nCriticUpdates, normalizeAdvantage);
        }
    }
}
