package org.npg4j.mdp;

/**
 * A two-state, two-action example whose policy set is a square and whose state-action polytope is a
 * quadrilateral, used for the pictures of optimization trajectories (and, with its cost, the toy CMDP of the
 * C-NPG example):
 * <ul>
 *   <li>from s1: a1 stays in s1, a2 moves to s2; from s2: a1 stays in s2, a2 moves to s1 (deterministic);</li>
 *   <li>rewards r(s,a) = [[1, 0], [2, 0]]; γ = 0.9; ρ = (0.8, 0.2);</li>
 *   <li>constrained variant: one cost c(s,a) = [[0.1, 0], [1.0, 0.01]] with limit b = 0.2 on C(π) = c·d^π.</li>
 * </ul>
 * Unconstrained optimum R* = 1.84 (π(s1) = a2, π(s2) = a1, cost 0.92); constrained optimum R* ≈ 1.1031903 at cost
 * exactly 0.2, with π(a1|s1) = 1 and π(a1|s2) ≈ 0.92714.
 */
public final class TwoStateMdp {
    private TwoStateMdp() {
    }

    /** The unconstrained two-state MDP. */
    public static FiniteMdp unconstrained() {
        return builder().build();
    }

    /** The toy CMDP: the same MDP with its cost and limit 0.2. */
    public static FiniteMdp constrained() {
        return builder().cost("cost", new double[][] {{0.1, 0.0}, {1.0, 0.01}}, 0.2).build();
    }

    private static FiniteMdp.Builder builder() {
        return FiniteMdp.builder(2, 2).gamma(0.9).initial(new double[] {0.8, 0.2})
                .transition(0, 0, 0, 1.0).transition(0, 1, 1, 1.0)
                .transition(1, 0, 1, 1.0).transition(1, 1, 0, 1.0)
                .reward(0, 0, 1.0).reward(0, 1, 0.0).reward(1, 0, 2.0).reward(1, 1, 0.0);
    }
}
