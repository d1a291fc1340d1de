package org.npg4j.nn;

/**
 * The dense kernels of an {@link Mlp}, on batches stored feature-major: feature f of a batch of {@code batch} rows
 * occupies {@code [off + f·batch, off + (f+1)·batch)}. Every vector loop then runs over the batch, the long
 * contiguous dimension (256 to 2048 rows in training), which HotSpot's superword pass vectorizes with little
 * pre- and post-loop overhead; with the 64-wide feature dimension innermost instead, the scalar pre- and post-loops
 * of C2's vectorized loop ate about a third of the time. Multiply-adds are blocked 4 × 4 so that each loaded
 * vector feeds four fused multiply-adds.
 */
final class Gemm {
    private Gemm() {
    }

    /**
     * Y[p', :] += Σ_{q'} A[p', q'] X[q', :] for p' &lt; p, q' &lt; q, where A[p', q'] = a[aOff + p'·rs + q'·cs] (so a
     * row-major k×n weight matrix W gives Wᵀ with rs = 1, cs = n and W with rs = n, cs = 1), X holds q features and
     * Y p features of {@code batch} rows, feature-major.
     */
    static void accumulate(double[] a, int aOff, int rs, int cs, int p, int q, double[] x, int xOff, double[] y,
            int yOff, int batch) {
        int p4 = p & ~3;
        int q4 = q & ~3;
        int pp = 0;
        for (; pp < p4; pp += 4) {
            int y0 = yOff + pp * batch;
            int y1 = y0 + batch;
            int y2 = y1 + batch;
            int y3 = y2 + batch;
            int qq = 0;
            for (; qq < q4; qq += 4) {
                int r0 = aOff + pp * rs + qq * cs;
                int r1 = r0 + rs;
                int r2 = r1 + rs;
                int r3 = r2 + rs;
                double a00 = a[r0], a01 = a[r0 + cs], a02 = a[r0 + 2 * cs], a03 = a[r0 + 3 * cs];
                double a10 = a[r1], a11 = a[r1 + cs], a12 = a[r1 + 2 * cs], a13 = a[r1 + 3 * cs];
                double a20 = a[r2], a21 = a[r2 + cs], a22 = a[r2 + 2 * cs], a23 = a[r2 + 3 * cs];
                double a30 = a[r3], a31 = a[r3 + cs], a32 = a[r3 + 2 * cs], a33 = a[r3 + 3 * cs];
                int x0 = xOff + qq * batch;
                int x1 = x0 + batch;
                int x2 = x1 + batch;
                int x3 = x2 + batch;
                for (int b = 0; b < batch; b++) {
                    double v0 = x[x0 + b];
                    double v1 = x[x1 + b];
                    double v2 = x[x2 + b];
                    double v3 = x[x3 + b];
                    y[y0 + b] = Math.fma(a00, v0, Math.fma(a01, v1, Math.fma(a02, v2, Math.fma(a03, v3, y[y0 + b]))));
                    y[y1 + b] = Math.fma(a10, v0, Math.fma(a11, v1, Math.fma(a12, v2, Math.fma(a13, v3, y[y1 + b]))));
                    y[y2 + b] = Math.fma(a20, v0, Math.fma(a21, v1, Math.fma(a22, v2, Math.fma(a23, v3, y[y2 + b]))));
                    y[y3 + b] = Math.fma(a30, v0, Math.fma(a31, v1, Math.fma(a32, v2, Math.fma(a33, v3, y[y3 + b]))));
                }
            }
            for (; qq < q; qq++) {
                int r0 = aOff + pp * rs + qq * cs;
                double a0 = a[r0];
                double a1 = a[r0 + rs];
                double a2 = a[r0 + 2 * rs];
                double a3 = a[r0 + 3 * rs];
                int x0 = xOff + qq * batch;
                for (int b = 0; b < batch; b++) {
                    double v = x[x0 + b];
                    y[y0 + b] = Math.fma(a0, v, y[y0 + b]);
                    y[y1 + b] = Math.fma(a1, v, y[y1 + b]);
                    y[y2 + b] = Math.fma(a2, v, y[y2 + b]);
                    y[y3 + b] = Math.fma(a3, v, y[y3 + b]);
                }
            }
        }
        for (; pp < p; pp++) {
            int y0 = yOff + pp * batch;
            int qq = 0;
            for (; qq < q4; qq += 4) {
                int r0 = aOff + pp * rs + qq * cs;
                double a0 = a[r0];
                double a1 = a[r0 + cs];
                double a2 = a[r0 + 2 * cs];
                double a3 = a[r0 + 3 * cs];
                int x0 = xOff + qq * batch;
                int x1 = x0 + batch;
                int x2 = x1 + batch;
                int x3 = x2 + batch;
                for (int b = 0; b < batch; b++) {
                    y[y0 + b] = Math.fma(a0, x[x0 + b], Math.fma(a1, x[x1 + b], Math.fma(a2, x[x2 + b],
                            Math.fma(a3, x[x3 + b], y[y0 + b]))));
                }
            }
            for (; qq < q; qq++) {
                double a0 = a[aOff + pp * rs + qq * cs];
                int x0 = xOff + qq * batch;
                for (int b = 0; b < batch; b++) {
                    y[y0 + b] = Math.fma(a0, x[x0 + b], y[y0 + b]);
                }
            }
        }
    }

    /**
     * G[i, j] += Σ_b X[i, b] D[j, b] for i &lt; k, j &lt; n: the weight gradient xᵀδ of a layer, with X (k features) and
     * D (n features) feature-major over {@code batch} rows and G row-major k×n at gOff. Each 4×4 block of G is
     * accumulated in registers over the whole batch.
     */
    static void addOuterProducts(double[] x, int xOff, int k, double[] d, int dOff, int n, int batch, double[] g,
            int gOff) {
        int k4 = k & ~3;
        int n4 = n & ~3;
        int i = 0;
        for (; i < k4; i += 4) {
            int x0 = xOff + i * batch;
            int x1 = x0 + batch;
            int x2 = x1 + batch;
            int x3 = x2 + batch;
            int j = 0;
            for (; j < n4; j += 4) {
                int d0 = dOff + j * batch;
                int d1 = d0 + batch;
                int d2 = d1 + batch;
                int d3 = d2 + batch;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
                for (int b = 0; b < batch; b++) {
                    double u0 = x[x0 + b], u1 = x[x1 + b], u2 = x[x2 + b], u3 = x[x3 + b];
                    double e0 = d[d0 + b], e1 = d[d1 + b], e2 = d[d2 + b], e3 = d[d3 + b];
                    s00 = Math.fma(u0, e0, s00);
                    s01 = Math.fma(u0, e1, s01);
                    s02 = Math.fma(u0, e2, s02);
                    s03 = Math.fma(u0, e3, s03);
                    s10 = Math.fma(u1, e0, s10);
                    s11 = Math.fma(u1, e1, s11);
                    s12 = Math.fma(u1, e2, s12);
                    s13 = Math.fma(u1, e3, s13);
                    s20 = Math.fma(u2, e0, s20);
                    s21 = Math.fma(u2, e1, s21);
                    s22 = Math.fma(u2, e2, s22);
                    s23 = Math.fma(u2, e3, s23);
                    s30 = Math.fma(u3, e0, s30);
                    s31 = Math.fma(u3, e1, s31);
                    s32 = Math.fma(u3, e2, s32);
                    s33 = Math.fma(u3, e3, s33);
                }
                int g0 = gOff + i * n + j;
                int g1 = g0 + n;
                int g2 = g1 + n;
                int g3 = g2 + n;
                g[g0] += s00;
                g[g0 + 1] += s01;
                g[g0 + 2] += s02;
                g[g0 + 3] += s03;
                g[g1] += s10;
                g[g1 + 1] += s11;
                g[g1 + 2] += s12;
                g[g1 + 3] += s13;
                g[g2] += s20;
                g[g2 + 1] += s21;
                g[g2 + 2] += s22;
                g[g2 + 3] += s23;
                g[g3] += s30;
                g[g3 + 1] += s31;
                g[g3 + 2] += s32;
                g[g3 + 3] += s33;
            }
            for (; j < n; j++) {
                int d0 = dOff + j * batch;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int b = 0; b < batch; b++) {
                    double e = d[d0 + b];
                    s0 = Math.fma(x[x0 + b], e, s0);
                    s1 = Math.fma(x[x1 + b], e, s1);
                    s2 = Math.fma(x[x2 + b], e, s2);
                    s3 = Math.fma(x[x3 + b], e, s3);
                }
                int g0 = gOff + i * n + j;
                g[g0] += s0;
                g[g0 + n] += s1;
                g[g0 + 2 * n] += s2;
                g[g0 + 3 * n] += s3;
            }
        }
        for (; i < k; i++) {
            int x0 = xOff + i * batch;
            for (int j = 0; j < n; j++) {
                int d0 = dOff + j * batch;
                double s = 0;
                for (int b = 0; b < batch; b++) {
                    s = Math.fma(x[x0 + b], d[d0 + b], s);
                }
                g[gOff + i * n + j] += s;
            }
        }
    }

    /** G[j] += Σ_b D[j, b] for j &lt; n (the bias gradient), D feature-major over {@code batch} rows. */
    static void addRowSums(double[] d, int dOff, int n, int batch, double[] g, int gOff) {
        for (int j = 0; j < n; j++) {
            int d0 = dOff + j * batch;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int b = 0;
            for (; b + 4 <= batch; b += 4) {
                s0 += d[d0 + b];
                s1 += d[d0 + b + 1];
                s2 += d[d0 + b + 2];
                s3 += d[d0 + b + 3];
            }
            for (; b < batch; b++) {
                s0 += d[d0 + b];
            }
            g[gOff + j] += (s0 + s1) + (s2 + s3);
        }
    }

    /** T[c, r] = M[r, c] for r &lt; rows, c &lt; cols; M row-major rows×cols at mOff, T cols×rows at tOff. */
    static void transpose(double[] m, int mOff, int rows, int cols, double[] t, int tOff) {
        for (int r = 0; r < rows; r++) {
            int mr = mOff + r * cols;
            for (int c = 0; c < cols; c++) {
                t[tOff + c * rows + r] = m[mr + c];
            }
        }
    }
}
