package org.npg4j.algo;

/**
 * PPO with the adaptive KL penalty: PPO's training settings (its clip range and target_kl are not used) and the
 * penalty's target and initial coefficient (Schulman et al. 2017, section 4).
 *
 * @param ppo                  PPO's minibatch, Adam and coefficient settings
 * @param klTarget             the KL target d_targ (0.01)
 * @param klCoef               the initial penalty coefficient β (1.0)
 */
public record PpoKlConfig(PpoConfig ppo, double klTarget, double klCoef) {
    public PpoKlConfig {
        if (ppo == null) {
            throw new IllegalArgumentException("the PPO settings are required");
        }
        Check.positive("kl_target", klTarget);
        Check.positive("kl_coef", klCoef);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ppo = ppo;
        b.klTarget = klTarget;
        b.klCoef = klCoef;
        return b;
    }

    /** Builder with PPO's defaults, d_targ = 0.01 and β = 1. */
    public static final class Builder {
        private PpoConfig ppo = PpoConfig.builder().build();
        private double klTarget = 0.01;
        private double klCoef = 1.0;

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

        public Builder klTarget(double v) {
            klTarget = v;
            return this;
        }

        public Builder klCoef(double v) {
            klCoef = v;
            return this;
        }

        public PpoKlConfig build() {
            return new PpoKlConfig(ppo, klTarget, klCoef);
        }
    }
}
