package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * A2C hyperparameters with Stable-Baselines3's names and defaults (RMSprop with α = 0.99, ε = 1e-5).
 *
 * @param learningRate       step size (7e-4)
 * @param nSteps             steps per env per rollout (5)
 * @param gamma              discount (0.99)
 * @param gaeLambda          GAE λ (1.0: plain n-step returns)
 * @param entCoef            entropy coefficient (0.0)
 * @param vfCoef             value-loss coefficient (0.5)
 * @param maxGradNorm        gradient-norm clip (0.5)
 * @param rmsPropEps         RMSprop ε (1e-5)
 * @param useRmsProp         RMSprop (true) or Adam
 * @param normalizeAdvantage normalize advantages over the rollout (false)
 */
public record A2cConfig(Schedule learningRate, int nSteps, double gamma, double gaeLambda, double entCoef,
                        double vfCoef, double maxGradNorm, double rmsPropEps, boolean useRmsProp,
                        boolean normalizeAdvantage) {
    public A2cConfig {
        Check.positive("n_steps", nSteps);
        Check.discount("gamma", gamma);
        Check.unit("gae_lambda", gaeLambda);
        Check.nonNegative("ent_coef", entCoef);
        Check.nonNegative("vf_coef", vfCoef);
        Check.positive("max_grad_norm", maxGradNorm);
        Check.positive("rms_prop_eps", rmsPropEps);
        if (learningRate == null) {
            throw new IllegalArgumentException("learning_rate is required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with SB3's defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(7e-4);
        private int nSteps = 5;
        private double gamma = 0.99;
        private double gaeLambda = 1.0;
        private double entCoef;
        private double vfCoef = 0.5;
        private double maxGradNorm = 0.5;
        private double rmsPropEps = 1e-5;
        private boolean useRmsProp = true;
        private boolean normalizeAdvantage;

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

        public Builder gamma(double g) {
            gamma = g;
            return this;
        }

        public Builder gaeLambda(double l) {
            gaeLambda = l;
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

        public Builder rmsPropEps(double e) {
            rmsPropEps = e;
            return this;
        }

        public Builder useRmsProp(boolean on) {
            useRmsProp = on;
            return this;
        }

        public Builder normalizeAdvantage(boolean on) {
            normalizeAdvantage = on;
            return this;
        }

        public A2cConfig build() {
            return new A2cConfig(learningRate, nSteps, gamma, gaeLambda, entCoef, vfCoef, maxGradNorm, rmsPropEps,
                    useRmsProp, normalizeAdvantage);
        }
    }
}
