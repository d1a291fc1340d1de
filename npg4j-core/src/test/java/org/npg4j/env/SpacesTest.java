package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpacesTest {
    @Test
    void discreteContainsSamplesAndFlatDim() {
        Discrete d = new Discrete(3);
        assertTrue(d.contains(0) && d.contains(2));
        assertFalse(d.contains(3) || d.contains(-1));
        assertTrue(d.contains(new double[] {2.0}));
        assertFalse(d.contains(new double[] {1.5}));
        assertEquals(3, d.flatDim());
        assertEquals(1, d.dim());
        int[] counts = new int[3];
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < 3000; i++) {
            counts[d.sample(rng)]++;
        }
        for (int c : counts) {
            assertTrue(c > 900 && c < 1100, "uniform: " + c);
        }
        assertEquals("Discrete(3)", d.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
        assertEquals("Discrete space needs n >= 1, got 0", e.getMessage());
    }

    @Test
    void boxContainsClipsAndSamplesEveryBoundKind() {
        double inf = Double.POSITIVE_INFINITY;
        Box b = new Box(new double[] {-1, 0, -inf, -inf}, new double[] {1, inf, 5, inf}, 2, 2);
        assertEquals(4, b.flatDim());
        assertEquals(4, b.dim());
        assertFalse(b.isBounded());
        SplittableRandom rng = new SplittableRandom(0);
        double[] x = new double[4];
        double sumUnbounded = 0;
        for (int i = 0; i < 2000; i++) {
            b.sample(rng, x);
            assertTrue(b.contains(x));
            sumUnbounded += x[3];
        }
        assertEquals(0.0, sumUnbounded / 2000, 0.1, "standard normal on unbounded coordinates");
        assertFalse(b.contains(new double[] {2, 0, 0, 0}));
        assertFalse(b.contains(new double[] {Double.NaN, 0, 0, 0}));
        assertFalse(b.contains(new double[] {0, 0, 0}));
        double[] y = {3, -1, 7, 1};
        b.clipInPlace(y);
        assertEquals(java.util.List.of(1.0, 0.0, 5.0, 1.0), java.util.List.of(y[0], y[1], y[2], y[3]));
        assertEquals("Box(-2.0, 2.0, (1,), float64)", Box.uniform(-2, 2, 1).toString());
        assertEquals("Box(0.0, 1.0, (2, 3), float64)", Box.uniform(0, 1, 2, 3).toString());
    }

    @Test
    void invalidBoxesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Box.of(new double[] {1}, new double[] {0}));
        assertEquals("Box bound 0 is invalid: low 1.0, high 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Box(new double[2], new double[2], 3));
        assertEquals("Box shape [3] does not match bounds of length 2 and 2", e.getMessage());
    }
}
