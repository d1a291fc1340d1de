package org.npg4j.nn;

/**
 * The dense kernels of an {@link Mlp}, on matrices held as arrays of rows. HotSpot's C2 (JDK 17) vectorizes a loop
 * only if it stores to a single array and every access has the form {@code a[j]} on distinct row arrays; the same
 * kernels on one flat array with per-row offsets ({@code a[off + j]}), or storing to several rows per loop, run as
 * scalar code (measured at half the speed or less). So every vector kernel here has one store stream and up to four
 * load streams, each a separate row starting at index 0, and the four rows fused into one pass share the stored row's
 * loads and stores (the dot products are scalar code with independent partial sums).
 *
 * <p>The batched methods ({@link #addRowCombinations}, {@link #setRowCombinations} and the batched
 * {@link #addOuterProducts(double[][], double[][], int, int, int, double[][], int[])}) run {@link VectorGemm}'s
 * register-blocked SIMD kernels when {@link #SIMD} holds and these one-row kernels otherwise, with the same result
 * bit for bit: {@link #rowOrder} and {@link #outerOrder} spell out the order in which the scalar kernels apply their
 * terms, and the SIMD kernels follow it.
 */
final class Gemm {
    /**
     * Whether the batched kernels run as the register-blocked SIMD code of {@link VectorGemm}: when the module
     * {@code jdk.incubator.vector} is in the boot layer ({@code --add-modules jdk.incubator.vector}, which the
     * launcher, the tests and the benchmarks pass), unless the system property {@code npg4j.simd} is {@code false}.
     * Both paths give the same bits, so a run does not depend on it.
     */
    static final boolean SIMD = simdAvailable();

    private Gemm() {
    }

    private static boolean simdAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty("npg4j.simd", "true").trim())) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorGemm.lanes() >= 2;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** The kernels in use, for logs and benchmark reports: e.g. {@code "simd 8 x float64"} or {@code "scalar"}. */
    static String description() {
        return SIMD ? "simd " + VectorGemm.lanes() + " x float64" : "scalar";
    }

    /**
     * y_r += c_r M for r &lt; rows: {@link #addRowCombination} on each row; {@code order} is scratch of at least k
     * entries.
     */
    static void addRowCombinations(double[][] c, int rows, double[][] m, int k, double[][] y, int n, int[] order) {
        rowCombinations(c, rows, m, k, y, n, order, false);
    }

    /**
     * y_r = c_r M for r &lt; rows (k ≥ 1): {@link #setRowCombination} on each row; {@code order} is scratch of at
     * least k entries.
     */
    static void setRowCombinations(double[][] c, int rows, double[][] m, int k, double[][] y, int n, int[] order) {
        rowCombinations(c, rows, m, k, y, n, order, true);
    }

    private static void rowCombinations(double[][] c, int rows, double[][] m, int k, double[][] y, int n, int[] order,
            boolean set) {
        if (SIMD) {
            VectorGemm.combineRows(c, rows, m, order, rowOrder(k, set, order), set, y, n);
        } else if (set) {
            for (int r = 0; r < rows; r++) {
                setRowCombination(c[r], m, k, y[r], n);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                addRowCombination(c[r], m, k, y[r], n);
            }
        }
    }

    /**
     * g[i][j] += Σ_{b &lt; batch} x[b][i] d[b][j] for i &lt; k, j &lt; n: the weight gradient xᵀδ of a layer, with the
     * batch's inputs x and output gradients d given per sample; {@code order} is scratch of at least batch entries.
     */
    static void addOuterProducts(double[][] x, double[][] d, int batch, int k, int n, double[][] g, int[] order) {
        if (SIMD) {
            VectorGemm.addOuterProducts(x, d, order, outerOrder(batch, order), k, n, g);
        } else {
            addOuterProducts(x, d, batch, k, n, g);
        }
    }

    /**
     * Writes into {@code order} the sequence in which {@link #addRowCombination} (set false) or
     * {@link #setRowCombination} (set true) apply the k rows to each output entry, and returns k: in groups of four
     * from the last of the group (the innermost {@code fma} of the nested expression runs first), then a pair the
     * same way, then a single row; with set the first of them is a product, not a multiply-add.
     */
    static int rowOrder(int k, boolean set, int[] order) {
        int from = 0;
        if (set) {
            from = k >= 4 ? 4 : k >= 2 ? 2 : 1;
            for (int t = 0; t < from; t++) {
                order[t] = from - 1 - t;
            }
        }
        int t = from;
        int i = from;
        for (; i + 4 <= k; i += 4) {
            order[t++] = i + 3;
            order[t++] = i + 2;
            order[t++] = i + 1;
            order[t++] = i;
        }
        if (i + 2 <= k) {
            order[t++] = i + 1;
            order[t++] = i;
            i += 2;
        }
        if (i < k) {
            order[t] = i;
        }
        return k;
    }

    /**
     * Writes into {@code order} the sequence in which {@link #addOuterProducts(double[][], double[][], int, int, int,
     * double[][])} applies the samples to each gradient entry, and returns batch: in groups of four from the last of
     * the group, then the rest one by one.
     */
    static int outerOrder(int batch, int[] order) {
        int b = 0;
        for (; b + 4 <= batch; b += 4) {
            order[b] = b + 3;
            order[b + 1] = b + 2;
            order[b + 2] = b + 1;
            order[b + 3] = b;
        }
        for (; b < batch; b++) {
            order[b] = b;
        }
        return batch;
    }

    /** y[j] += Σ_{i &lt; k} c[i] m[i][j] for j &lt; n: a row vector times a matrix given by its rows. */
    static void addRowCombination(double[] c, double[][] m, int k, double[] y, int n) {
        addRows(c, m, 0, k, y, n);
    }

    /** y[j] += Σ_{from ≤ i &lt; k} c[i] m[i][j] for j &lt; n, four rows per pass. */
    private static void addRows(double[] c, double[][] m, int from, int k, double[] y, int n) {
        int i = from;
        for (; i + 4 <= k; i += 4) {
            double c0 = c[i];
            double c1 = c[i + 1];
            double c2 = c[i + 2];
            double c3 = c[i + 3];
            double[] m0 = m[i];
            double[] m1 = m[i + 1];
            double[] m2 = m[i + 2];
            double[] m3 = m[i + 3];
            for (int j = 0; j < n; j++) {
                y[j] = Math.fma(c0, m0[j], Math.fma(c1, m1[j], Math.fma(c2, m2[j], Math.fma(c3, m3[j], y[j]))));
            }
        }
        if (i + 2 <= k) {
            double c0 = c[i];
            double c1 = c[i + 1];
            double[] m0 = m[i];
            double[] m1 = m[i + 1];
            for (int j = 0; j < n; j++) {
                y[j] = Math.fma(c0, m0[j], Math.fma(c1, m1[j], y[j]));
            }
            i += 2;
        }
        if (i < k) {
            double c0 = c[i];
            double[] m0 = m[i];
            for (int j = 0; j < n; j++) {
                y[j] = Math.fma(c0, m0[j], y[j]);
            }
        }
    }

    /**
     * y[j] = Σ_{i &lt; k} c[i] m[i][j] for j &lt; n (k ≥ 1): as {@link #addRowCombination} on a zeroed y, with the first
     * pass storing instead of accumulating (no zeroing pass, one load stream less).
     */
    static void setRowCombination(double[] c, double[][] m, int k, double[] y, int n) {
        double c0 = c[0];
        double[] m0 = m[0];
        if (k >= 4) {
            double c1 = c[1];
            double c2 = c[2];
            double c3 = c[3];
            double[] m1 = m[1];
            double[] m2 = m[2];
            double[] m3 = m[3];
            for (int j = 0; j < n; j++) {
                y[j] = Math.fma(c0, m0[j], Math.fma(c1, m1[j], Math.fma(c2, m2[j], c3 * m3[j])));
            }
            addRows(c, m, 4, k, y, n);
        } else if (k >= 2) {
            double c1 = c[1];
            double[] m1 = m[1];
            for (int j = 0; j < n; j++) {
                y[j] = Math.fma(c0, m0[j], c1 * m1[j]);
            }
            addRows(c, m, 2, k, y, n);
        } else {
            for (int j = 0; j < n; j++) {
                y[j] = c0 * m0[j];
            }
        }
    }

    /** The scalar form of {@link #addOuterProducts(double[][], double[][], int, int, int, double[][], int[])}. */
    static void addOuterProducts(double[][] x, double[][] d, int batch, int k, int n, double[][] g) {
        int b = 0;
        for (; b + 4 <= batch; b += 4) {
            double[] x0 = x[b];
            double[] x1 = x[b + 1];
            double[] x2 = x[b + 2];
            double[] x3 = x[b + 3];
            double[] d0 = d[b];
            double[] d1 = d[b + 1];
            double[] d2 = d[b + 2];
            double[] d3 = d[b + 3];
            for (int i = 0; i < k; i++) {
                double c0 = x0[i];
                double c1 = x1[i];
                double c2 = x2[i];
                double c3 = x3[i];
                double[] gi = g[i];
                for (int j = 0; j < n; j++) {
                    gi[j] = Math.fma(c0, d0[j], Math.fma(c1, d1[j], Math.fma(c2, d2[j], Math.fma(c3, d3[j], gi[j]))));
                }
            }
        }
        for (; b < batch; b++) {
            double[] x0 = x[b];
            double[] d0 = d[b];
            for (int i = 0; i < k; i++) {
                double c0 = x0[i];
                double[] gi = g[i];
                for (int j = 0; j < n; j++) {
                    gi[j] = Math.fma(c0, d0[j], gi[j]);
                }
            }
        }
    }

    /**
     * out[off + j] = base[j] + Σ_{i &lt; k} rows[j][i] x[i] for j &lt; count (base may be null for 0): several dot
     * products against one vector, two at a time so that the loads of x are shared.
     */
    static void dots(double[][] rows, int count, double[] x, int k, double[] base, double[] out, int off) {
        int j = 0;
        for (; j + 2 <= count; j += 2) {
            double[] a = rows[j];
            double[] b = rows[j + 1];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            double t0 = 0;
            double t1 = 0;
            double t2 = 0;
            double t3 = 0;
            int i = 0;
            for (; i + 4 <= k; i += 4) {
                double x0 = x[i];
                double x1 = x[i + 1];
                double x2 = x[i + 2];
                double x3 = x[i + 3];
                s0 = Math.fma(a[i], x0, s0);
                s1 = Math.fma(a[i + 1], x1, s1);
                s2 = Math.fma(a[i + 2], x2, s2);
                s3 = Math.fma(a[i + 3], x3, s3);
                t0 = Math.fma(b[i], x0, t0);
                t1 = Math.fma(b[i + 1], x1, t1);
                t2 = Math.fma(b[i + 2], x2, t2);
                t3 = Math.fma(b[i + 3], x3, t3);
            }
            for (; i < k; i++) {
                s0 = Math.fma(a[i], x[i], s0);
                t0 = Math.fma(b[i], x[i], t0);
            }
            double s = (s0 + s1) + (s2 + s3);
            double t = (t0 + t1) + (t2 + t3);
            out[off + j] = base == null ? s : base[j] + s;
            out[off + j + 1] = base == null ? t : base[j + 1] + t;
        }
        if (j < count) {
            double s = dot(rows[j], x, k);
            out[off + j] = base == null ? s : base[j] + s;
        }
    }

    /** Σ_{i &lt; k} a[i] b[i], with four partial sums. */
    static double dot(double[] a, double[] b, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= k; i += 4) {
            s0 = Math.fma(a[i], b[i], s0);
            s1 = Math.fma(a[i + 1], b[i + 1], s1);
            s2 = Math.fma(a[i + 2], b[i + 2], s2);
            s3 = Math.fma(a[i + 3], b[i + 3], s3);
        }
        for (; i < k; i++) {
            s0 = Math.fma(a[i], b[i], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Copies the row-major k×n matrix at {@code m[off]} into the rows {@code rows[0..k)}. */
    static void toRows(double[] m, int off, int k, int n, double[][] rows) {
        for (int i = 0; i < k; i++) {
            System.arraycopy(m, off + i * n, rows[i], 0, n);
        }
    }

    /** Copies the transpose of the row-major k×n matrix at {@code m[off]} into the rows {@code rows[0..n)}. */
    static void toTransposedRows(double[] m, int off, int k, int n, double[][] rows) {
        for (int i = 0; i < k; i++) {
            int mi = off + i * n;
            for (int j = 0; j < n; j++) {
                rows[j][i] = m[mi + j];
            }
        }
    }
}
