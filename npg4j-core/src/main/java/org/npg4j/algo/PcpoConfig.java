package org.npg4j.algo;

/**
 * PCPO's hyperparameters: TRPO's (the reward step's radius δ = {@code target_kl}, CG settings, the critics'), the
 * projection's metric and the per-episode cost limit (Yang et al. 2020).
 *
 * @param trpo       TRPO's settings (the line search's are unused: PCPO takes its projected step whole)
 * @param projection the projection's metric ({@code kl} or {@code l2}; kl)
 * @param costLimits the per-episode cost limit b, one ([25])
 */
public record PcpoConfig(TrpoConfig trpo, PcpoProjection projection, double[] costLimits) {
    public PcpoConfig {
        if (trpo == null) {
            throw new IllegalArgumentException("the TRPO settings are required");
        }
        if (projection == null) {
            throw new IllegalArgumentException("projection is required (kl or l2)");
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
        b.projection = projection;
        b.costLimits = costLimits;
        return b;
    }

    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** This configuration with other cost limits. */
    public PcpoConfig withCostLimits(double[] limits) {
        return new PcpoConfig(trpo, projection, limits);
    }

    /** Builder with TRPO's defaults, the KL projection and Safety-Gymnasium's limit of 25. */
    public static final class Builder {
        private TrpoConfig trpo = TrpoConfig.builder().build();
        private PcpoProjection projection = PcpoProjection.KL;
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

        public Builder projection(PcpoProjection v) {
            projection = v;
            return this;
        }

        public Builder costLimits(double... v) {
            costLimits = v;
            return this;
        }

        public PcpoConfig build() {
            return new PcpoConfig(trpo, projection, costLimits);
        }
    }
}
