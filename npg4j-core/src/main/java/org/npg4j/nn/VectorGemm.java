package org.npg4j.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The batched kernels of {@link Gemm} in explicit SIMD (the incubating Vector API of JDK 17), register-blocked: a
 * block of four output rows by four vectors of columns stays in sixteen vector registers while the terms stream by,
 * so each term costs four vector loads and four broadcasts for sixteen fused multiply-adds, where the one-row scalar
 * kernels load and store the output row once every four terms. Every output entry receives exactly the sequence of
 * {@link Math#fma} operations of the scalar kernels, in the order {@link Gemm} writes into {@code order}, so both
 * paths give the same bits (lanes are independent; nothing is reassociated).
 *
 * <p>No vector value may pass through a branch: set mode starts its accumulators from an array of -0.0 (the
 * identity of addition, signed zeros included, so the first multiply-add is the scalar kernels' product bit for bit)
 * rather than from a product in one arm of an {@code if}. With a vector merged from the two arms, C2 on JDK 17
 * sometimes lost the exact vector type of the accumulators, failed to intrinsify their stores, and boxed every
 * vector of the kernel: about one run in ten then trained ten times slower.
 *
 * <p>Only {@link Gemm} calls this class, and only when the module {@code jdk.incubator.vector} is in the boot layer
 * ({@link Gemm#SIMD}); without it the class is never loaded.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int BLOCK = 4 * L;
    /** The start of set mode's accumulators: -0.0 is the identity of addition, signed zeros included. */
    private static final double[] NEGATIVE_ZEROS = negativeZeros(BLOCK);

    private VectorGemm() {
    }

    private static double[] negativeZeros(int n) {
        double[] z = new double[n];
        java.util.Arrays.fill(z, -0.0);
        return z;
    }

    /** The vector width in doubles, for diagnostics. */
    static int lanes() {
        return L;
    }

    /**
     * y[r][j] ← y⁰[r][j] + Σ_{t &lt; terms} c[r][order[t]] m[order[t]][j] for r &lt; rows, j &lt; n, one multiply-add per
     * term in the order given; y⁰ is y's content, or with {@code set} nothing: the first term is a product.
     */
    static void combineRows(double[][] c, int rows, double[][] m, int[] order, int terms, boolean set, double[][] y,
            int n) {
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                rowsBlock(c[r], c[r + 1], c[r + 2], c[r + 3], m, order, terms, set, y[r], y[r + 1], y[r + 2],
                        y[r + 3], j);
            }
            for (; r < rows; r++) {
                rowBlock(c[r], m, order, terms, set, y[r], j);
            }
        }
        for (; j + L <= n; j += L) {
            for (int r = 0; r < rows; r++) {
                rowVector(c[r], m, order, terms, set, y[r], j);
            }
        }
        for (; j < n; j++) {
            for (int r = 0; r < rows; r++) {
                y[r][j] = scalarEntry(c[r], m, order, terms, set, y[r][j], j);
            }
        }
    }

    /**
     * g[i][j] ← g[i][j] + Σ_{t &lt; terms} x[order[t]][i] d[order[t]][j] for i &lt; k, j &lt; n: the weight gradient xᵀδ,
     * the coefficients read down the columns of x, one multiply-add per term in the order given.
     */
    static void addOuterProducts(double[][] x, double[][] d, int[] order, int terms, int k, int n, double[][] g) {
        int j = 0;
        for (; j + BLOCK <= n; j += BLOCK) {
            int i = 0;
            for (; i + 4 <= k; i += 4) {
                outerBlock(x, d, order, terms, i, g[i], g[i + 1], g[i + 2], g[i + 3], j);
            }
            for (; i < k; i++) {
                outerRow(x, d, order, terms, i, g[i], j, BLOCK);
            }
        }
        for (; j + L <= n; j += L) {
            for (int i = 0; i < k; i++) {
                outerRow(x, d, order, terms, i, g[i], j, L);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < k; i++) {
                double acc = g[i][j];
                for (int t = 0; t < terms; t++) {
                    int b = order[t];
                    acc = Math.fma(x[b][i], d[b][j], acc);
                }
                g[i][j] = acc;
            }
        }
    }

    /** Four output rows by four vectors from column j. */
    private static void rowsBlock(double[] c0, double[] c1, double[] c2, double[] c3, double[][] m, int[] order,
            int terms, boolean set, double[] y0, double[] y1, double[] y2, double[] y3, int j) {
        int j1 = j + L;
        int j2 = j + 2 * L;
        int j3 = j + 3 * L;
        // Set mode starts from -0.0 (x + -0.0 = x for every x, signed zeros included, so fma(c, m, -0.0) is the
        // product c·m bit for bit): choosing the source array keeps vectors out of the branch.
        double[] s0 = set ? NEGATIVE_ZEROS : y0;
        double[] s1 = set ? NEGATIVE_ZEROS : y1;
        double[] s2 = set ? NEGATIVE_ZEROS : y2;
        double[] s3 = set ? NEGATIVE_ZEROS : y3;
        int k0 = set ? 0 : j;
        int k1 = set ? L : j1;
        int k2 = set ? 2 * L : j2;
        int k3 = set ? 3 * L : j3;
        DoubleVector a00 = DoubleVector.fromArray(S, s0, k0);
        DoubleVector a01 = DoubleVector.fromArray(S, s0, k1);
        DoubleVector a02 = DoubleVector.fromArray(S, s0, k2);
        DoubleVector a03 = DoubleVector.fromArray(S, s0, k3);
        DoubleVector a10 = DoubleVector.fromArray(S, s1, k0);
        DoubleVector a11 = DoubleVector.fromArray(S, s1, k1);
        DoubleVector a12 = DoubleVector.fromArray(S, s1, k2);
        DoubleVector a13 = DoubleVector.fromArray(S, s1, k3);
        DoubleVector a20 = DoubleVector.fromArray(S, s2, k0);
        DoubleVector a21 = DoubleVector.fromArray(S, s2, k1);
        DoubleVector a22 = DoubleVector.fromArray(S, s2, k2);
        DoubleVector a23 = DoubleVector.fromArray(S, s2, k3);
        DoubleVector a30 = DoubleVector.fromArray(S, s3, k0);
        DoubleVector a31 = DoubleVector.fromArray(S, s3, k1);
        DoubleVector a32 = DoubleVector.fromArray(S, s3, k2);
        DoubleVector a33 = DoubleVector.fromArray(S, s3, k3);
        for (int t = 0; t < terms; t++) {
            int i = order[t];
            double[] mi = m[i];
            DoubleVector w0 = DoubleVector.fromArray(S, mi, j);
            DoubleVector w1 = DoubleVector.fromArray(S, mi, j1);
            DoubleVector w2 = DoubleVector.fromArray(S, mi, j2);
            DoubleVector w3 = DoubleVector.fromArray(S, mi, j3);
            DoubleVector b0 = DoubleVector.broadcast(S, c0[i]);
            DoubleVector b1 = DoubleVector.broadcast(S, c1[i]);
            DoubleVector b2 = DoubleVector.broadcast(S, c2[i]);
            DoubleVector b3 = DoubleVector.broadcast(S, c3[i]);
            a00 = w0.fma(b0, a00);
            a01 = w1.fma(b0, a01);
            a02 = w2.fma(b0, a02);
            a03 = w3.fma(b0, a03);
            a10 = w0.fma(b1, a10);
            a11 = w1.fma(b1, a11);
            a12 = w2.fma(b1, a12);
            a13 = w3.fma(b1, a13);
            a20 = w0.fma(b2, a20);
            a21 = w1.fma(b2, a21);
            a22 = w2.fma(b2, a22);
            a23 = w3.fma(b2, a23);
            a30 = w0.fma(b3, a30);
            a31 = w1.fma(b3, a31);
            a32 = w2.fma(b3, a32);
            a33 = w3.fma(b3, a33);
        }
        a00.intoArray(y0, j);
        a01.intoArray(y0, j1);
        a02.intoArray(y0, j2);
        a03.intoArray(y0, j3);
        a10.intoArray(y1, j);
        a11.intoArray(y1, j1);
        a12.intoArray(y1, j2);
        a13.intoArray(y1, j3);
        a20.intoArray(y2, j);
        a21.intoArray(y2, j1);
        a22.intoArray(y2, j2);
        a23.intoArray(y2, j3);
        a30.intoArray(y3, j);
        a31.intoArray(y3, j1);
        a32.intoArray(y3, j2);
        a33.intoArray(y3, j3);
    }

    /** One output row by four vectors from column j. */
    private static void rowBlock(double[] c, double[][] m, int[] order, int terms, boolean set, double[] y, int j) {
        int j1 = j + L;
        int j2 = j + 2 * L;
        int j3 = j + 3 * L;
        double[] src = set ? NEGATIVE_ZEROS : y;
        DoubleVector a0 = DoubleVector.fromArray(S, src, set ? 0 : j);
        DoubleVector a1 = DoubleVector.fromArray(S, src, set ? L : j1);
        DoubleVector a2 = DoubleVector.fromArray(S, src, set ? 2 * L : j2);
        DoubleVector a3 = DoubleVector.fromArray(S, src, set ? 3 * L : j3);
        for (int t = 0; t < terms; t++) {
            int i = order[t];
            double[] mi = m[i];
            DoubleVector b = DoubleVector.broadcast(S, c[i]);
            a0 = DoubleVector.fromArray(S, mi, j).fma(b, a0);
            a1 = DoubleVector.fromArray(S, mi, j1).fma(b, a1);
            a2 = DoubleVector.fromArray(S, mi, j2).fma(b, a2);
            a3 = DoubleVector.fromArray(S, mi, j3).fma(b, a3);
        }
        a0.intoArray(y, j);
        a1.intoArray(y, j1);
        a2.intoArray(y, j2);
        a3.intoArray(y, j3);
    }

    /** One output row, one vector from column j. */
    private static void rowVector(double[] c, double[][] m, int[] order, int terms, boolean set, double[] y, int j) {
        DoubleVector a = DoubleVector.fromArray(S, set ? NEGATIVE_ZEROS : y, set ? 0 : j);
        for (int t = 0; t < terms; t++) {
            int i = order[t];
            a = DoubleVector.fromArray(S, m[i], j).fma(DoubleVector.broadcast(S, c[i]), a);
        }
        a.intoArray(y, j);
    }

    private static double scalarEntry(double[] c, double[][] m, int[] order, int terms, boolean set, double y0,
            int j) {
        int t = 0;
        double acc = y0;
        if (set) {
            int i = order[0];
            acc = c[i] * m[i][j];
            t = 1;
        }
        for (; t < terms; t++) {
            int i = order[t];
            acc = Math.fma(c[i], m[i][j], acc);
        }
        return acc;
    }

    /** Gradient rows i..i+3 by four vectors from column j. */
    private static void outerBlock(double[][] x, double[][] d, int[] order, int terms, int i, double[] g0,
            double[] g1, double[] g2, double[] g3, int j) {
        int j1 = j + L;
        int j2 = j + 2 * L;
        int j3 = j + 3 * L;
        DoubleVector a00 = DoubleVector.fromArray(S, g0, j);
        DoubleVector a01 = DoubleVector.fromArray(S, g0, j1);
        DoubleVector a02 = DoubleVector.fromArray(S, g0, j2);
        DoubleVector a03 = DoubleVector.fromArray(S, g0, j3);
        DoubleVector a10 = DoubleVector.fromArray(S, g1, j);
        DoubleVector a11 = DoubleVector.fromArray(S, g1, j1);
        DoubleVector a12 = DoubleVector.fromArray(S, g1, j2);
        DoubleVector a13 = DoubleVector.fromArray(S, g1, j3);
        DoubleVector a20 = DoubleVector.fromArray(S, g2, j);
        DoubleVector a21 = DoubleVector.fromArray(S, g2, j1);
        DoubleVector a22 = DoubleVector.fromArray(S, g2, j2);
        DoubleVector a23 = DoubleVector.fromArray(S, g2, j3);
        DoubleVector a30 = DoubleVector.fromArray(S, g3, j);
        DoubleVector a31 = DoubleVector.fromArray(S, g3, j1);
        DoubleVector a32 = DoubleVector.fromArray(S, g3, j2);
        DoubleVector a33 = DoubleVector.fromArray(S, g3, j3);
        for (int t = 0; t < terms; t++) {
            int b = order[t];
            double[] xb = x[b];
            double[] db = d[b];
            DoubleVector w0 = DoubleVector.fromArray(S, db, j);
            DoubleVector w1 = DoubleVector.fromArray(S, db, j1);
            DoubleVector w2 = DoubleVector.fromArray(S, db, j2);
            DoubleVector w3 = DoubleVector.fromArray(S, db, j3);
            DoubleVector b0 = DoubleVector.broadcast(S, xb[i]);
            DoubleVector b1 = DoubleVector.broadcast(S, xb[i + 1]);
            DoubleVector b2 = DoubleVector.broadcast(S, xb[i + 2]);
            DoubleVector b3 = DoubleVector.broadcast(S, xb[i + 3]);
            a00 = w0.fma(b0, a00);
            a01 = w1.fma(b0, a01);
            a02 = w2.fma(b0, a02);
            a03 = w3.fma(b0, a03);
            a10 = w0.fma(b1, a10);
            a11 = w1.fma(b1, a11);
            a12 = w2.fma(b1, a12);
            a13 = w3.fma(b1, a13);
            a20 = w0.fma(b2, a20);
            a21 = w1.fma(b2, a21);
            a22 = w2.fma(b2, a22);
            a23 = w3.fma(b2, a23);
            a30 = w0.fma(b3, a30);
            a31 = w1.fma(b3, a31);
            a32 = w2.fma(b3, a32);
            a33 = w3.fma(b3, a33);
        }
        a00.intoArray(g0, j);
        a01.intoArray(g0, j1);
        a02.intoArray(g0, j2);
        a03.intoArray(g0, j3);
        a10.intoArray(g1, j);
        a11.intoArray(g1, j1);
        a12.intoArray(g1, j2);
        a13.intoArray(g1, j3);
        a20.intoArray(g2, j);
        a21.intoArray(g2, j1);
        a22.intoArray(g2, j2);
        a23.intoArray(g2, j3);
        a30.intoArray(g3, j);
        a31.intoArray(g3, j1);
        a32.intoArray(g3, j2);
        a33.intoArray(g3, j3);
    }

    /** Gradient row i over {@code width} columns from j (a multiple of the vector width), one vector at a time. */
    private static void outerRow(double[][] x, double[][] d, int[] order, int terms, int i, double[] gi, int j,
            int width) {
        for (int jj = j; jj < j + width; jj += L) {
            DoubleVector a = DoubleVector.fromArray(S, gi, jj);
            for (int t = 0; t < terms; t++) {
                int b = order[t];
                a = DoubleVector.fromArray(S, d[b], jj).fma(DoubleVector.broadcast(S, x[b][i]), a);
            }
            a.intoArray(gi, jj);
        }
    }
}
