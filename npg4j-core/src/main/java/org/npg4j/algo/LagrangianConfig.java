package org.npg4j.algo;

import java.util.Arrays;

/**
 * The multiplier settings of the Lagrangian baselines ({@link PpoLagrangian}, {@link TrpoLagrangian}), with OmniSafe's
 * and SafePO's names and defaults. One multiplier λ_i ≥ 0 per constraint; see {@link LagrangeMultiplier} for the
 * update rules.
 *
 * @param costLimits     per-episode limits b_i on the undiscounted episode cost, one per constraint (25, Safety-Gymnasium's)
 * @param method         {@code gradient}: projected gradient ascent on Ĵ_c − b; {@code pid}: Stooke et al.'s PID
 *                       controller (2020)
 * @param multiplierInit λ_i before the first update ({@code lagrangian_multiplier_init}, 0.001)
 * @param lambdaLr       step size of the gradient method ({@code lambda_lr}, 0.035)
 * @param optimizer      the gradient method's optimizer ({@code lambda_optimizer}): {@code adam} (OmniSafe and SafePO
 *                       step torch's Adam on the loss −λ(Ĵ_c − b)) or {@code sgd} (λ ← max(0, λ + lr·(Ĵ_c − b)))
 * @param pidKp          proportional gain of the PID method ({@code pid_kp}, 0.1, OmniSafe's CPPO-PID default)
 * @param pidKi          integral gain ({@code pid_ki}, 0.01)
 * @param pidKd          derivative gain ({@code pid_kd}, 0.01)
 * @param costAdvantage  how the cost advantages are normalized when the parent normalizes its advantages
 *                       ({@code cost_advantage_normalization}): {@code center} (subtract the batch mean, OmniSafe's
 *                       treatment and the default) or {@code standardize} (also divide by the standard deviation, as
 *                       the reward advantages), see {@link CombinedAdvantage}
 */
public record LagrangianConfig(double[] costLimits, Method method, double multiplierInit, double lambdaLr,
                               Optimizer optimizer, double pidKp, double pidKi, double pidKd,
                               CostAdvantage costAdvantage) {
    /** How λ follows the constraint values ({@code lagrangian} key). */
    public enum Method {
        GRADIENT, PID
    }

    /** The gradient method's optimizer ({@code lambda_optimizer} key). */
    public enum Optimizer {
        ADAM, SGD
    }

    /** The normalization of the cost advantages ({@code cost_advantage_normalization} key). */
    public enum CostAdvantage {
        CENTER, STANDARDIZE
    }

    public LagrangianConfig {
        costLimits = CostLimit.check(costLimits);
        if (method == null || optimizer == null || costAdvantage == null) {
            throw new IllegalArgumentException("lagrangian, lambda_optimizer and cost_advantage_normalization are "
                    + "required");
        }
        Check.nonNegative("lagrangian_multiplier_init", multiplierInit);
        Check.positive("lambda_lr", lambdaLr);
        Check.nonNegative("pid_kp", pidKp);
        Check.nonNegative("pid_ki", pidKi);
        Check.nonNegative("pid_kd", pidKd);
    }

    /** The limits b_i (a copy). */
    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** Number of constraints m. */
    public int costCount() {
        return costLimits.length;
    }

    /** The method named by the {@code lagrangian} key ({@code gradient} or {@code pid}). */
    public static Method method(String name) {
        return switch (name) {
            case "gradient" -> Method.GRADIENT;
            case "pid" -> Method.PID;
            default -> throw new IllegalArgumentException("lagrangian must be gradient or pid, got \"" + name + "\"");
        };
    }

    /** The optimizer named by the {@code lambda_optimizer} key ({@code adam} or {@code sgd}). */
    public static Optimizer optimizer(String name) {
        return switch (name) {
            case "adam" -> Optimizer.ADAM;
            case "sgd" -> Optimizer.SGD;
            default -> throw new IllegalArgumentException("lambda_optimizer must be adam or sgd, got \"" + name + "\"");
        };
    }

    /** The normalization named by the {@code cost_advantage_normalization} key ({@code center} or {@code standardize}). */
    public static CostAdvantage costAdvantage(String name) {
        return switch (name) {
            case "center" -> CostAdvantage.CENTER;
            case "standardize" -> CostAdvantage.STANDARDIZE;
            default -> throw new IllegalArgumentException("cost_advantage_normalization must be center or standardize, "
                    + "got \"" + name + "\"");
        };
    }

    /** These settings with other limits. */
    public LagrangianConfig withCostLimits(double... limits) {
        return new LagrangianConfig(limits, method, multiplierInit, lambdaLr, optimizer, pidKp, pidKi, pidKd,
                costAdvantage);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LagrangianConfig c && Arrays.equals(costLimits, c.costLimits) && method == c.method
                && Double.compare(multiplierInit, c.multiplierInit) == 0 && Double.compare(lambdaLr, c.lambdaLr) == 0
                && optimizer == c.optimizer && Double.compare(pidKp, c.pidKp) == 0
                && Double.compare(pidKi, c.pidKi) == 0 && Double.compare(pidKd, c.pidKd) == 0
                && costAdvantage == c.costAdvantage;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(costLimits) + java.util.Objects.hash(method, multiplierInit, lambdaLr, optimizer,
                pidKp, pidKi, pidKd, costAdvantage);
    }

    @Override
    public String toString() {
        return "LagrangianConfig[cost_limit=" + Arrays.toString(costLimits) + ", lagrangian=" + method
                + ", lagrangian_multiplier_init=" + multiplierInit + ", lambda_lr=" + lambdaLr + ", lambda_optimizer="
                + optimizer + ", pid_kp=" + pidKp + ", pid_ki=" + pidKi + ", pid_kd=" + pidKd
                + ", cost_advantage_normalization=" + costAdvantage + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults above (one constraint, limit 25, gradient ascent with Adam, centred costs). */
    public static final class Builder {
        private double[] costLimits = {25.0};
        private Method method = Method.GRADIENT;
        private double multiplierInit = 0.001;
        private double lambdaLr = 0.035;
        private Optimizer optimizer = Optimizer.ADAM;
        private double pidKp = 0.1;
        private double pidKi = 0.01;
        private double pidKd = 0.01;
        private CostAdvantage costAdvantage = CostAdvantage.CENTER;

        public Builder costLimits(double... limits) {
            costLimits = limits.clone();
            return this;
        }

        public Builder method(Method m) {
            method = m;
            return this;
        }

        public Builder multiplierInit(double v) {
            multiplierInit = v;
            return this;
        }

        public Builder lambdaLr(double v) {
            lambdaLr = v;
            return this;
        }

        public Builder optimizer(Optimizer o) {
            optimizer = o;
            return this;
        }

        public Builder pidKp(double v) {
            pidKp = v;
            return this;
        }

        public Builder pidKi(double v) {
            pidKi = v;
            return this;
        }

        public Builder pidKd(double v) {
            pidKd = v;
            return this;
        }

        public Builder pid(double kp, double ki, double kd) {
            pidKp = kp;
            pidKi = ki;
            pidKd = kd;
            return this;
        }

        public Builder costAdvantage(CostAdvantage c) {
            costAdvantage = c;
            return this;
        }

        public LagrangianConfig build() {
            return new LagrangianConfig(costLimits, method, multiplierInit, lambdaLr, optimizer, pidKp, pidKi, pidKd,
                    costAdvantage);
        }
    }
}
