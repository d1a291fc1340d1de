package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.npg4j.FiniteDifferences.RELATIVE_TOLERANCE;
import static org.npg4j.FiniteDifferences.relativeError;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.FiniteDifferences;

/**
 * The SIMD kernels of {@link VectorGemm} against the scalar kernels of {@link Gemm}: the same bits for every shape
 * (full register blocks, remainder rows, remainder vectors, remainder columns) and for signed zeros, subnormals and
 * large values, so that a run does not depend on whether the JVM has the Vector API.
 */
class GemmTest {
    private static final int TRIALS = 300;

    @Test
    void simdKernelsAreActiveInTheBuild() {
        // The build passes --add-modules jdk.incubator.vector to the tests; without it the comparisons below would
        // compare the scalar kernels with themselves through VectorGemm's absence (NoClassDefFoundError instead).
        assertTrue(Kernels.simd(), "tests run with the SIMD kernels, got " + Kernels.description());
        assertTrue(Kernels.description().startsWith("simd "), Kernels.description());
        assertEquals(Kernels.SIMD_JVM_OPTIONS, Kernels.childJvmOptions());
    }

    @Test
    void rowOrdersArePermutationsInTheScalarKernelsSequence() {
        int[] order = new int[16];
        Gemm.rowOrder(11, false, order);
        assertArrayPrefix(new int[] {3, 2, 1, 0, 7, 6, 5, 4, 9, 8, 10}, order);
        Gemm.rowOrder(11, true, order);
        assertArrayPrefix(new int[] {3, 2, 1, 0, 7, 6, 5, 4, 9, 8, 10}, order);
        Gemm.rowOrder(3, true, order);
        assertArrayPrefix(new int[] {1, 0, 2}, order);
        Gemm.rowOrder(1, true, order);
        assertArrayPrefix(new int[] {0}, order);
        Gemm.outerOrder(10, order);
        assertArrayPrefix(new int[] {3, 2, 1, 0, 7, 6, 5, 4, 8, 9}, order);
    }

    @Test
    void simdRowCombinationsEqualTheScalarKernelsBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < TRIALS; trial++) {
            int k = 1 + rng.nextInt(70);
            int n = 1 + rng.nextInt(100);
            int rows = 1 + rng.nextInt(11);
            boolean set = rng.nextBoolean();
            double[][] c = matrix(rng, rows, k);
            double[][] m = matrix(rng, k, n);
            double[][] y0 = matrix(rng, rows, n);
            double[][] scalar = copy(y0);
            double[][] simd = copy(y0);
            for (int r = 0; r < rows; r++) {
                if (set) {
                    Gemm.setRowCombination(c[r], m, k, scalar[r], n);
                } else {
                    Gemm.addRowCombination(c[r], m, k, scalar[r], n);
                }
            }
            int[] order = new int[k];
            VectorGemm.combineRows(c, rows, m, order, Gemm.rowOrder(k, set, order), set, simd, n);
            assertSameBits(scalar, simd, "rows " + rows + ", k " + k + ", n " + n + (set ? ", set" : ", add"));
        }
    }

    @Test
    void simdOuterProductsEqualTheScalarKernelBitForBit() {
        SplittableRandom rng = new SplittableRandom(6);
        for (int trial = 0; trial < TRIALS; trial++) {
            int batch = 1 + rng.nextInt(40);
            int k = 1 + rng.nextInt(70);
            int n = 1 + rng.nextInt(100);
            double[][] x = matrix(rng, batch, k);
            double[][] d = matrix(rng, batch, n);
            double[][] g0 = matrix(rng, k, n);
            double[][] scalar = copy(g0);
            double[][] simd = copy(g0);
            Gemm.addOuterProducts(x, d, batch, k, n, scalar);
            int[] order = new int[batch];
            VectorGemm.addOuterProducts(x, d, order, Gemm.outerOrder(batch, order), k, n, simd);
            assertSameBits(scalar, simd, "batch " + batch + ", k " + k + ", n " + n);
        }
    }

    @Test
    void batchedKernelsOfGemmEqualItsOneRowKernels() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            int k = 1 + rng.nextInt(70);
            int n = 1 + rng.nextInt(70);
            int rows = 1 + rng.nextInt(9);
            double[][] c = matrix(rng, rows, k);
            double[][] m = matrix(rng, k, n);
            double[][] y0 = matrix(rng, rows, n);
            double[][] one = copy(y0);
            double[][] batched = copy(y0);
            int[] order = new int[Math.max(k, rows)];
            for (int r = 0; r < rows; r++) {
                Gemm.addRowCombination(c[r], m, k, one[r], n);
            }
            Gemm.addRowCombinations(c, rows, m, k, batched, n, order);
            assertSameBits(one, batched, "add");
            for (int r = 0; r < rows; r++) {
                Gemm.setRowCombination(c[r], m, k, one[r], n);
            }
            Gemm.setRowCombinations(c, rows, m, k, batched, n, order);
            assertSameBits(one, batched, "set");
            double[][] g = matrix(rng, k, n);
            double[][] g1 = copy(g);
            double[][] x = matrix(rng, rows, k);
            double[][] d = matrix(rng, rows, n);
            Gemm.addOuterProducts(x, d, rows, k, n, g);
            Gemm.addOuterProducts(x, d, rows, k, n, g1, order);
            assertSameBits(g, g1, "outer");
        }
    }

    /**
     * Once C2 has compiled them, the SIMD kernels allocate nothing: their vectors live in registers. A kernel whose
     * Vector API calls C2 failed to intrinsify boxes its vectors and allocates on every call, so this fails for a
     * kernel that never compiles well. (The intermittent bad compile fixed in VectorGemm depended on the JIT's timing
     * and did not show up here in 8 runs of the old kernels; docs/performance.md has the measurement that did.)
     */
    @Test
    void simdKernelsAllocateNothingOnceCompiled() {
        assertTrue(Gemm.SIMD);
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        SplittableRandom rng = new SplittableRandom(11);
        int rows = 64;
        int k = 64;
        int n = 64;
        double[][] c = matrix(rng, rows, k);
        double[][] m = matrix(rng, k, n);
        double[][] y = matrix(rng, rows, n);
        double[][] x = matrix(rng, rows, k);
        double[][] g = matrix(rng, k, n);
        int[] order = new int[rows];
        long deadline = System.nanoTime() + 60_000_000_000L;
        long allocated = Long.MAX_VALUE;
        int round = 0;
        while (allocated > 0 && System.nanoTime() < deadline) {
            long before = bean.getThreadAllocatedBytes(thread);
            for (int call = 0; call < 200; call++) {
                // Mostly accumulating calls with a set call now and then, as a network's passes mix them.
                if (call % 20 == 0) {
                    Gemm.setRowCombinations(c, rows, m, k, y, n, order);
                } else {
                    Gemm.addRowCombinations(c, rows, m, k, y, n, order);
                }
                Gemm.addOuterProducts(x, y, rows, k, n, g, order);
                for (double[] row : y) {
                    java.util.Arrays.fill(row, 0.5);
                }
            }
            allocated = bean.getThreadAllocatedBytes(thread) - before;
            round++;
        }
        assertEquals(0, allocated, "bytes allocated by 200 kernel calls after " + round + " rounds");
    }

    @Test
    void wideNetworkGradientsMatchFiniteDifferences() {
        // SB3's MlpPolicy shapes run the full 4x4 register blocks, which the small networks of MlpTest do not reach.
        SplittableRandom rng = new SplittableRandom(8);
        Mlp mlp = Mlp.of(5, new int[] {64, 72}, Activation.TANH, 3);
        int batch = 13;
        double[] theta = MlpTest.gaussian(rng, mlp.parameterCount(), 0.15);
        double[] x = MlpTest.gaussian(rng, batch * 5, 1.0);
        double[] c = MlpTest.gaussian(rng, batch * 3, 1.0);
        Tape tape = mlp.newTape(batch);
        double[] y = new double[batch * 3];
        mlp.forward(theta, 0, x, 0, batch, y, 0, tape);
        double[] grad = new double[mlp.parameterCount()];
        double[] gradInput = new double[batch * 5];
        mlp.backward(theta, 0, c, 0, batch, grad, 0, gradInput, 0, tape);
        double[] v = MlpTest.gaussian(rng, mlp.parameterCount(), 1.0);
        double[] tangent = new double[batch * 3];
        mlp.forwardTangent(theta, 0, v, 0, x, 0, batch, y, 0, tangent, 0, tape);
        double[] w = new double[1];
        // Directional derivatives along v: ∂/∂s Σ c ⊙ f_{θ+sv}(x) = grad · v = c · J v.
        double fd = FiniteDifferences.partial(s -> loss(mlp, add(theta, v, s[0]), x, c, batch), w, 0, 1e-4);
        double reverse = FiniteDifferences.dot(grad, v);
        double forward = FiniteDifferences.dot(c, tangent);
        assertTrue(relativeError(fd, reverse) < RELATIVE_TOLERANCE, fd + " vs reverse mode " + reverse);
        assertTrue(relativeError(fd, forward) < RELATIVE_TOLERANCE, fd + " vs forward mode " + forward);
        for (int i = 0; i < 5; i++) {
            int p = rng.nextInt(batch * 5);
            double fdx = FiniteDifferences.partial(z -> loss(mlp, theta, z, c, batch), x.clone(), p, 1e-4);
            assertTrue(relativeError(fdx, gradInput[p]) < RELATIVE_TOLERANCE, fdx + " vs " + gradInput[p]);
        }
    }

    private static double loss(Mlp mlp, double[] theta, double[] x, double[] c, int batch) {
        double[] y = new double[batch * mlp.outputSize()];
        mlp.forward(theta, 0, x, 0, batch, y, 0, mlp.newTape(batch));
        return FiniteDifferences.dot(c, y);
    }

    private static double[] add(double[] a, double[] v, double s) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += s * v[i];
        }
        return r;
    }

    /** Gaussian entries with some signed zeros, subnormals and large magnitudes mixed in. */
    private static double[][] matrix(SplittableRandom rng, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                int kind = rng.nextInt(20);
                row[j] = kind == 0 ? 0.0 : kind == 1 ? -0.0 : kind == 2 ? Double.MIN_NORMAL * rng.nextDouble()
                        : kind == 3 ? 1e150 * rng.nextGaussian() : rng.nextGaussian();
            }
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    private static void assertSameBits(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (Double.doubleToRawLongBits(expected[i][j]) != Double.doubleToRawLongBits(actual[i][j])) {
                    fail(what + ": entry [" + i + "][" + j + "] is " + actual[i][j] + ", scalar kernel " + expected[i][j]);
                }
            }
        }
    }

    private static void assertArrayPrefix(int[] expected, int[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "order[" + i + "]");
        }
    }
}
