package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamMatchesAHandComputedTrace() {
        Adam adam = new Adam(2, 0.9, 0.999, 1e-8);
        double[] theta = {1.0, -2.0};
        adam.step(theta, new double[] {0.5, 0.0}, 0.1);
        // t=1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25.
        double t1 = 1.0 - 0.1 * 0.5 / (0.5 + 1e-8);
        assertEquals(t1, theta[0], 1e-15);
        assertEquals(-2.0, theta[1]);
        adam.step(theta, new double[] {-1.0, 0.0}, 0.1);
        // t=2: m = -0.055, v = 0.00124975, m̂ = -0.055/0.19, v̂ = 0.00124975/0.001999.
        double t2 = t1 + 0.1 * (0.055 / 0.19) / (Math.sqrt(0.00124975 / 0.001999) + 1e-8);
        assertEquals(t2, theta[0], 1e-15);
        assertEquals(2, adam.stepCount());
    }

    @Test
    void adamFirstStepHasLengthLearningRatePerCoordinate() {
        Adam adam = new Adam(3, 1e-5);
        double[] theta = new double[3];
        adam.step(theta, new double[] {1e3, -2.0, 0.5}, 3e-4);
        // m̂ = g and √v̂ = |g|, so the step is -lr · g / (|g| + ε) ≈ -lr · sign(g).
        assertEquals(-3e-4 * 1e3 / (1e3 + 1e-5), theta[0], 1e-19);
        assertEquals(3e-4 * 2.0 / (2.0 + 1e-5), theta[1], 1e-19);
        assertEquals(-3e-4 * 0.5 / (0.5 + 1e-5), theta[2], 1e-19);
    }

    @Test
    void rmsPropMatchesAHandComputedTraceWithEpsilonOutsideTheRoot() {
        RmsProp rms = RmsProp.a2cDefaults(1);
        double[] theta = {0.0};
        rms.step(theta, new double[] {2.0}, 0.01);
        double t1 = -0.01 * 2.0 / (Math.sqrt(0.04) + 1e-5);
        assertEquals(t1, theta[0], 1e-16);
        rms.step(theta, new double[] {-1.0}, 0.01);
        assertEquals(t1 + 0.01 / (Math.sqrt(0.0496) + 1e-5), theta[0], 1e-16);
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        double[] theta = {1.0, 2.0};
        new Sgd().step(theta, new double[] {10.0, -20.0}, 0.1);
        assertArrayEquals(new double[] {0.0, 4.0}, theta, 1e-15);
    }

    @Test
    void optimizerStateRoundTripsExactly() {
        SplittableRandom rng = new SplittableRandom(4);
        Optimizer[][] pairs = {{new Adam(5, 1e-5), new Adam(5, 1e-5)}, {RmsProp.a2cDefaults(5), RmsProp.a2cDefaults(5)}};
        for (Optimizer[] pair : pairs) {
            double[] theta = new double[5];
            for (int s = 0; s < 3; s++) {
                pair[0].step(theta, rng.doubles(5).toArray(), 0.01);
            }
            pair[1].restoreState(pair[0].state());
            assertArrayEquals(pair[0].state(), pair[1].state(), 0.0);
            double[] g = rng.doubles(5).toArray();
            double[] a = theta.clone();
            double[] b = theta.clone();
            pair[0].step(a, g, 0.01);
            pair[1].step(b, g, 0.01);
            assertArrayEquals(a, b, 0.0);
        }
        assertEquals("Adam state has length 11, got 3", assertThrows(IllegalArgumentException.class,
                () -> new Adam(5, 1e-8).restoreState(new double[3])).getMessage());
    }

    @Test
    void clippingFollowsTorchFormula() {
        double[] g = {3.0, 4.0};
        assertEquals(5.0, GradientClipping.clipGradNormInPlace(g, 1.0));
        assertArrayEquals(new double[] {3.0 / (5.0 + 1e-6), 4.0 / (5.0 + 1e-6)}, g, 0.0);
        double[] h = {3.0, 4.0};
        GradientClipping.clipGradNormInPlace(h, 10.0);
        assertArrayEquals(new double[] {3.0, 4.0}, h, 0.0);
        assertEquals("max_grad_norm must be positive, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGradNormInPlace(h, 0.0)).getMessage());
    }

    @Test
    void schedulesFollowTheZoo() {
        assertEquals(3e-4, Schedule.parse("3e-4").value(0.2));
        assertEquals(0.25 * 7.3e-4, Schedule.parse("lin_7.3e-4").value(0.25), 1e-20);
        assertEquals(7.3e-4, Schedule.linear(7.3e-4).value(1.0));
        assertEquals(0.0, Schedule.linear(7.3e-4).value(0.0));
        assertEquals("schedule must be a number or lin_<number>, got 'cos_1'",
                assertThrows(IllegalArgumentException.class, () -> Schedule.parse("cos_1")).getMessage());
    }
}
