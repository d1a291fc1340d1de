package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScalingTest {
    @Test
    void logLogFitRecoversAPowerLaw() {
        double[] s = {100, 300, 1000, 3000, 10000};
        double[] t = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            t[i] = 0.002 * Math.pow(s[i], 1.3);
        }
        double[] fit = Scaling.logLogFit(s, t);
        assertEquals(1.3, fit[0], 1e-12);
        assertEquals(Math.log(0.002), fit[1], 1e-12);
    }

    @Test
    void linearFitRecoversFixedAndMarginalCost() {
        double[] x = {256, 1024, 4096, 16384};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3e6 + 160 * x[i];
        }
        double[] fit = MemoryScaling.linearFit(x, y);
        assertEquals(160, fit[0], 1e-9);
        assertEquals(3e6, fit[1], 1e-3);
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, ExactNpgScaling.median(new double[] {3, 1, 2, 99}, 3));
        assertEquals(2.5, ExactNpgScaling.median(new double[] {4, 1, 3, 2}, 4));
    }
}
