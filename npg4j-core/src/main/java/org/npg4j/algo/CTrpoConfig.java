package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * C-TRPO hyperparameters, TRPO's keys (sb3-contrib names) plus the safe trust region's; defaults are those of the
 * authors' code (milosen/ctrpo).
 *
 * @param learningRate              Adam step size of the reward and cost critics (1e-3)
 * @param nSteps                    steps per env per rollout (2048)
 * @param batchSize                 critic minibatch size (128)
 * @param gamma                     discount (0.99)
 * @param gaeLambda                 GAE λ of the reward and the cost advantages (0.95)
 * @param cgMaxSteps                conjugate-gradient iterations (15)
 * @param cgDamping                 damping added to the Hessian-vector products (0.1)
 * @param lineSearchShrinkingFactor backtracking factor (0.8)
 * @param lineSearchMaxIter         backtracking trials (15)
 * @param nCriticUpdates            critic epochs per update (10)
 * @param normalizeAdvantage        standardize the reward advantages over the rollout (true); the cost advantages
 *                                  are only centred, so that α keeps the units of the cost
 * @param targetKl                  trust-region radius on the divergence D (0.01)
 * @param beta                      weight β of the cost term φ in D (1)
 * @param hystFrac                  hysteresis fraction: after a recovery the safe mode is re-entered once
 *                                  Ĵ_c &lt; hyst_frac·b (1, i.e. none; the paper's runs use 0.8)
 * @param divergence                φ: {@link SlackDivergence#ENTROPY} (default) or {@link SlackDivergence#BARRIER}
 * @param costLimits                per-episode limits b_i on the undiscounted episode cost, one per constraint (25)
 */
public record CTrpoConfig(Schedule learningRate, int nSteps, int batchSize, double gamma, double gaeLambda,
                          int cgMaxSteps, double cgDamping, double lineSearchShrinkingFactor, int lineSearchMaxIter,
                          int nCriticUpdates, boolean normalizeAdvantage, double targetKl, double beta,
                          double hystFrac, SlackDivergence divergence, double[] costLimits) {
    public CTrpoConfig {
        Check.positive("n_steps", nSteps);
        Check.positive("batch_size", batchSize);
        if (!(gamma >= 0 && gamma < 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1) (α carries a factor 1/(1-gamma)), got " + gamma);
        }
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
        Check.nonNegative("beta", beta);
        if (!(hystFrac > 0 && hystFrac <= 1)) {
            throw new IllegalArgumentException("hyst_frac must be in (0, 1], got " + hystFrac);
        }
        if (learningRate == null) {
            throw new IllegalArgumentException("learning_rate is required");
        }
        if (divergence == null) {
            throw new IllegalArgumentException("divergence is required (entropy or barrier)");
        }
        costLimits = CostLimit.check(costLimits);
    }

    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** This configuration with other cost limits. */
    public CTrpoConfig withCostLimits(double[] limits) {
        return new CTrpoConfig(learningRate, nSteps, batchSize, gamma, gaeLambda, cgMaxSteps, cgDamping,
                lineSearchShrinkingFactor, lineSearchMaxIter, nCriticUpdates, normalizeAdvantage, targetKl, beta,
                hystFrac, divergence, limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the authors' defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.constant(1e-3);
        private int nSteps = 2048;
        private int batchSize = 128;
        private double gamma = 0.99;
        private double gaeLambda = 0.95;
        private int cgMaxSteps = 15;
        private double cgDamping = 0.1;
        private double lineSearchShrinkingFactor = 0.8;
        private int lineSearchMaxIter = 15;
        private int nCriticUpdates = 10;
        private boolean normalizeAdvantage = true;
        private double targetKl = 0.01;
        private double beta = 1.0;
        private double hystFrac = 1.0;
        private SlackDivergence divergence = SlackDivergence.ENTROPY;
        private double[] costLimits = {25.0};

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

        public Builder beta(double b) {
            beta = b;
            return this;
        }

        public Builder hystFrac(double f) {
            hystFrac = f;
            return this;
        }

        public Builder divergence(SlackDivergence d) {
            divergence = d;
            return this;
        }

        public Builder costLimits(double... limits) {
            costLimits = limits;
            return this;
        }

        public CTrpoConfig build() {
            return new CTrpoConfig(learningRate, nSteps, batchSize, gamma, gaeLambda, cgMaxSteps, cgDamping,
                    lineSearchShrinkingFactor, lineSearchMaxIter, nCriticUpdates, normalizeAdvantage, targetKl, beta,
                    hystFrac, divergence, costLimits);
        }
    }
}
