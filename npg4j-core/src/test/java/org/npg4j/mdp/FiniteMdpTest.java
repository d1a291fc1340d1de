package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FiniteMdpTest {
    /** A valid 2-state 2-action MDP builder, edited by each failure test. */
    static FiniteMdp.Builder valid() {
        return FiniteMdp.builder(2, 2).gamma(0.9).initial(new double[] {0.5, 0.5})
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1).transition(1, 0, 1, 0.5).transition(1, 0, 0, 0.5)
                .transition(1, 1, 0, 1).reward(0, 0, 1).reward(1, 1, 2);
    }

    static String failure(Consumer<FiniteMdp.Builder> edit) {
        FiniteMdp.Builder b = valid();
        return assertThrows(IllegalArgumentException.class, () -> {
            edit.accept(b);
            b.build();
        }).getMessage();
    }

    @Test
    void everyInvalidInputHasItsMessage() {
        assertEquals("P(.|s=0,a=1) sums to 0.97, expected 1",
                failure(b -> b.transition(0, 1, 1, -0.03)));
        assertEquals("P(s'=1|s=1,a=1) = -0.5 is negative",
                failure(b -> b.transition(1, 1, 0, 0.5).transition(1, 1, 1, -0.5)));
        assertEquals("P(s'=1|s=0,a=0) = NaN is not finite", failure(b -> b.transition(0, 0, 1, Double.NaN)));
        assertEquals("gamma 1.0 must be in [0, 1)", failure(b -> b.gamma(1.0)));
        assertEquals("gamma -0.1 must be in [0, 1)", failure(b -> b.gamma(-0.1)));
        assertEquals("initial distribution sums to 0.9, expected 1", failure(b -> b.initial(new double[] {0.5, 0.4})));
        assertEquals("initial[s=1] = -0.5 is negative", failure(b -> b.initial(new double[] {1.5, -0.5})));
        assertEquals("initial distribution has 3 entries, expected 2", failure(b -> b.initial(new double[] {1, 0, 0})));
        assertEquals("r(s=1,a=0) = Infinity is not finite", failure(b -> b.reward(1, 0, Double.POSITIVE_INFINITY)));
        assertEquals("cost 'c' c(s=0,a=1) = NaN is not finite",
                failure(b -> b.cost("c", new double[] {0, Double.NaN, 0, 0}, 1)));
        assertEquals("cost 'c' limit NaN is not finite", failure(b -> b.cost("c", new double[4], Double.NaN)));
        assertEquals("cost 'c' has 3 values, expected states*actions = 4", failure(b -> b.cost("c", new double[3], 1)));
        assertEquals("next state 2 out of range [0, 2)", failure(b -> b.transition(0, 0, 2, 1)));
        assertEquals("action 2 out of range [0, 2)", failure(b -> b.reward(0, 2, 1)));
        assertEquals("state -1 out of range [0, 2)", failure(b -> b.reward(-1, 0, 1)));
        assertEquals("3 state names given, expected 2", failure(b -> b.stateNames(List.of("a", "b", "c"))));
        assertEquals("1 action names given, expected 2", failure(b -> b.actionNames(List.of("a"))));
        assertEquals("gamma is not set", assertThrows(IllegalArgumentException.class,
                () -> FiniteMdp.builder(1, 1).initialState(0).transition(0, 0, 0, 1).build()).getMessage());
        assertEquals("states must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> FiniteMdp.builder(0, 1)).getMessage());
    }

    @Test
    void duplicateTransitionsAreSummedAndRowsSorted() {
        FiniteMdp mdp = valid().build();
        int sa = mdp.pair(1, 0);
        assertEquals(2, mdp.rowStart(sa + 1) - mdp.rowStart(sa));
        assertEquals(0, mdp.successor(mdp.rowStart(sa)), "sorted successors");
        FiniteMdp dup = FiniteMdp.builder(1, 1).gamma(0.5).initialState(0)
                .transition(0, 0, 0, 0.25).transition(0, 0, 0, 0.75).build();
        assertEquals(1.0, dup.transition(0, 0, 0));
    }

    @Test
    void sparseProductsMatchDenseOnes() {
        FiniteMdp mdp = Garnet.of(15, 3, 4, 9).generate();
        double[] v = new double[15];
        for (int s = 0; s < 15; s++) {
            v[s] = Math.sin(s);
        }
        double[] out = new double[mdp.pairs()];
        mdp.expectedNext(v, out);
        double[] x = new double[mdp.pairs()];
        for (int sa = 0; sa < x.length; sa++) {
            x[sa] = Math.cos(sa);
        }
        double[] pushed = new double[15];
        mdp.pushForward(x, pushed);
        double[] dense = new double[15];
        for (int s = 0; s < 15; s++) {
            for (int a = 0; a < 3; a++) {
                double acc = 0;
                for (int t = 0; t < 15; t++) {
                    acc += mdp.transition(s, a, t) * v[t];
                    dense[t] += mdp.transition(s, a, t) * x[mdp.pair(s, a)];
                }
                assertEquals(acc, out[mdp.pair(s, a)], 1e-14);
            }
        }
        assertArrayEquals(dense, pushed, 1e-13);
    }

    @Test
    void copiesDoNotExposeInternals() {
        FiniteMdp mdp = valid().cost("c", new double[] {1, 0, 0, 1}, 0.5).build();
        mdp.rewards()[0] = 99;
        mdp.initialDistribution()[0] = 99;
        mdp.cost(0).values()[0] = 99;
        assertEquals(1.0, mdp.reward(0, 0));
        assertEquals(0.5, mdp.initial(0));
        assertEquals(1.0, mdp.cost(0).value(0));
        assertEquals(mdp, mdp.toBuilder().build());
        assertFalse(mdp.withGamma(0.5).equals(mdp));
    }

    @Test
    void tabularPolicyValidatesAndStaysFinite() {
        assertEquals("pi(.|s=1) sums to 0.9, expected 1", assertThrows(IllegalArgumentException.class,
                () -> TabularPolicy.of(new double[][] {{1, 0}, {0.5, 0.4}})).getMessage());
        assertEquals("pi(a=0|s=0) = -0.1 is negative", assertThrows(IllegalArgumentException.class,
                () -> TabularPolicy.of(new double[][] {{-0.1, 1.1}})).getMessage());
        TabularPolicy sm = TabularPolicy.softmax(1, 3, new double[] {1e308, -1e308, 0});
        assertEquals(1.0, sm.probability(0, 0));
        assertEquals(0.0, sm.probability(0, 1));
        assertEquals(1.0, TabularPolicy.deterministic(3, new int[] {2}).probability(0, 2));
    }
}
