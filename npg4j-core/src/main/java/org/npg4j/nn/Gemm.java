package org.npg4j.nn;

/**
 * The two dense kernels of an MLP, on row-major buffers. Inner loops run over contiguous memory of the output row
 * so that HotSpot's superword pass turns them into vector fused multiply-adds; the loops over rows are blocked by
 * four so that each weight row loaded from cache serves four batch rows.
 */
final class Gemm {
    private Gemm() {
    }

    /** Y[r, :] += Σ_i X[r, i] M[i, :] for r < rows; X is rows×k, M is k×n, Y is rows×n. */
    static void addProduct(double[] x, int xOff, int k, double[] m, int mOff, int n, int rows, double[] y,
            int yOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int x0 = xOff + r * k;
            int x1 = x0 + k;
            int x2 = x1 + k;
            int x3 = x2 + k;
            int y0 = yOff + r * n;
            int y1 = y0 + n;
            int y2 = y1 + n;
            int y3 = y2 + n;
            for (int i = 0; i < k; i++) {
                double a0 = x[x0 + i];
                double a1 = x[x1 + i];
                double a2 = x[x2 + i];
                double a3 = x[x3 + i];
                int mi = mOff + i * n;
                for (int j = 0; j < n; j++) {
                    double w = m[mi + j];
                    y[y0 + j] = Math.fma(a0, w, y[y0 + j]);
                    y[y1 + j] = Math.fma(a1, w, y[y1 + j]);
                    y[y2 + j] = Math.fma(a2, w, y[y2 + j]);
                    y[y3 + j] = Math.fma(a3, w, y[y3 + j]);
                }
            }
        }
        for (; r < rows; r++) {
            int xr = xOff + r * k;
            int yr = yOff + r * n;
            for (int i = 0; i < k; i++) {
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
