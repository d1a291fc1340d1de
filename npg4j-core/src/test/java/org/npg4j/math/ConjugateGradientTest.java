package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConjugateGradientTest {
    private static LinearOperator dense(double[][] a) {
        return (x, out) -> {
            for (int i = 0; i < a.length; i++) {
                out[i] = ConjugateGradient.dot(a[i], x);
            }
        };
    }

    @Test
    void solvesAKnownSystem() {
        // [[4, 1], [1, 3]] x = [1, 2] has x = [1/11, 7/11].
        ConjugateGradient.Result r = ConjugateGradient.solve(dense(new double[][] {{4, 1}, {1, 3}}),
                new double[] {1, 2}, 10, 1e-20);
        assertArrayEquals(new double[] {1.0 / 11, 7.0 / 11}, r.x(), 1e-15);
        assertTrue(r.converged());
        assertEquals(2, r.iterations(), "CG is exact after n steps in exact arithmetic");
    }

    @Test
    void solvesRandomSpdSystemsToTolerance() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rng.nextInt(30);
            double[][] b = new double[n][n];
            for (double[] row : b) {
                for (int j = 0; j < n; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            double[][] a = new double[n][n]; // BᵀB + 0.1 I
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        a[i][j] += b[k][i] * b[k][j];
                    }
                }
                a[i][i] += 0.1;
            }
            double[] rhs = rng.doubles(n).toArray();
            ConjugateGradient.Result r = ConjugateGradient.solve(dense(a), rhs, 10 * n, 1e-20);
            assertTrue(r.converged(), "trial " + trial);
            double[] ax = new double[n];
            dense(a).apply(r.x(), ax);
            double res = 0;
            for (int i = 0; i < n; i++) {
                res += (ax[i] - rhs[i]) * (ax[i] - rhs[i]);
            }
            assertTrue(res < 1e-18, "true residual " + res);
            // The reported residual is the recursively updated one, which tracks the true residual.
            assertTrue(r.residualNormSquared() < 1e-20);
        }
    }

    @Test
    void reportsNonConvergenceAfterMaxSteps() {
        double[][] a = new double[10][10];
        for (int i = 0; i < 10; i++) {
            a[i][i] = i + 1;
        }
        ConjugateGradient.Result r = ConjugateGradient.solve(dense(a), new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                3, 1e-10);
        assertEquals(3, r.iterations());
        assertFalse(r.converged());
        assertTrue(r.residualNormSquared() > 1e-10);
        // A x of the truncated solution, accumulated from the iterations' products, is the true product (not b).
        double[] ax = new double[10];
        dense(a).apply(r.x(), ax);
        assertArrayEquals(ax, r.ax(), 1e-14);
        assertTrue(Math.abs(ax[9] - 1) > 0.1, "truncated: A x differs from b");
        ConjugateGradient.Result zero = ConjugateGradient.solve(dense(a), new double[10], 5, 1e-10);
        assertEquals(0, zero.iterations());
        assertArrayEquals(new double[10], zero.x(), 0.0);
        assertArrayEquals(new double[10], zero.ax(), 0.0);
    }

    @Test
    void workspaceSolvesRepeatAndMatchTheAllocatingSolve() {
        double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
        ConjugateGradient.Workspace ws = new ConjugateGradient.Workspace(3);
        for (double[] rhs : new double[][] {{1, 2, 3}, {-1, 0, 5}}) {
            ConjugateGradient.Result fresh = ConjugateGradient.solve(dense(a), rhs, 2, 1e-30);
            ConjugateGradient.Result reused = ConjugateGradient.solve(dense(a), rhs, 2, 1e-30, ws);
            assertArrayEquals(fresh.x(), reused.x(), 0.0);
            assertArrayEquals(fresh.ax(), reused.ax(), 0.0);
            assertEquals(fresh.residualNormSquared(), reused.residualNormSquared(), 0.0);
        }
        assertEquals("workspace is for systems of size 3, got 2", assertThrows(IllegalArgumentException.class,
                () -> ConjugateGradient.solve(dense(a), new double[2], 2, 1e-10, ws)).getMessage());
    }

    @Test
    void rejectsIndefiniteOperatorsAndBadArguments() {
        assertEquals("operator is not positive definite: pᵀAp = -1.0 at iteration 0",
                assertThrows(IllegalArgumentException.class, () -> ConjugateGradient.solve(
                        dense(new double[][] {{-1}}), new double[] {1}, 5, 1e-10)).getMessage());
        assertEquals("cg_max_steps must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> ConjugateGradient.solve(dense(new double[][] {{1}}), new double[] {1}, 0, 1e-10)).getMessage());
    }
}
