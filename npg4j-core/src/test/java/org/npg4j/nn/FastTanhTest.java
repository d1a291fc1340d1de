package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastTanhTest {
    /** The documented bound: relative error below 1e-15 against fdlibm's tanh on every range the code branches on. */
    @Test
    void relativeErrorBelowDocumentedBound() {
        SplittableRandom rng = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double scale = Math.pow(10, -8 + 9.5 * rng.nextDouble());
            double x = (rng.nextBoolean() ? 1 : -1) * scale * rng.nextDouble();
            double exact = StrictMath.tanh(x);
            double e = exact == 0 ? Math.abs(FastTanh.tanh(x)) : Math.abs(FastTanh.tanh(x) - exact) / Math.abs(exact);
            worst = Math.max(worst, e);
        }
        assertTrue(worst < 1e-15, "worst relative error " + worst);
    }

    @Test
    void specialValues() {
        assertEquals(0.0, FastTanh.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FastTanh.tanh(-0.0)));
        assertEquals(1.0, FastTanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FastTanh.tanh(-30.0));
        assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
        assertEquals(1e-300, FastTanh.tanh(1e-300));
    }
}
