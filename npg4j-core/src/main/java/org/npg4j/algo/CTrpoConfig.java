package org.npg4j.algo;

/**
 * C-TRPO's hyperparameters: TRPO's (line_search_max_iter 15, as the reference code) and the safe trust region's
 * (Milosevic et al. 2025): β weighs the slack divergence φ, hyst_frac sets the hysteresis of the safe mode, cost_limit
 * the per-episode limits b_i.
 *
 * @param trpo                 TRPO's settings
 * @param beta                 weight β of φ in D = KL + β Σ φ (1.0)
 * @param hystFrac             re-enter the safe mode once every Ĵ_c &lt; hyst_frac·b (1.0)
 * @param divergence           the slack divergence φ ({@code entropy} or {@code barrier})
 * @param costLimits           per-episode cost limits b_i ([25])
 */
public record CTrpoConfig(TrpoConfig trpo, double beta, double hystFrac, SlackDivergence divergence, double[] costLimits) {
    public CTrpoConfig {
        if (trpo == null) {
            throw new IllegalArgumentException("the TRPO settings are required");
        }
        Check.nonNegative("beta", beta);
        if (!(hystFrac > 0 && hystFrac <= 1)) {
            throw new IllegalArgumentException("hyst_frac must be in (0, 1], got " + hystFrac);
        }
        if (divergence == null) {
            throw new IllegalArgumentException("divergence is required (entropy or barrier)");
        }
        costLimits = CostLimit.check(costLimits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.trpo = trpo;
        b.beta = beta;
        b.hystFrac = hystFrac;
        b.divergence = divergence;
        b.costLimits = costLimits;
        return b;
    }

    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** This configuration with other cost limits. */
    public CTrpoConfig withCostLimits(double[] limits) {
        return new CTrpoConfig(trpo, beta, hystFrac, divergence, limits);
    }

    /** Builder with the reference code's defaults. */
    public static final class Builder {
        private TrpoConfig trpo = TrpoConfig.builder().lineSearchMaxIter(15).build();
        private double beta = 1.0;
        private double hystFrac = 1.0;
        private SlackDivergence divergence = SlackDivergence.ENTROPY;
        private double[] costLimits = {25.0};

        private Builder() {
        }

        public Builder trpo(TrpoConfig v) {
            trpo = v;
            return this;
        }

        /** Edits this builder's TrpoConfig settings, starting from their current values. */
        public Builder trpo(java.util.function.UnaryOperator<TrpoConfig.Builder> edit) {
            trpo = edit.apply(trpo.toBuilder()).build();
            return this;
        }

        public Builder beta(double v) {
            beta = v;
            return this;
        }

        public Builder hystFrac(double v) {
            hystFrac = v;
            return this;
        }

        public Builder divergence(SlackDivergence v) {
            divergence = v;
            return this;
        }

        public Builder costLimits(double... v) {
            costLimits = v;
            return this;
        }

        public CTrpoConfig build() {
            return new CTrpoConfig(trpo, beta, hystFrac, divergence, costLimits);
        }
    }
}
