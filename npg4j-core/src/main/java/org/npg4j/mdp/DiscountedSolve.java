package org.npg4j.mdp;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solves the discounted linear systems of policy evaluation, (I - γP^π) x = b (values) and
 * (I - γP^π)ᵀ x = b (state distribution), to a <em>guaranteed</em> accuracy.
 *
 * <p>The guarantee comes from the residual: ||(I-γP^π)^{-1}||∞ ≤ 1/(1-γ) because P^π is row-stochastic, so
 * ||x - x*||∞ ≤ ||b - (I-γP^π)x||∞ / (1-γ); for the transpose, ||(I-γP^π)^{-T}||₁ ≤ 1/(1-γ) gives the same
 * bound in ℓ1. Every iterative answer is checked against that bound with a true residual before it is returned.
 *
 * <p>Small systems (S ≤ {@link #DIRECT_MAX_STATES}) are solved directly by dense LU (EJML); larger ones by
 * restarted GMRES (Saad and Schultz 1986), which on the matrices of random MDPs converges in a few dozen
 * matrix-vector products even for γ close to 1, where plain value-iteration sweeps need log(tol)/log(γ).
 */
final class DiscountedSolve {
    /** Largest state count solved by dense LU under {@link Method#AUTO}. */
    static final int DIRECT_MAX_STATES = 64;
    private static final int RESTART = 40;
    private static final int MAX_MATVECS = 100_000;

    /** How evaluation solves its linear systems. */
    enum Method { AUTO, DIRECT, ITERATIVE }

    private DiscountedSolve() {
    }

    /**
     * Solves (I - γP^π) X = B for several right-hand sides (values), or the transposed system.
     *
     * @param rhs     right-hand sides, each of length S; not modified
     * @param guesses initial guesses (iterative method only; may be null or contain nulls)
     * @param tol     the accuracy of every solution: sup norm for values, ℓ1 for the transposed system
     * @return the solutions, one per right-hand side
     */
    static double[][] solve(PolicyKernel p, double gamma, boolean transpose, double[][] rhs, double[][] guesses,
                            double tol, Method method) {
        boolean direct = method == Method.DIRECT || (method == Method.AUTO && p.n <= DIRECT_MAX_STATES);
        return direct ? direct(p, gamma, transpose, rhs) : iterative(p, gamma, transpose, rhs, guesses, tol);
    }

    private static double[][] direct(PolicyKernel p, double gamma, boolean transpose, double[][] rhs) {
        int n = p.n;
        DMatrixRMaj a = DMatrixRMaj.wrap(n, n, p.denseSystem(gamma));
        if (transpose) {
            org.ejml.dense.row.CommonOps_DDRM.transpose(a);
        }
        DMatrixRMaj b = new DMatrixRMaj(n, rhs.length);
        for (int j = 0; j < rhs.length; j++) {
            for (int i = 0; i < n; i++) {
                b.unsafe_set(i, j, rhs[j][i]);
            }
        }
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        if (!lu.setA(a)) {
            throw new IllegalStateException("LU factorization of I - gamma*P failed");
        }
        DMatrixRMaj x = new DMatrixRMaj(n, rhs.length);
        lu.solve(b, x);
        double[][] out = new double[rhs.length][n];
        for (int j = 0; j < rhs.length; j++) {
            for (int i = 0; i < n; i++) {
                out[j][i] = x.unsafe_get(i, j);
            }
        }
        return out;
    }

    private static double[][] iterative(PolicyKernel p, double gamma, boolean transpose, double[][] rhs,
                                        double[][] guesses, double tol) {
        double[][] out = new double[rhs.length][];
        Gmres gmres = new Gmres(p, gamma, transpose);
        for (int j = 0; j < rhs.length; j++) {
            double[] guess = guesses != null && j < guesses.length ? guesses[j] : null;
            out[j] = gmres.solve(rhs[j], guess, tol * (1.0 - gamma));
        }
        return out;
    }

    /** Restarted GMRES with modified Gram-Schmidt and Givens rotations, on A = I - γP^π (or its transpose). */
    private static final class Gmres {
        private final PolicyKernel p;
        private final double gamma;
        private final boolean transpose;
        private final int n;
        private final double[][] basis;
        private final double[][] h = new double[RESTART + 1][RESTART];
        private final double[] cs = new double[RESTART];
        private final double[] sn = new double[RESTART];
        private final double[] g = new double[RESTART + 1];
        private final double[] y = new double[RESTART];
        private final double[] r;

        Gmres(PolicyKernel p, double gamma, boolean transpose) {
            this.p = p;
            this.gamma = gamma;
            this.transpose = transpose;
            this.n = p.n;
            this.basis = new double[RESTART + 1][n];
            this.r = new double[n];
        }

        /** Solves to a residual norm (sup for values, ℓ1 for the transpose) at most {@code residualTol}. */
        double[] solve(double[] b, double[] guess, double residualTol) {
            double[] x = guess != null ? guess.clone() : b.clone();
            // The 2-norm bounds the sup norm; for ℓ1, ||r||₁ ≤ √n ||r||₂.
            double target2 = transpose ? residualTol / Math.sqrt(n) : residualTol;
            int matvecs = 0;
            while (true) {
                residual(b, x);
                matvecs++;
                double checked = transpose ? l1(r) : supNorm(r);
                if (checked <= residualTol) {
                    return x;
                }
                if (matvecs > MAX_MATVECS) {
                    throw new IllegalStateException("policy evaluation did not converge: residual " + checked
                            + " after " + matvecs + " matrix-vector products");
                }
                double beta = norm2(r);
                double innerTarget = Math.min(target2, 0.5 * beta);
                double[] v0 = basis[0];
                for (int i = 0; i < n; i++) {
                    v0[i] = r[i] / beta;
                }
                Arrays.fill(g, 0.0);
                g[0] = beta;
                int k = 0;
                for (; k < RESTART; k++) {
                    double[] w = basis[k + 1];
                    p.applySystem(transpose, gamma, basis[k], w);
                    matvecs++;
                    for (int i = 0; i <= k; i++) {
                        double hik = dot(w, basis[i]);
                        h[i][k] = hik;
                        axpy(-hik, basis[i], w);
                    }
                    double hn = norm2(w);
                    h[k + 1][k] = hn;
                    for (int i = 0; i < k; i++) {
                        double t = cs[i] * h[i][k] + sn[i] * h[i + 1][k];
                        h[i + 1][k] = -sn[i] * h[i][k] + cs[i] * h[i + 1][k];
                        h[i][k] = t;
                    }
                    double d = Math.hypot(h[k][k], h[k + 1][k]);
                    cs[k] = h[k][k] / d;
                    sn[k] = h[k + 1][k] / d;
                    h[k][k] = d;
                    h[k + 1][k] = 0.0;
                    g[k + 1] = -sn[k] * g[k];
                    g[k] = cs[k] * g[k];
                    if (hn != 0.0) {
                        for (int i = 0; i < n; i++) {
                            w[i] /= hn;
                        }
                    }
                    if (Math.abs(g[k + 1]) <= innerTarget || hn == 0.0) {
                        k++;
                        break;
                    }
                }
                for (int i = k - 1; i >= 0; i--) {
                    double acc = g[i];
                    for (int j = i + 1; j < k; j++) {
                        acc -= h[i][j] * y[j];
                    }
                    y[i] = acc / h[i][i];
                }
                for (int j = 0; j < k; j++) {
                    axpy(y[j], basis[j], x);
                }
            }
        }

        private void residual(double[] b, double[] x) {
            p.applySystem(transpose, gamma, x, r);
            for (int i = 0; i < n; i++) {
                r[i] = b[i] - r[i];
            }
        }
    }

    static double supNorm(double[] v) {
        double m = 0.0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double l1(double[] v) {
        double m = 0.0;
        for (double x : v) {
            m += Math.abs(x);
        }
        return m;
    }

    private static double norm2(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(double[] a, double[] b) {
        double acc = 0.0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }
}
