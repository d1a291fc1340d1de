package org.npg4j.algo;

/**
 * The small dense problems in the m-dimensional duals of CPO and PCPO with m ≥ 2 constraints (m is the number of cost
 * signals, a handful): linear solves with an m×m Gram matrix and the concave quadratic program over the nonnegative
 * orthant, solved exactly by enumerating its 2^m active sets.
 */
final class DualQp {
    /** Relative size below which a pivot counts as zero (a singular Gram matrix). */
    static final double PIVOT_TOLERANCE = 1e-12;
    /** The most constraints the enumeration accepts (2^16 active sets of at most 16×16 solves). */
    static final int MAX_CONSTRAINTS = 16;

    private DualQp() {
    }

    /** The rows and columns {@code idx} of {@code s}. */
    static double[][] sub(double[][] s, int[] idx) {
        double[][] out = new double[idx.length][idx.length];
        for (int a = 0; a < idx.length; a++) {
            for (int b = 0; b < idx.length; b++) {
                out[a][b] = s[idx[a]][idx[b]];
            }
        }
        return out;
    }

    /** The entries {@code idx} of {@code v}. */
    static double[] sub(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int a = 0; a < idx.length; a++) {
            out[a] = v[idx[a]];
        }
        return out;
    }

    /** The indices of the set bits of {@code mask} below {@code m}. */
    static int[] members(int mask, int m) {
        int[] idx = new int[Integer.bitCount(mask)];
        int k = 0;
        for (int i = 0; i < m; i++) {
            if ((mask & (1 << i)) != 0) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /**
     * The solution of {@code a y = b} by Gaussian elimination with partial pivoting, or null when a pivot falls below
     * {@link #PIVOT_TOLERANCE} times the largest diagonal entry (the matrix is singular for the purpose).
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] y = b.clone();
        double scale = 0;
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        if (!(scale > 0)) {
            return n == 0 ? y : null;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (!(Math.abs(m[pivot][col]) > PIVOT_TOLERANCE * scale)) {
                return null;
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double ty = y[col];
            y[col] = y[pivot];
            y[pivot] = ty;
            for (int row = col + 1; row < n; row++) {
                double f = m[row][col] / m[col][col];
                for (int k = col; k < n; k++) {
                    m[row][k] -= f * m[col][k];
                }
                y[row] -= f * y[col];
            }
        }
        for (int row = n - 1; row >= 0; row--) {
            double sum = y[row];
            for (int k = row + 1; k < n; k++) {
                sum -= m[row][k] * y[k];
            }
            y[row] = sum / m[row][row];
        }
        return y;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code s v}. */
    static double[] times(double[][] s, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(s[i], v);
        }
        return out;
    }

    /** Fails unless 1 ≤ m ≤ {@link #MAX_CONSTRAINTS}. */
    static void checkSize(int m) {
        if (m < 1 || m > MAX_CONSTRAINTS) {
            throw new IllegalArgumentException("the constrained step handles 1 to " + MAX_CONSTRAINTS
                    + " cost constraints, got " + m);
        }
    }

    /**
     * The maximizer μ ≥ 0 of the concave quadratic {@code cᵀμ − ½ μᵀSμ} (S symmetric positive semidefinite): for
     * every active set A, the stationary point μ_A = S_A⁻¹ c_A with zeros elsewhere is kept when it is nonnegative
     * and no inactive coordinate can raise the objective ({@code c_j − (Sμ)_j ≤ 0}, the KKT conditions); of those the
     * one of the largest objective is returned. Active sets with a singular S_A are skipped; should none qualify
     * (round-off at a degenerate problem), the best nonnegative stationary point is returned, and μ = 0 failing
     * that.
     */
    static double[] maximizeOnOrthant(double[][] s, double[] c) {
        int m = c.length;
        checkSize(m);
        double scale = 0;
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, Math.abs(c[i]));
        }
        double tolerance = 1e-10 * Math.max(scale, Double.MIN_NORMAL);
        double[] best = new double[m];
        double bestValue = Double.NEGATIVE_INFINITY;
        double[] fallback = new double[m];
        double fallbackValue = 0;
        for (int mask = 0; mask < (1 << m); mask++) {
            int[] idx = members(mask, m);
            double[] muA = solve(sub(s, idx), sub(c, idx));
            if (muA == null) {
                continue;
            }
            double[] mu = new double[m];
            boolean nonnegative = true;
            for (int a = 0; a < idx.length; a++) {
                if (muA[a] < 0) {
                    nonnegative = false;
                }
                mu[idx[a]] = Math.max(muA[a], 0.0);
            }
            if (!nonnegative) {
                continue;
            }
            double[] smu = times(s, mu);
            double value = dot(c, mu) - 0.5 * dot(mu, smu);
            boolean kkt = true;
            for (int j = 0; j < m; j++) {
                if ((mask & (1 << j)) == 0 && c[j] - smu[j] > tolerance) {
                    kkt = false;
                }
            }
            if (kkt && value > bestValue) {
                best = mu;
                bestValue = value;
            } else if (value > fallbackValue) {
                fallback = mu;
                fallbackValue = value;
            }
        }
        return bestValue > Double.NEGATIVE_INFINITY ? best : fallback;
    }
}
