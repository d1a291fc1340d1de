package org.npg4j.mdp;

import java.util.Arrays;

/**
 * Regularized optimal control by soft value iteration.
 *
 * <p><b>Entropy regularization.</b> π*_τ maximizes R_τ(π) = R(π) + τΨ(π) with Ψ(π) = (1-γ) E[Σ_k γ^k H(π(·|S_k))],
 * the discounted expected Shannon entropy; on unnormalized values that is a per-step bonus τ·H(π(·|s)). Its
 * soft values satisfy V(s) = τ log Σ_a exp(Q(s,a)/τ), Q = r + γPV, and π*_τ(a|s) ∝ exp(Q(s,a)/τ).
 *
 * <p><b>KL regularization.</b> argmax_π {R(π) - τ·D(π, π0)} with D(π, π0) = Σ_s d^π_S(s) KL(π(·|s) || π0(·|s)),
 * i.e. a per-step penalty τ·KL on unnormalized values: V(s) = τ log Σ_a π0(a|s) exp(Q(s,a)/τ) and
 * π(a|s) ∝ π0(a|s) exp(Q(s,a)/τ); actions with π0(a|s) = 0 keep probability 0. With π0 uniform this is the
 * entropy-regularized problem shifted by τ log|A| per step.
 *
 * <p>Both soft operators are γ-contractions in the sup norm, so iteration stops once
 * γ/(1-γ)·||V_{k+1} - V_k||∞ ≤ tolerance, guaranteeing ||V - V_τ*||∞ ≤ tolerance. The log-sum-exp form is stable for
 * any τ > 0 (no overflow or NaN as τ → 0).
 */
public final class SoftValueIteration {
    private SoftValueIteration() {
    }

    /**
     * The result of a regularized solve.
     *
     * @param solution  the regularized-optimal policy and its exact (unregularized) evaluation
     * @param softValue the regularized values V_τ (unnormalized)
     * @param softQ     the regularized Q_τ = r + γPV_τ, flat S·A
     * @param tau       the temperature
     */
    public record Result(Solution solution, double[] softValue, double[] softQ, double tau) {
        public TabularPolicy policy() {
            return solution.policy();
        }

        /** R(π_τ) of the regularized-optimal policy, without the regularizer. */
        public double expectedReturn() {
            return solution.expectedReturn();
        }
    }

    /** π*_τ of the entropy-regularized problem. */
    public static Result entropy(FiniteMdp mdp, double tau, double tolerance) {
        double[] uniform = new double[mdp.pairs()];
        Arrays.fill(uniform, 1.0 / mdp.actions());
        Result r = run(mdp, uniform, tau, tolerance, "soft-vi");
        // Shift from the KL form with uniform π0 back to the entropy form: V_H = V_KL + τ log|A|/(1-γ).
        double shift = tau * Math.log(mdp.actions()) / (1.0 - mdp.gamma());
        double[] v = r.softValue().clone();
        double[] q = r.softQ().clone();
        for (int s = 0; s < v.length; s++) {
            v[s] += shift;
        }
        for (int sa = 0; sa < q.length; sa++) {
            q[sa] += mdp.gamma() * shift;
        }
        return new Result(r.solution(), v, q, tau);
    }

    /** argmax_π {R(π) - τ D(π, π0)}, the KL-regularized optimum against the reference policy π0. */
    public static Result klRegularized(FiniteMdp mdp, TabularPolicy reference, double tau, double tolerance) {
        reference.checkCompatible(mdp);
        return run(mdp, reference.probabilities(), tau, tolerance, "kl-vi");
    }

    private static Result run(FiniteMdp mdp, double[] pi0, double tau, double tolerance, String name) {
        if (!(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau " + tau + " must be positive");
        }
        long t0 = System.nanoTime();
        int S = mdp.states();
        int A = mdp.actions();
        double gamma = mdp.gamma();
        double[] v = new double[S];
        double[] q = new double[S * A];
        int k = 0;
        while (true) {
            mdp.expectedNext(v, q);
            for (int sa = 0; sa < q.length; sa++) {
                q[sa] = mdp.reward(sa / A, sa % A) + gamma * q[sa];
            }
            double[] next = Bellman.softFromQ(S, A, q, pi0, tau, null);
            k++;
            double diff = 0.0;
            for (int s = 0; s < S; s++) {
                diff = Math.max(diff, Math.abs(next[s] - v[s]));
            }
            v = next;
            if (gamma * diff <= tolerance * (1.0 - gamma) || diff == 0.0) {
                break;
            }
        }
        q = Bellman.q(mdp, v);
        double[] pi = new double[S * A];
        Bellman.softFromQ(S, A, q, pi0, tau, pi);
        TabularPolicy policy = TabularPolicy.trusted(S, A, pi);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, policy);
        Solution sol = new Solution(policy, ev, name, k, (System.nanoTime() - t0) * 1e-9);
        return new Result(sol, v, q, tau);
    }
}
