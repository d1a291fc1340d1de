package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class BacktrackingLineSearchTest {
    @Test
    void returnsTheFirstAcceptedFraction() {
        double[] out = new double[1];
        // Accept only points with x ≤ 0.3: fractions 1, 0.5, 0.25 → the third.
        BacktrackingLineSearch.Result r = BacktrackingLineSearch.search(new double[] {0.0}, new double[] {1.0}, 0.5,
                10, x -> x[0] <= 0.3, out);
        assertEquals(new BacktrackingLineSearch.Result(0.25, 3, true), r);
        assertArrayEquals(new double[] {0.25}, out, 0.0);
    }

    @Test
    void restoresTheStartWhenNothingIsAccepted() {
        double[] out = new double[2];
        BacktrackingLineSearch.Result r = BacktrackingLineSearch.search(new double[] {1, 2}, new double[] {1, 1},
                0.8, 10, x -> false, out);
        assertFalse(r.accepted());
        assertEquals(10, r.trials());
        assertArrayEquals(new double[] {1, 2}, out, 0.0);
    }
}
