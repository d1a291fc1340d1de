package org.npg4j.mdp;

/**
 * Bellman operators and residuals on flat arrays: the optimality operator T V(s) = max_a [r + γPV](s,a), the
 * greedy policy, and the soft (entropy- or KL-regularized) operator. Used by the solvers and by tests.
 */
public final class Bellman {
    private Bellman() {
    }

    /** Q(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V(s'), flat S·A. */
    public static double[] q(FiniteMdp mdp, double[] v) {
        return PolicyEvaluation.actionValues(mdp, mdp.rewards(), v);
    }

    /** (T V)(s) = max_a Q(s,a) with Q from V. */
    public static double[] optimality(FiniteMdp mdp, double[] v) {
        double[] q = q(mdp, v);
        int A = mdp.actions();
        double[] out = new double[mdp.states()];
        for (int s = 0; s < out.length; s++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < A; a++) {
                best = Math.max(best, q[s * A + a]);
            }
            out[s] = best;
        }
        return out;
    }

    /** ||T V - V||∞, the Bellman optimality residual; V is optimal iff it is 0. */
    public static double optimalityResidual(FiniteMdp mdp, double[] v) {
        double[] tv = optimality(mdp, v);
        double m = 0.0;
        for (int s = 0; s < tv.length; s++) {
            m = Math.max(m, Math.abs(tv[s] - v[s]));
        }
        return m;
    }

    /**
     * The greedy policy for Q: in each state, uniform over the actions within {@code tieTolerance} of the best
     * (ties kept, so a greedy policy is a fixed point when Q is exact).
     */
    public static TabularPolicy greedy(int states, int actions, double[] q, double tieTolerance) {
        double[] pi = new double[states * actions];
        for (int s = 0; s < states; s++) {
            int o = s * actions;
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                best = Math.max(best, q[o + a]);
            }
            int count = 0;
            for (int a = 0; a < actions; a++) {
                if (q[o + a] >= best - tieTolerance) {
                    count++;
                }
            }
            for (int a = 0; a < actions; a++) {
                pi[o + a] = q[o + a] >= best - tieTolerance ? 1.0 / count : 0.0;
            }
        }
        return TabularPolicy.trusted(states, actions, pi);
    }

    /**
     * The soft operator with reference π0 and temperature τ > 0:
     * (T_τ V)(s) = τ log Σ_a π0(a|s) exp(Q(s,a)/τ), Q = r + γPV, computed with log-sum-exp (stable for any τ).
     * With π0 uniform this is the entropy-regularized operator shifted by τ log|A|. Actions with π0(a|s) = 0
     * are excluded.
     */
    public static double[] soft(FiniteMdp mdp, double[] v, double[] pi0, double tau) {
        return softFromQ(mdp.states(), mdp.actions(), q(mdp, v), pi0, tau, null);
    }

    /**
     * The soft value τ log Σ_a π0 exp(Q/τ) per state from Q; when {@code policyOut} is non-null it receives the
     * soft-greedy policy π(a|s) ∝ π0(a|s) exp(Q(s,a)/τ).
     */
    static double[] softFromQ(int S, int A, double[] q, double[] pi0, double tau, double[] policyOut) {
        double[] out = new double[S];
        for (int s = 0; s < S; s++) {
            int o = s * A;
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < A; a++) {
                if (pi0[o + a] > 0) {
                    max = Math.max(max, q[o + a]);
                }
            }
            double z = 0.0;
            for (int a = 0; a < A; a++) {
                double w = pi0[o + a] > 0 ? pi0[o + a] * Math.exp((q[o + a] - max) / tau) : 0.0;
                if (policyOut != null) {
                    policyOut[o + a] = w;
                }
                z += w;
            }
            out[s] = max + tau * Math.log(z);
            if (policyOut != null) {
                for (int a = 0; a < A; a++) {
                    policyOut[o + a] /= z;
                }
            }
        }
        return out;
    }
}
