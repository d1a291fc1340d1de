package org.npg4j.algo;

import java.util.SplittableRandom;

/**
 * Small dense problems for the CPO and PCPO tests: an explicit SPD matrix H with its Cholesky factor, exact solves,
 * and a generic solver of max gᵀx over {½xᵀHx ≤ δ, bᵀx + c ≤ 0} that knows nothing of duals: projected gradient
 * ascent in the whitened coordinates y = Lᵀx (H = LLᵀ), where the set is a ball cut by a half-space, projecting by
 * Dykstra's alternating projections.
 */
final class SmallQp {
    final int n;
    final double[][] h;
    private final double[][] l;

    SmallQp(int n, long seed) {
        this.n = n;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = rng.nextGaussian();
            }
        }
        h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.5 : 0;
                for (int k = 0; k < n; k++) {
                    s += m[i][k] * m[j][k];
                }
                h[i][j] = s;
            }
        }
        l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
    }

    static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    static double dot(double[] a, double[] b) {
        return NaturalGradient.dot(a, b);
    }

    double[] times(double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                y[i] += h[i][j] * x[j];
            }
        }
        return y;
    }

    /** L⁻¹v by forward substitution. */
    double[] whiten(double[] v) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = v[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        return y;
    }

    /** L⁻ᵀy by back substitution. */
    double[] unwhiten(double[] y) {
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** H⁻¹v. */
    double[] solve(double[] v) {
        return unwhiten(whiten(v));
    }

    /**
     * argmax gᵀx subject to ½xᵀHx ≤ δ and (when {@code halfSpace}) bᵀx + c ≤ 0, by projected gradient ascent on y.
     */
    double[] maximize(double[] g, double[] b, double c, double delta, boolean halfSpace) {
        double[] gy = whiten(g);
        double[] by = whiten(b);
        double radius = Math.sqrt(2 * delta);
        double eta = 0.5 * radius / Math.sqrt(dot(gy, gy));
        double[] y = new double[n];
        double[] z = new double[n];
        for (int it = 0; it < 4000; it++) {
            for (int i = 0; i < n; i++) {
                z[i] = y[i] + eta * gy[i];
            }
            y = halfSpace ? dykstra(z, by, c, radius) : ball(z, radius);
        }
        return unwhiten(y);
    }

    private static double[] ball(double[] z, double radius) {
        double norm = Math.sqrt(dot(z, z));
        double[] y = z.clone();
        if (norm > radius) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= radius / norm;
            }
        }
        return y;
    }

    private static double[] halfSpace(double[] z, double[] a, double c) {
        double excess = dot(a, z) + c;
        double[] y = z.clone();
        if (excess > 0) {
            double aa = dot(a, a);
            for (int i = 0; i < y.length; i++) {
                y[i] -= excess / aa * a[i];
            }
        }
        return y;
    }

    /** The Euclidean projection of z onto ball ∩ half-space by Dykstra's algorithm. */
    private static double[] dykstra(double[] z, double[] a, double c, double radius) {
        int n = z.length;
        double[] x = z.clone();
        double[] p = new double[n];
        double[] q = new double[n];
        for (int it = 0; it < 400; it++) {
            double[] xp = new double[n];
            for (int i = 0; i < n; i++) {
                xp[i] = x[i] + p[i];
            }
            double[] y = ball(xp, radius);
            double[] yq = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = xp[i] - y[i];
                yq[i] = y[i] + q[i];
            }
            x = halfSpace(yq, a, c);
            for (int i = 0; i < n; i++) {
                q[i] = yq[i] - x[i];
            }
        }
        return x;
    }

    /** Lᵀx, the whitened coordinates of x. */
    double[] lt(double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                y[i] += l[k][i] * x[k];
            }
        }
        return y;
    }

    /**
     * argmax gᵀx subject to ½xᵀHx ≤ δ and every b_iᵀx + c_i ≤ 0, by projected gradient ascent on y, projecting onto
     * the ball and the half-spaces by Dykstra's cyclic algorithm.
     */
    double[] maximizeSeveral(double[] g, double[][] b, double[] c, double delta) {
        double[] gy = whiten(g);
        double[][] by = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            by[i] = whiten(b[i]);
        }
        double radius = Math.sqrt(2 * delta);
        double eta = 0.5 * radius / Math.sqrt(dot(gy, gy));
        double[] y = new double[n];
        double[] z = new double[n];
        for (int it = 0; it < 2000; it++) {
            for (int i = 0; i < n; i++) {
                z[i] = y[i] + eta * gy[i];
            }
            y = dykstra(z, by, c, radius, 400);
        }
        return unwhiten(y);
    }

    /**
     * The Euclidean projection of z onto the intersection of the half-spaces a_iᵀy + c_i ≤ 0 and, when the radius is
     * finite, the ball of that radius, by Dykstra's cyclic algorithm.
     */
    static double[] dykstra(double[] z, double[][] a, double[] c, double radius, int iterations) {
        int n = z.length;
        int sets = a.length + 1;
        double[] x = z.clone();
        double[][] p = new double[sets][n];
        for (int it = 0; it < iterations; it++) {
            for (int k = 0; k < sets; k++) {
                double[] xp = new double[n];
                for (int i = 0; i < n; i++) {
                    xp[i] = x[i] + p[k][i];
                }
                double[] y = k == a.length ? (Double.isFinite(radius) ? ball(xp, radius) : xp)
                        : halfSpace(xp, a[k], c[k]);
                for (int i = 0; i < n; i++) {
                    p[k][i] = xp[i] - y[i];
                }
                x = y;
            }
        }
        return x;
    }
}
