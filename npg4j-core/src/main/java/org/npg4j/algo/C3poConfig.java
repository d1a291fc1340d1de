package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * C3PO's hyperparameters: PPO's (with the reference code's defaults: learning_rate lin_3e-4, batch_size 128,
 * max_grad_norm 40, target_kl 0.01 checked after each epoch on the whole rollout) and the penalty's (Milosevic et al.
 * 2025): κ, its weight, w, the share of the slack the cost surrogate may use, and cost_limit, the per-episode limits.
 *
 * @param ppo                  PPO's settings
 * @param kappa                penalty weight κ (50)
 * @param w                    share w of the slack (0.05)
 * @param costLimits           per-episode cost limits b_i ([25])
 */
public record C3poConfig(PpoConfig ppo, double kappa, double w, double[] costLimits) {
    public C3poConfig {
        if (ppo == null) {
            throw new IllegalArgumentException("the PPO settings are required");
        }
        Check.nonNegative("kappa", kappa);
        Check.unit("w", w);
        costLimits = CostLimit.check(costLimits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ppo = ppo;
        b.kappa = kappa;
        b.w = w;
        b.costLimits = costLimits;
        return b;
    }

    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** The penalty weight κ_t = κ·(0.1 + 0.9·(1 − progress_remaining)). */
    public double kappaAt(double progressRemaining) {
        return kappa * (0.1 + 0.9 * (1 - progressRemaining));
    }

    /** This configuration with other cost limits. */
    public C3poConfig withCostLimits(double[] limits) {
        return new C3poConfig(ppo, kappa, w, limits);
    }

    /** Builder with the reference code's defaults. */
    public static final class Builder {
        private PpoConfig ppo = PpoConfig.builder().learningRate(Schedule.linear(3e-4)).batchSize(128).maxGradNorm(40).targetKl(0.01).build();
        private double kappa = 50;
        private double w = 0.05;
        private double[] costLimits = {25.0};

        private Builder() {
        }

        public Builder ppo(PpoConfig v) {
            ppo = v;
            return this;
        }

        /** Edits this builder's PpoConfig settings, starting from their current values. */
        public Builder ppo(java.util.function.UnaryOperator<PpoConfig.Builder> edit) {
            ppo = edit.apply(ppo.toBuilder()).build();
            return this;
        }

        public Builder kappa(double v) {
            kappa = v;
            return this;
        }

        public Builder w(double v) {
            w = v;
            return this;
        }

        public Builder costLimits(double... v) {
            costLimits = v;
            return this;
        }

        public C3poConfig build() {
            return new C3poConfig(ppo, kappa, w, costLimits);
        }
    }
}
