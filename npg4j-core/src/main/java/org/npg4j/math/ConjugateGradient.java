package org.npg4j.math;

/**
 * Conjugate gradient for A x = b with A symmetric positive definite, given only as a {@link LinearOperator}: the
 * TRPO/NPG direction F x = g without forming F. Starts from x = 0 (so the first residual is b) and stops when
 * rᵀr &lt; {@code residualTolerance} (the squared-residual convention of sb3-contrib's and OpenAI baselines'
 * {@code cg}, default 1e-10) or after {@code maxIterations} (SB3's {@code cg_max_steps}, default 15).
 */
public final class ConjugateGradient {
    private ConjugateGradient() {
    }

    /**
     * The outcome: the solution x, the product A x, the iterations used, rᵀr at the end, and whether the tolerance
     * was met. A x is accumulated as Σ_k α_k A p_k from the products the iterations computed anyway (equal to A x up
     * to rounding, by linearity), so a caller needing xᵀAx (TRPO's step size) spends no further product on it.
     */
    public record Result(double[] x, double[] ax, int iterations, double residualNormSquared, boolean converged) {
    }

    public static Result solve(LinearOperator a, double[] b, int maxIterations, double residualTolerance) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("cg_max_steps must be at least 1, got " + maxIterations);
        }
        if (!(residualTolerance >= 0)) {
            throw new IllegalArgumentException("residual tolerance must be non-negative, got " + residualTolerance);
        }
        int n = b.length;
        double[] x = new double[n];
        double[] r = b.clone();
        double[] p = b.clone();
        double[] ap = new double[n];
        double[] ax = new double[n];
        double rr = dot(r, r);
        int it = 0;
        while (it < maxIterations && rr >= residualTolerance) {
            a.apply(p, ap);
            double pap = dot(p, ap);
            if (!(pap > 0)) {
                throw new IllegalArgumentException("operator is not positive definite: pᵀAp = " + pap
                        + " at iteration " + it);
            }
            double alpha = rr / pap;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
            }
            for (int i = 0; i < n; i++) {
                ax[i] += alpha * ap[i];
            }
            for (int i = 0; i < n; i++) {
                r[i] -= alpha * ap[i];
            }
            double rrNew = dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = rrNew;
            it++;
        }
        return new Result(x, ax, it, rr, rr < residualTolerance);
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
