package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * A2C's update hyperparameters with Stable-Baselines3's names and defaults (the rollout's settings, n_steps = 5 and
 * gae_lambda = 1 by default, are the training loop's).
 *
 * @param learningRate         RMSprop (or Adam) step size, a schedule (7e-4)
 * @param entCoef              entropy coefficient (0.0)
 * @param vfCoef               value-loss coefficient (0.5)
 * @param maxGradNorm          global gradient-norm clip (0.5)
 * @param rmsPropEps           RMSprop's ε (1e-5)
 * @param useRmsProp           RMSprop (true, SB3's default) or Adam
 * @param normalizeAdvantage   standardize the rollout's advantages (false)
 */
public record A2cConfig(Schedule learningRate, double entCoef, double vfCoef, double maxGradNorm, double rmsPropEps, boolean useRmsProp, boolean normalizeAdvantage) {
    public A2cConfig {
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

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.learningRate = learningRate;
        b.entCoef = entCoef;
        b.vfCoef = vfCoef;
        b.maxGradNorm = maxGradNorm;
        b.rmsPropEps = rmsPropEps;
        b.useRmsProp = useRmsProp;
        b.normalizeAdvantage = normalizeAdvantage;
        return b;
    }

    /** Builder with SB3's defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(7e-4);
        private double entCoef = 0.0;
        private double vfCoef = 0.5;
        private double maxGradNorm = 0.5;
        private double rmsPropEps = 1e-5;
        private boolean useRmsProp = true;
        private boolean normalizeAdvantage = false;

        private Builder() {
        }

        public Builder learningRate(Schedule v) {
            learningRate = v;
            return this;
        }

        public Builder learningRate(double v) {
            return learningRate(Schedule.constant(v));
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

        public Builder rmsPropEps(double v) {
            rmsPropEps = v;
            return this;
        }

        public Builder useRmsProp(boolean v) {
            useRmsProp = v;
            return this;
        }

        public Builder normalizeAdvantage(boolean v) {
            normalizeAdvantage = v;
            return this;
        }

        public A2cConfig build() {
            return new A2cConfig(learningRate, entCoef, vfCoef, maxGradNorm, rmsPropEps, useRmsProp, normalizeAdvantage);
        }
    }
}
