package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * VPG/REINFORCE hyperparameters. Defaults follow OpenAI Spinning Up's VPG (policy Adam 3e-4, critic Adam 1e-3 for
 * 80 full-batch steps), with λ = 1 so the advantage is the reward-to-go minus the learned baseline (Williams 1992).
 *
 * @param learningRate       policy Adam step size (3e-4)
 * @param vfLearningRate     critic Adam step size (1e-3)
 * @param nSteps             steps per env per rollout (2048)
 * @param batchSize          critic minibatch size (2048; a full batch for one env)
 * @param gamma              discount (0.99)
 * @param gaeLambda          GAE λ (1.0: reward-to-go minus baseline)
 * @param nCriticUpdates     critic epochs per update (80)
 * @param normalizeAdvantage normalize advantages over the rollout (true)
 * @param maxGradNorm        policy gradient-norm clip, or 0 for none (0)
 */
public record VpgConfig(Schedule learningRate, Schedule vfLearningRate, int nSteps, int batchSize, double gamma,
                        double gaeLambda, int nCriticUpdates, boolean normalizeAdvantage, double maxGradNorm) {
    public VpgConfig {
        Check.positive("n_steps", nSteps);
        Check.positive("batch_size", batchSize);
        Check.discount("gamma", gamma);
        Check.unit("gae_lambda", gaeLambda);
        Check.nonNegative("n_critic_updates", nCriticUpdates);
        Check.nonNegative("max_grad_norm", maxGradNorm);
        if (learningRate == null || vfLearningRate == null) {
            throw new IllegalArgumentException("learning_rate and vf_learning_rate are required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(3e-4);
        private Schedule vfLearningRate = Schedule.constant(1e-3);
        private int nSteps = 2048;
        private int batchSize = 2048;
        private double gamma = 0.99;
        private double gaeLambda = 1.0;
        private int nCriticUpdates = 80;
        private boolean normalizeAdvantage = true;
        private double maxGradNorm;

        public Builder learningRate(double lr) {
            learningRate = Schedule.constant(lr);
            return this;
        }

        public Builder learningRate(Schedule s) {
            learningRate = s;
            return this;
        }

        public Builder vfLearningRate(double lr) {
            vfLearningRate = Schedule.constant(lr);
            return this;
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

        public Builder nCriticUpdates(int n) {
            nCriticUpdates = n;
            return this;
        }

        public Builder normalizeAdvantage(boolean on) {
            normalizeAdvantage = on;
            return this;
        }

        public Builder maxGradNorm(double c) {
            maxGradNorm = c;
            return this;
        }

        public VpgConfig build() {
            return new VpgConfig(learningRate, vfLearningRate, nSteps, batchSize, gamma, gaeLambda, nCriticUpdates,
                    normalizeAdvantage, maxGradNorm);
        }
    }
}
