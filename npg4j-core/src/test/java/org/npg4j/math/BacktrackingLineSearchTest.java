package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BacktrackingLineSearchTest {
    @Test
    void returnsTheFirstAcceptedFraction() {
        double[] theta = {0.0};
        // Accept only points with θ ≤ 0.3: fractions 1, 0.5, 0.25 of the step 1 → the third.
        BacktrackingLineSearch.Result<Double> r = BacktrackingLineSearch.search(theta, new double[] {0.0}, 1,
                new double[] {2.0}, 0.5, 0.5, 10, () -> theta[0], v -> v <= 0.3);
        assertTrue(r.accepted());
        assertEquals(0.25, r.stepFraction());
        assertEquals(3, r.trials());
        assertEquals(0.25, r.value());
        assertArrayEquals(new double[] {0.25}, theta, 0.0);
    }

    @Test
    void restoresTheStartWhenNothingIsAcceptedAndMovesOnlyTheLeadingParameters() {
        double[] theta = {1, 2, 7};
        BacktrackingLineSearch.Result<Double> r = BacktrackingLineSearch.search(theta, new double[] {1, 2, 3}, 2,
                new double[] {1, 1, 1}, 1.0, 0.8, 10, () -> theta[0], v -> false);
        assertFalse(r.accepted());
        assertEquals(10, r.trials());
        assertArrayEquals(new double[] {1, 2, 7}, theta, 0.0);
    }

    @Test
    void triesNothingWithoutAStep() {
        double[] theta = {4};
        BacktrackingLineSearch.Result<Double> r = BacktrackingLineSearch.search(theta, new double[] {4}, 1,
                new double[] {1}, 0.0, 0.8, 10, () -> theta[0], v -> true);
        assertFalse(r.accepted());
        assertEquals(0, r.trials());
        assertNull(r.value());
    }
}
