package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FanInUniformInitializerTest {
    /** PyTorch's kaiming_uniform_(a=√5) bound, gain·√(3/fan_in) with gain = √(2/(1+a²)), is 1/√fan_in. */
    @Test
    void theBoundIsKaimingUniformWithASqrt5() {
        for (int fanIn : new int[] {1, 11, 64, 256}) {
            double gain = Math.sqrt(2.0 / (1.0 + 5.0));
            assertEquals(gain * Math.sqrt(3.0 / fanIn), FanInUniformInitializer.bound(fanIn), 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> FanInUniformInitializer.bound(0));
    }

    /**
     * Every layer's weights and biases lie in [-1/√n_in, 1/√n_in] with the mean 0 and variance 1/(3 n_in) of that
     * uniform law: the sample mean within 4 standard errors, the sample variance within 4 of its standard errors
     * (Var(X²) = b⁴/5 - b⁴/9 for X ~ U(-b, b)).
     */
    @Test
    void weightsAndBiasesFollowTheUniformLawOfTheirFanIn() {
        Mlp mlp = Mlp.of(11, new int[] {256, 256}, Activation.RELU, 3);
        double[] theta = new double[mlp.parameterCount()];
        FanInUniformInitializer.initialize(mlp, theta, 0, new SplittableRandom(7));
        for (int l = 0; l < mlp.layers(); l++) {
            int k = mlp.size(l);
            int n = mlp.size(l + 1);
            double b = 1.0 / Math.sqrt(k);
            double[] w = Arrays.copyOfRange(theta, mlp.weightOffset(l), mlp.weightOffset(l) + k * n);
            double[] bias = Arrays.copyOfRange(theta, mlp.biasOffset(l), mlp.biasOffset(l) + n);
            for (double[] values : new double[][] {w, bias}) {
                for (double v : values) {
                    assertTrue(Math.abs(v) <= b, "layer " + l + ": " + v + " outside ±" + b);
                }
            }
            int count = w.length;
            double mean = Arrays.stream(w).sum() / count;
            double second = Arrays.stream(w).map(v -> v * v).sum() / count;
            double variance = b * b / 3.0;
            assertEquals(0.0, mean, 4 * Math.sqrt(variance / count), "layer " + l + " mean");
            double secondSe = Math.sqrt((Math.pow(b, 4) / 5.0 - Math.pow(b, 4) / 9.0) / count);
            assertEquals(variance, second, 4 * secondSe, "layer " + l + " variance");
            // The bias is drawn too (not zero as with orthogonal initialization); a wide one spans its interval.
            double spread = Arrays.stream(bias).max().orElseThrow() - Arrays.stream(bias).min().orElseThrow();
            assertTrue(spread > (n >= 64 ? b : 0.0), "layer " + l + " bias spread " + spread);
        }
    }

    @Test
    void initializationIsSeededAndStaysInItsSlice() {
        Mlp mlp = Mlp.of(4, new int[] {64, 64}, Activation.TANH, 2);
        double[] a = new double[mlp.parameterCount() + 2];
        double[] b = new double[mlp.parameterCount() + 2];
        double[] c = new double[mlp.parameterCount() + 2];
        Arrays.fill(a, 9.0);
        Arrays.fill(b, 9.0);
        FanInUniformInitializer.initialize(mlp, a, 1, new SplittableRandom(42));
        FanInUniformInitializer.initialize(mlp, b, 1, new SplittableRandom(42));
        FanInUniformInitializer.initialize(mlp, c, 1, new SplittableRandom(43));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertEquals(9.0, a[0]);
        assertEquals(9.0, a[a.length - 1]);
    }
}
