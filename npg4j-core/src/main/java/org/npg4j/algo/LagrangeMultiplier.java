package org.npg4j.algo;

import java.util.Arrays;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Adam;

/**
 * The Lagrange multipliers λ_i ≥ 0 of the Lagrangian baselines, one per constraint, moved once per rollout by the
 * constraint values Ĵ_{c_i} (mean undiscounted episode cost) against the limits b_i. The Lagrangian of the
 * constrained problem max R(π) s.t. J_{c_i}(π) ≤ b_i is L(π, λ) = R(π) − Σ_i λ_i (J_{c_i}(π) − b_i); the dual
 * variable descends L, i.e. ascends Σ_i λ_i (Ĵ_{c_i} − b_i), which is what both methods below do.
 * <ul>
 *   <li><b>gradient</b> (projected gradient ascent on Ĵ_c − b): with {@code sgd},
 *       λ_i ← max(0, λ_i + lr·(Ĵ_{c_i} − b_i)); with {@code adam} (OmniSafe's {@code Lagrange} and SafePO's
 *       default), one step of Adam (PyTorch's, β = (0.9, 0.999), ε = 1e-8) on the loss −λ_i (Ĵ_{c_i} − b_i), then the
 *       projection λ_i ← max(0, λ_i). Adam's step is about {@code lambda_lr} whatever the size of the violation,
 *       which is why lr = 0.035 suits episode costs in the tens.</li>
 *   <li><b>pid</b> (Stooke, Achiam and Abbeel 2020, Algorithm 2): Δ = Ĵ_c − b, ∂ = max(0, Ĵ_c − Ĵ_c,prev),
 *       I ← max(0, I + Δ), λ ← max(0, K_P Δ + K_I I + K_D ∂), Ĵ_c,prev ← Ĵ_c; I and Ĵ_c,prev start at 0
 *       (as OmniSafe's {@code PIDLagrangian}), and λ is {@code lagrangian_multiplier_init} until the first update.</li>
 * </ul>
 * An update whose constraint values are NaN (no episode has ended yet: no information about the cost) leaves every
 * multiplier and the controller's state unchanged.
 */
final class LagrangeMultiplier {
    private final LagrangianConfig config;
    private final double[] limits;
    private final double[] lambda;
    private final Adam adam;
    private final double[] lossGradient;
    private final double[] integral;
    private final double[] previousCost;

    LagrangeMultiplier(LagrangianConfig config) {
        this.config = config;
        this.limits = config.costLimits();
        int m = limits.length;
        this.lambda = new double[m];
        Arrays.fill(lambda, config.multiplierInit());
        this.adam = new Adam(m, 0.9, 0.999, 1e-8);
        this.lossGradient = new double[m];
        this.integral = new double[m];
        this.previousCost = new double[m];
    }

    /** The multipliers λ_i (live array, read only). */
    double[] values() {
        return lambda;
    }

    /** Σ_i λ_i. */
    double sum() {
        double s = 0;
        for (double l : lambda) {
            s += l;
        }
        return s;
    }

    /**
     * One update from the constraint values Ĵ_{c_i} of a rollout; NaN values (no finished episode) change nothing.
     *
     * @return whether the multipliers were updated
     */
    boolean update(double[] episodeCosts) {
        if (episodeCosts.length != lambda.length) {
            throw new IllegalArgumentException("expected " + lambda.length + " constraint values, got "
                    + episodeCosts.length);
        }
        for (double c : episodeCosts) {
            if (Double.isNaN(c)) {
                return false;
            }
            if (Double.isInfinite(c)) {
                throw new IllegalArgumentException("constraint value must be finite, got " + c);
            }
        }
        int m = lambda.length;
        if (config.method() == LagrangianConfig.Method.PID) {
            for (int i = 0; i < m; i++) {
                double delta = episodeCosts[i] - limits[i];
                double derivative = Math.max(0.0, episodeCosts[i] - previousCost[i]);
                integral[i] = Math.max(0.0, integral[i] + delta);
                lambda[i] = Math.max(0.0, config.pidKp() * delta + config.pidKi() * integral[i]
                        + config.pidKd() * derivative);
                previousCost[i] = episodeCosts[i];
            }
        } else if (config.optimizer() == LagrangianConfig.Optimizer.ADAM) {
            // d/dλ of the loss −λ (Ĵ_c − b).
            for (int i = 0; i < m; i++) {
                lossGradient[i] = -(episodeCosts[i] - limits[i]);
            }
            adam.step(lambda, lossGradient, config.lambdaLr());
            for (int i = 0; i < m; i++) {
                lambda[i] = Math.max(0.0, lambda[i]);
            }
        } else {
            for (int i = 0; i < m; i++) {
                lambda[i] = Math.max(0.0, lambda[i] + config.lambdaLr() * (episodeCosts[i] - limits[i]));
            }
        }
        return true;
    }

    /** Entries: {@code lambda}, {@code adam} (its state), {@code pid_integral}, {@code pid_previous_cost}. */
    void writeCheckpoint(StateMap out) {
        out.put("lambda", lambda);
        out.put("adam", adam.state());
        out.put("pid_integral", integral);
        out.put("pid_previous_cost", previousCost);
    }

    void readCheckpoint(StateMap in) {
        int m = lambda.length;
        double[] l = in.doubles("lambda", m);
        for (int i = 0; i < m; i++) {
            if (!(l[i] >= 0) || !Double.isFinite(l[i])) {
                throw new IllegalArgumentException("checkpoint lambda[" + i + "] must be a non-negative number, got "
                        + l[i]);
            }
        }
        double[] a = in.doubles("adam", adam.state().length);
        double[] integ = in.doubles("pid_integral", m);
        double[] prev = in.doubles("pid_previous_cost", m);
        adam.restoreState(a);
        System.arraycopy(l, 0, lambda, 0, m);
        System.arraycopy(integ, 0, integral, 0, m);
        System.arraycopy(prev, 0, previousCost, 0, m);
    }
}
