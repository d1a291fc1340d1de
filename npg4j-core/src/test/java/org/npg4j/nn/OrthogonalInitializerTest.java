package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrthogonalInitializerTest {
    @Test
    void weightsAreScaledOrthogonalInBothOrientations() {
        int[][] shapes = {{4, 64}, {64, 64}, {64, 2}, {7, 3}, {1, 5}, {5, 1}};
        for (int[] shape : shapes) {
            double gain = Math.sqrt(2.0);
            int rows = shape[0];
            int cols = shape[1];
            double[] w = OrthogonalInitializer.orthogonal(rows, cols, gain, new SplittableRandom(5));
            boolean tall = rows >= cols;
            int n = tall ? cols : rows;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double s = 0;
                    for (int m = 0; m < (tall ? rows : cols); m++) {
                        s += tall ? w[m * cols + p] * w[m * cols + q] : w[p * cols + m] * w[q * cols + m];
                    }
                    assertEquals(p == q ? gain * gain : 0.0, s, 1e-12, rows + "x" + cols + " at " + p + "," + q);
                }
            }
        }
    }

    @Test
    void initializationIsSeededAndZeroesBiases() {
        Mlp mlp = Mlp.of(4, new int[] {64, 64}, Activation.TANH, 2);
        double[] a = new double[mlp.parameterCount() + 1];
        double[] b = new double[mlp.parameterCount() + 1];
        java.util.Arrays.fill(a, 9.0);
        java.util.Arrays.fill(b, 9.0);
        OrthogonalInitializer.initialize(mlp, a, 1, OrthogonalInitializer.policyGains(mlp), new SplittableRandom(42));
        OrthogonalInitializer.initialize(mlp, b, 1, OrthogonalInitializer.policyGains(mlp), new SplittableRandom(42));
        assertArrayEquals(a, b, 0.0);
        assertEquals(9.0, a[0]);
        for (int l = 0; l < mlp.layers(); l++) {
            for (int j = 0; j < mlp.size(l + 1); j++) {
                assertEquals(0.0, a[1 + mlp.biasOffset(l) + j]);
            }
        }
        // The policy head (64 -> 2) has orthonormal columns times 0.01.
        double s = 0;
        for (int i = 0; i < 64; i++) {
            double w = a[1 + mlp.weightOffset(2) + i * 2];
            s += w * w;
        }
        assertEquals(1e-4, s, 1e-16);
        double[] c = new double[mlp.parameterCount() + 1];
        OrthogonalInitializer.initialize(mlp, c, 1, OrthogonalInitializer.policyGains(mlp), new SplittableRandom(43));
        assertEquals(false, java.util.Arrays.equals(a, c));
    }
}
