package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LP's strictly feasible start: strictly inside every constraint, with d^π > 0 on every reachable pair. */
class StrictlyFeasiblePolicyTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3})
    void constrainedGarnetStartIsStrictlySafeWithFullSupport(long seed) {
        // The uniform policy violates a limit of 0.3 here (costs ~ U[0, 1), mean 0.5): the start must come from the LP.
        FiniteMdp mdp = new ConstrainedGarnet(20, 4, 3, 0.9, 0.5, 0.3, seed).generate();
        Evaluation uniform = PolicyEvaluation.evaluate(mdp, TabularPolicy.uniform(20, 4));
        assertTrue(uniform.costReturn(0) > 0.3, "the uniform policy is unsafe: " + uniform.costReturn(0));
        Evaluation ev = PolicyEvaluation.evaluate(mdp, LinearProgram.strictlyFeasiblePolicy(mdp));
        assertTrue(ev.costReturn(0) < 0.3, "strictly safe: C = " + ev.costReturn(0));
        for (double d : ev.stateActionDistribution()) {
            assertTrue(d > 0, "full support");
        }
    }

    @Test
    void toyCmdpStartIsStrictlySafe() {
        FiniteMdp mdp = TwoStateMdp.constrained();
        Evaluation ev = PolicyEvaluation.evaluate(mdp, LinearProgram.strictlyFeasiblePolicy(mdp));
        assertTrue(ev.costReturn(0) < 0.2 && ev.costReturn(0) > 0, "C = " + ev.costReturn(0));
    }

    @Test
    void withoutStrictlyFeasiblePolicyItFailsClearly() {
        // c ≥ 0 everywhere and limit 0: only C = 0 would do, and no policy has C < 0.
        FiniteMdp tight = TwoStateMdp.unconstrained().toBuilder()
                .cost("cost", new double[][] {{0.1, 0.0}, {1.0, 0.01}}, 0.0).build();
        String m = assertThrows(LinearProgram.InfeasibleException.class,
                () -> LinearProgram.strictlyFeasiblePolicy(tight)).getMessage();
        assertTrue(m.startsWith("constrained MDP has no strictly feasible policy"), m);
        assertEquals("a strictly feasible start needs a constrained MDP (no costs given)",
                assertThrows(IllegalArgumentException.class,
                        () -> LinearProgram.strictlyFeasiblePolicy(TwoStateMdp.unconstrained())).getMessage());
    }
}
