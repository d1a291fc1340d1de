package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.PolicyEvaluation;

/**
 * Exact entropy-regularized evaluation of a policy π > 0 (Cen et al. 2021, eq. (9)): with the per-step reward
 * r(s,a) - τ log π(a|s) on unnormalized values,
 * V_τ^π(s) = E[Σ_k γ^k (r(S_k,A_k) - τ log π(A_k|S_k)) | S_0 = s] and Q_τ^π(s,a) = r(s,a) + γ Σ_{s'} P(s'|s,a) V_τ^π(s').
 * Computed as the exact evaluation of π on the MDP with the shifted reward.
 *
 * @param value V_τ^π, length S
 * @param q     Q_τ^π, flat S·A
 */
record SoftEvaluation(double[] value, double[] q) {
    static SoftEvaluation of(FiniteMdp mdp, double[] pi, double tau) {
        double[] logPi = new double[pi.length];
        for (int sa = 0; sa < pi.length; sa++) {
            logPi[sa] = Math.log(pi[sa]);
        }
        return of(mdp, pi, logPi, tau);
    }

    /**
     * The same from log π as well, for iterates whose smallest probabilities underflow (π = e^{-800} is 0 in double
     * precision, its logarithm is not).
     */
    static SoftEvaluation of(FiniteMdp mdp, double[] pi, double[] logPi, double tau) {
        int S = mdp.states();
        int A = mdp.actions();
        FiniteMdp.Builder b = mdp.toBuilder();
        for (int s = 0; s < S; s++) {
            for (int a = 0; a < A; a++) {
                b.reward(s, a, mdp.reward(s, a) - tau * logPi[s * A + a]);
            }
        }
        Evaluation ev = PolicyEvaluation.defaults().run(b.build(), pi, null);
        double[] q = ev.qValues();
        for (int sa = 0; sa < q.length; sa++) {
            // The shifted MDP's Q includes the step's -τ log π(a|s); Q_τ does not.
            q[sa] += tau * logPi[sa];
        }
        return new SoftEvaluation(ev.values(), q);
    }
}
