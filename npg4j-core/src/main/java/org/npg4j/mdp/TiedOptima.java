package org.npg4j.mdp;

import java.util.SplittableRandom;

/**
 * MDPs whose optimal policy is not unique: in every state, k actions are optimal. Given an unconstrained MDP with
 * optimal values V*, a chosen action a' of state s gets the reward
 * <pre>  r(s,a') = V*(s) - γ Σ_{s'} P(s'|s,a') V*(s'),</pre>
 * so that Q*(s,a') = V*(s): V* still solves the Bellman optimality equation (no action's Q* exceeds it), and a' joins
 * the optimal actions while keeping its own transitions. The optimal policies are then a face of the policy set
 * (every policy supported on the optimal actions), which is what the implicit-bias results are about: which point
 * of that face an algorithm converges to. The moved rewards need not stay in [0, 1].
 *
 * <p>Which k - 1 actions join the originally optimal one in each state is drawn from {@code seed}.
 */
public final class TiedOptima {
    private TiedOptima() {
    }

    /**
     * The MDP with k optimal actions in every state.
     *
     * @param mdp            an unconstrained MDP (its optimal actions are computed with the LP)
     * @param optimalActions k in [1, A]
     * @param seed           chooses the tied actions
     */
    public static FiniteMdp tie(FiniteMdp mdp, int optimalActions, long seed) {
        int S = mdp.states();
        int A = mdp.actions();
        if (mdp.isConstrained()) {
            throw new IllegalArgumentException("tied optima: the MDP must be unconstrained (it has "
                    + mdp.costCount() + " costs)");
        }
        if (optimalActions < 1 || optimalActions > A) {
            throw new IllegalArgumentException("tied optima: optimal actions " + optimalActions + " must be in [1, "
                    + A + "]");
        }
        Evaluation star = LinearProgram.solve(mdp).evaluation();
        double[] v = star.values();
        double[] next = new double[S * A];
        mdp.expectedNext(v, next);
        SplittableRandom rng = new SplittableRandom(seed);
        FiniteMdp.Builder b = mdp.toBuilder();
        int[] order = new int[A];
        for (int s = 0; s < S; s++) {
            int best = 0;
            for (int a = 1; a < A; a++) {
                if (star.q(s, a) > star.q(s, best)) {
                    best = a;
                }
            }
            // A random order of the other actions (Fisher-Yates); the first k - 1 are tied with the best one.
            int n = 0;
            for (int a = 0; a < A; a++) {
                if (a != best) {
                    order[n++] = a;
                }
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < optimalActions - 1; i++) {
                int a = order[i];
                b.reward(s, a, v[s] - mdp.gamma() * next[s * A + a]);
            }
        }
        return b.build();
    }
}
