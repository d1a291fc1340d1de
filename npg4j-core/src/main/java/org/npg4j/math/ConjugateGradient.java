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
        return solve(a, b, maxIterations, residualTolerance, new Workspace(b.length));
    }

    /**
     * As {@link #solve(LinearOperator, double[], int, double)} in the caller's workspace, allocating nothing: the
     * result's {@code x} and {@code ax} are the workspace's arrays, overwritten by its next solve.
     */
    public static Result solve(LinearOperator a, double[] b, int maxIterations, double residualTolerance,
            Workspace workspace) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("cg_max_steps must be at least 1, got " + maxIterations);
        }
        if (!(residualTolerance >= 0)) {
            throw new IllegalArgumentException("residual tolerance must be non-negative, got " + residualTolerance);
        }
        int n = b.length;
        if (workspace.x.length != n) {
            throw new IllegalArgumentException("workspace is for systems of size " + workspace.x.length + ", got "
                    + n);
        }
        double[] x = workspace.x;
        double[] ax = workspace.ax;
        double[] r = workspace.r;
        double[] p = workspace.p;
        double[] ap = workspace.ap;
        java.util.Arrays.fill(x, 0.0);
        java.util.Arrays.fill(ax, 0.0);
        System.arraycopy(b, 0, r, 0, n);
        System.arraycopy(b, 0, p, 0, n);
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

    /** The vectors of one conjugate-gradient solve of size n, for repeated solves without allocation. */
    public static final class Workspace {
        private final double[] x;
        private final double[] ax;
        private final double[] r;
        private final double[] p;
        private final double[] ap;

        public Workspace(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("system size must be non-negative, got " + n);
            }
            x = new double[n];
            ax = new double[n];
            r = new double[n];
            p = new double[n];
            ap = new double[n];
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
