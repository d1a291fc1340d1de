package org.npg4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.npg4j.math.StudentT;

/**
 * The mean of several seeds' learning curves with a 95% confidence band: each seed's curve (x increasing, e.g. total
 * timesteps) is linearly interpolated onto a common grid, never extrapolated, and at every grid point the band is
 * mean ± t<sub>0.975, n-1</sub>·s/√n (Student's t interval with the sample standard deviation s of the n seeds
 * covering that point; no band where n = 1).
 *
 * <p>The grid is the union of the seeds' x values inside the range every seed covers, [max first x, min last x], so
 * seeds logged at the same timesteps are averaged without interpolation error; when the seeds' ranges do not
 * overlap, the grid is the union of all x values and each point averages the seeds that cover it.
 *
 * <p>Public for npg4j-bench, whose end-to-end benchmark uses the same curves and t quantiles.
 *
 * @param n number of seeds averaged at each grid point
 */
public record SeedAggregate(double[] x, double[] mean, double[] lower, double[] upper, int[] n) {
    /** One seed's curve; points with a non-finite x or y are dropped. */
    public record Curve(double[] x, double[] y) {
        public static Curve of(double[] x, double[] y) {
            int k = 0;
            double[] xs = new double[x.length];
            double[] ys = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    if (k > 0 && x[i] <= xs[k - 1]) {
                        throw new IllegalArgumentException("curve x values must increase, got " + x[i] + " after "
                                + xs[k - 1]);
                    }
                    xs[k] = x[i];
                    ys[k++] = y[i];
                }
            }
            return new Curve(java.util.Arrays.copyOf(xs, k), java.util.Arrays.copyOf(ys, k));
        }

        public boolean isEmpty() {
            return x.length == 0;
        }

        boolean covers(double at) {
            return x.length > 0 && at >= x[0] && at <= x[x.length - 1];
        }

        /** Linear interpolation at a covered point. */
        double at(double t) {
            int lo = java.util.Arrays.binarySearch(x, t);
            if (lo >= 0) {
                return y[lo];
            }
            int hi = -lo - 1;
            lo = hi - 1;
            double w = (t - x[lo]) / (x[hi] - x[lo]);
            return (1 - w) * y[lo] + w * y[hi];
        }
    }

    /** Aggregates the non-empty curves; fails if there is none. */
    static SeedAggregate of(List<Curve> curves) {
        List<Curve> cs = new ArrayList<>();
        for (Curve c : curves) {
            if (!c.isEmpty()) {
                cs.add(c);
            }
        }
        if (cs.isEmpty()) {
            throw new IllegalArgumentException("no curve has a finite point");
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (Curve c : cs) {
            lo = Math.max(lo, c.x()[0]);
            hi = Math.min(hi, c.x()[c.x().length - 1]);
        }
        TreeSet<Double> grid = new TreeSet<>();
        for (Curve c : cs) {
            for (double v : c.x()) {
                if (lo > hi || (v >= lo && v <= hi)) {
                    grid.add(v);
                }
            }
        }
        int m = grid.size();
        double[] x = new double[m];
        double[] mean = new double[m];
        double[] lower = new double[m];
        double[] upper = new double[m];
        int[] n = new int[m];
        double[] ys = new double[cs.size()];
        int i = 0;
        for (double t : grid) {
            int k = 0;
            for (Curve c : cs) {
                if (c.covers(t)) {
                    ys[k++] = c.at(t);
                }
            }
            double mu = 0;
            for (int j = 0; j < k; j++) {
                mu += ys[j] / k;
            }
            double half = 0;
            if (k > 1) {
                double ss = 0;
                for (int j = 0; j < k; j++) {
                    ss += (ys[j] - mu) * (ys[j] - mu);
                }
                half = StudentT.quantile975(k - 1) * Math.sqrt(ss / (k - 1) / k);
            }
            x[i] = t;
            mean[i] = mu;
            lower[i] = mu - half;
            upper[i] = mu + half;
            n[i++] = k;
        }
        return new SeedAggregate(x, mean, lower, upper, n);
    }

    /**
     * The same curves with the band (and, should a seed's value lie below it, the mean) cut at {@code floor}: for a
     * quantity that cannot be smaller (an episode cost, a KL divergence, a violation, all ≥ 0) the part of a symmetric
     * t interval below the floor holds no possible value.
     */
    SeedAggregate floorAt(double floor) {
        double[] lo = lower.clone();
        double[] mu = mean.clone();
        double[] hi = upper.clone();
        for (int i = 0; i < lo.length; i++) {
            lo[i] = Math.max(lo[i], floor);
            mu[i] = Math.max(mu[i], floor);
            hi[i] = Math.max(hi[i], floor);
        }
        return new SeedAggregate(x, mu, lo, hi, n);
    }
}
