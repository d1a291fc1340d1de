package org.npg4j.algo;

/**
 * CPO's hyperparameters: TRPO's (the trust region radius δ = {@code target_kl}, CG and line search settings, the
 * critics') and the per-episode cost limit (Achiam et al. 2017).
 *
 * @param trpo       TRPO's settings
 * @param costLimits the per-episode cost limit b, one ([25])
 */
public record CpoConfig(TrpoConfig trpo, double[] costLimits) {
    public CpoConfig {
        if (trpo == null) {
            throw new IllegalArgumentException("the TRPO settings are required");
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
        b.costLimits = costLimits;
        return b;
    }

    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** This configuration with other cost limits. */
    public CpoConfig withCostLimits(double[] limits) {
        return new CpoConfig(trpo, limits);
    }

    /** Builder with TRPO's defaults and Safety-Gymnasium's limit of 25. */
    public static final class Builder {
        private TrpoConfig trpo = TrpoConfig.builder().build();
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

        public Builder costLimits(double... v) {
            costLimits = v;
            return this;
        }

        public CpoConfig build() {
            return new CpoConfig(trpo, costLimits);
        }
    }
}
