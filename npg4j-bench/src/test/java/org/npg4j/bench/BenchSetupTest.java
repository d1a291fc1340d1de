package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.npg4j.math.ConjugateGradient;

/** The benchmarks' set-ups build what they claim to measure (shapes, step counts), on small sizes. */
class BenchSetupTest {
    @Test
    void mlpBenchBuildsThePresetShapesAndItsJvpMatchesAFiniteDifference() {
        for (String shape : new String[] {"4-64-64-2", "8-64-64-4", "3-64-64-1"}) {
            MlpBench b = new MlpBench();
            b.shape = shape;
            b.batch = 4;
            b.setup();
            int[] sizes = Arrays.stream(shape.split("-")).mapToInt(Integer::parseInt).toArray();
            assertEquals(sizes[0], b.mlp.inputSize());
            assertEquals(sizes[3], b.mlp.outputSize());
            double[] jvp = b.forwardJvp().clone();
            double[] y0 = b.forward().clone();
            double h = 1e-6;
            double[] theta0 = b.theta.clone();
            for (int i = 0; i < theta0.length; i++) {
                b.theta[i] = theta0[i] + h * b.v[i];
            }
            double[] y1 = b.forward();
            for (int i = 0; i < jvp.length; i++) {
                assertEquals((y1[i] - y0[i]) / h, jvp[i], 1e-4, shape + " output " + i);
            }
        }
    }

    @Test
    void fisherBenchRunsExactlyTenConjugateGradientStepsOnTheFisherOperator() {
        FisherBench b = new FisherBench();
        b.batch = 64;
        b.setup();
        ConjugateGradient.Result r = b.conjugateGradient10();
        assertEquals(10, r.iterations());
        // The CG iterate solves (F + λI) x ≈ g better than x = 0 does.
        double[] fx = new double[r.x().length];
        b.policy.fisherVectorProduct(b.obs, b.batch, r.x(), FisherBench.DAMPING, fx);
        double res = 0;
        double g2 = 0;
        for (int i = 0; i < fx.length; i++) {
            res += (fx[i] - b.gradient[i]) * (fx[i] - b.gradient[i]);
            g2 += b.gradient[i] * b.gradient[i];
        }
        assertTrue(res < g2, "residual " + res + " vs " + g2);
    }

    @Test
    void gaeBenchFillsTheWholeBufferForEveryChannel() {
        for (int channels = 1; channels <= 2; channels++) {
            GaeBench b = new GaeBench();
            b.channels = channels;
            b.setup();
            assertEquals(2048 * 8 * channels, b.advantages.length);
            b.gae();
            for (int i = 0; i < b.returns.length; i++) {
                assertEquals(b.advantages[i] + b.values[i], b.returns[i], 1e-12);
            }
            double[] copy = b.advantages.clone();
            b.gae();
            assertArrayEquals(copy, b.advantages);
        }
    }
}
