package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastTanhTest {
    /** The documented bound: relative error below 2e-15 against fdlibm's tanh for |x| from 1e-8 to 1e3. */
    @Test
    void relativeErrorBelowDocumentedBound() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 1 << 20;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, -8 + 11 * rng.nextDouble());
        }
        double[] y = x.clone();
        FastTanh.tanhInPlace(y, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double exact = StrictMath.tanh(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - exact) / Math.abs(exact));
            assertEquals(FastTanh.tanh(x[i]), y[i], 0.0, "scalar and in-place forms agree");
        }
        assertTrue(worst < 2e-15, "worst relative error " + worst);
    }

    @Test
    void specialValues() {
        assertEquals(0.0, FastTanh.tanh(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FastTanh.tanh(-0.0)));
        assertEquals(1.0, FastTanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FastTanh.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, FastTanh.tanh(19.5));
        assertEquals(-1.0, FastTanh.tanh(-1e308));
        assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
        assertEquals(1e-300, FastTanh.tanh(1e-300));
        double[] y = {Double.NaN, 25.0, -25.0};
        FastTanh.tanhInPlace(y, 0, 3);
        assertTrue(Double.isNaN(y[0]));
        assertEquals(1.0, y[1]);
        assertEquals(-1.0, y[2]);
    }
}
