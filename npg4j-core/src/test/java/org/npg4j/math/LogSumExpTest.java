package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogSumExpTest {
    @Test
    void matchesTheDefinitionAndStaysFiniteForHugeArguments() {
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), LogSumExp.logSumExp(new double[] {1, 2, 3}),
                1e-15);
        assertEquals(1000 + Math.log(2), LogSumExp.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(2), LogSumExp.logSumExp(new double[] {-1000, -1000}), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, LogSumExp.logSumExp(new double[] {Double.NEGATIVE_INFINITY}));
        assertTrue(Double.isNaN(LogSumExp.logSumExp(new double[] {0, Double.NaN})));
    }

    @Test
    void softmaxAndLogSoftmaxAgree() {
        double[] x = {0.5, -3.0, 2.0, 700.0};
        double[] p = new double[4];
        double[] lp = new double[4];
        LogSumExp.softmax(x, 0, 4, p, 0);
        LogSumExp.logSoftmax(x, 0, 4, lp, 0);
        double s = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.exp(lp[i]), p[i], 1e-300);
            s += p[i];
        }
        assertEquals(1.0, s, 1e-15);
        assertArrayEquals(new double[] {0.5 - 700, -703, -698, 0}, lp, 1e-12);
    }
}
