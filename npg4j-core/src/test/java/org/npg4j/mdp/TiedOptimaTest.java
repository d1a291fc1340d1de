package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TiedOptimaTest {
    @Test
    void tiedMdpKeepsTheOptimalValuesAndHasExactlyKOptimalActionsPerState() {
        for (long seed = 0; seed < 4; seed++) {
            FiniteMdp base = Garnet.of(8, 4, 3, seed).generate();
            double[] vStar = LinearProgram.solve(base).values();
            for (int k = 1; k <= 4; k++) {
                FiniteMdp tied = TiedOptima.tie(base, k, seed);
                Evaluation star = LinearProgram.solve(tied).evaluation();
                assertArrayEquals(vStar, star.values(), 1e-9, "seed " + seed + ", k " + k);
                for (int s = 0; s < tied.states(); s++) {
                    int optimal = 0;
                    for (int a = 0; a < tied.actions(); a++) {
                        double gap = star.value(s) - star.q(s, a);
                        assertTrue(gap > -1e-9, "Q* above V* at s " + s + ", a " + a);
                        optimal += gap < 1e-9 ? 1 : 0;
                        // Only rewards move: the transitions are the base MDP's.
                        for (int next = 0; next < tied.states(); next++) {
                            assertEquals(base.transition(s, a, next), tied.transition(s, a, next));
                        }
                    }
                    assertEquals(k, optimal, "seed " + seed + ", state " + s);
                }
            }
        }
    }

    @Test
    void specTiesTheGarnetAndBadCountsAreNamed() {
        FiniteMdp base = Garnet.of(6, 3, 2, 4).generate();
        assertEquals(TiedOptima.tie(base, 2, 4), MdpSpecs.parse("garnet:states=6,actions=3,branching=2,seed=4,optimal=2"));
        assertEquals(base, MdpSpecs.parse("garnet:states=6,actions=3,branching=2,seed=4,optimal=1"));
        assertEquals("tied optima: optimal actions 4 must be in [1, 3]",
                assertThrows(IllegalArgumentException.class, () -> TiedOptima.tie(base, 4, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TiedOptima.tie(TwoStateMdp.constrained(), 1, 0))
                .getMessage().startsWith("tied optima: the MDP must be unconstrained"));
    }
}
