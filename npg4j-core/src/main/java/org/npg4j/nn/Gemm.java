package org.npg4j.nn;

/**
 * The two dense kernels of an MLP, on row-major buffers. Inner loops run over contiguous memory of the output row
 * so that HotSpot's superword pass can vectorize them; several rank-one updates are fused per pass over an output
 * row to cut its loads and stores.
 */
final class Gemm {
    private Gemm() {
    }

    /**
     * Y[r, :] += Σ_i X[r, i] M[i, :] for r &lt; rows; X is rows×k, M is k×n, Y is rows×n. Four rows of M are
     * fused into each pass over a row of Y, so Y is loaded and stored once per four multiply-adds (measured
     * faster than blocking over four rows of Y, whose stores C2 cannot keep in registers).
     */
    static void addProduct(double[] x, int xOff, int k, double[] m, int mOff, int n, int rows, double[] y,
            int yOff) {
        int k4 = k & ~3;
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * k;
            int yr = yOff + r * n;
            int i = 0;
            for (; i < k4; i += 4) {
                double a0 = x[xr + i];
                double a1 = x[xr + i + 1];
                double a2 = x[xr + i + 2];
                double a3 = x[xr + i + 3];
                int m0 = mOff + i * n;
                int m1 = m0 + n;
                int m2 = m1 + n;
                int m3 = m2 + n;
                for (int j = 0; j < n; j++) {
                    y[yr + j] = Math.fma(a0, m[m0 + j], Math.fma(a1, m[m1 + j],
                            Math.fma(a2, m[m2 + j], Math.fma(a3, m[m3 + j], y[yr + j]))));
                }
            }
            for (; i < k; i++) {
                double a = x[xr + i];
                int mi = mOff + i * n;
                for (int j = 0; j < n; j++) {
                    y[yr + j] = Math.fma(a, m[mi + j], y[yr + j]);
                }
            }
        }
    }

    /** G[i, :] += Σ_r X[r, i] D[r, :] for i < k; X is rows×k, D is rows×n, G is k×n. */
    static void addTransposeProduct(double[] x, int xOff, int k, double[] d, int dOff, int n, int rows,
            double[] g, int gOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int x0 = xOff + r * k;
            int d0 = dOff + r * n;
            int d1 = d0 + n;
            int d2 = d1 + n;
            int d3 = d2 + n;
            for (int i = 0; i < k; i++) {
                double a0 = x[x0 + i];
                double a1 = x[x0 + k + i];
                double a2 = x[x0 + 2 * k + i];
                double a3 = x[x0 + 3 * k + i];
                int gi = gOff + i * n;
                for (int j = 0; j < n; j++) {
                    double s = Math.fma(a0, d[d0 + j], Math.fma(a1, d[d1 + j],
                            Math.fma(a2, d[d2 + j], a3 * d[d3 + j])));
                    g[gi + j] += s;
                }
            }
        }
        for (; r < rows; r++) {
            int xr = xOff + r * k;
            int dr = dOff + r * n;
            for (int i = 0; i < k; i++) {
                double a = x[xr + i];
                int gi = gOff + i * n;
                for (int j = 0; j < n; j++) {
                    g[gi + j] = Math.fma(a, d[dr + j], g[gi + j]);
                }
            }
        }
    }

    /** T[j, i] = M[i, j]; M is k×n at mOff, T is n×k. */
    static void transpose(double[] m, int mOff, int k, int n, double[] t) {
        for (int i = 0; i < k; i++) {
            int mi = mOff + i * n;
            for (int j = 0; j < n; j++) {
                t[j * k + i] = m[mi + j];
            }
        }
    }
}
