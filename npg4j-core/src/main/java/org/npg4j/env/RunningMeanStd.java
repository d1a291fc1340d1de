package org.npg4j.env;

import java.util.Arrays;
import org.npg4j.math.StateMap;

/**
 * Running per-coordinate mean and (population) variance, updated with Chan et al.'s parallel formula as
 * Gymnasium's and SB3's {@code RunningMeanStd}; starts at mean 0, variance 1 and count ε = 1e-4.
 */
public final class RunningMeanStd {
    /** The initial pseudo-count of Gymnasium/SB3. */
    public static final double INITIAL_COUNT = 1e-4;

    private final double[] mean;
    private final double[] var;
    private double count;

    public RunningMeanStd(int dim) {
        this.mean = new double[dim];
        this.var = new double[dim];
        Arrays.fill(var, 1.0);
        this.count = INITIAL_COUNT;
    }

    /** The statistics as a value, to save with a model and {@link #restore} later. */
    public record Snapshot(double[] mean, double[] var, double count) {
        public Snapshot {
            if (mean.length != var.length) {
                throw new IllegalArgumentException("mean has length " + mean.length + " but var has " + var.length);
            }
            if (!(count > 0) || Double.isInfinite(count)) {
                throw new IllegalArgumentException("count must be positive and finite, got " + count);
            }
            for (int i = 0; i < var.length; i++) {
                if (!Double.isFinite(mean[i]) || !(var[i] >= 0) || Double.isInfinite(var[i])) {
                    throw new IllegalArgumentException("statistics " + i + " invalid: mean " + mean[i] + ", var "
                            + var[i]);
                }
            }
            mean = mean.clone();
            var = var.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] var() {
            return var.clone();
        }
    }

    /** Adds one sample x (length dim). */
    public void update(double[] x) {
        double total = count + 1.0;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / total;
            // M2 = var·count + 0 + δ²·count·1/total (a batch of one has variance 0).
            var[i] = (var[i] * count + delta * delta * count / total) / total;
        }
        count = total;
    }

    /** Adds one scalar sample (dim must be 1). */
    public void update(double x) {
        double total = count + 1.0;
        double delta = x - mean[0];
        mean[0] += delta / total;
        var[0] = (var[0] * count + delta * delta * count / total) / total;
        count = total;
    }

    /**
     * Combines the statistics with those of a batch of {@code batchCount} samples whose per-coordinate mean and
     * population variance are given (Chan et al.: δ = μ_B − μ, n' = n + n_B, μ' = μ + δ n_B/n',
     * σ'² = (σ² n + σ_B² n_B + δ² n n_B/n') / n').
     */
    public void combine(double[] batchMean, double[] batchVar, double batchCount) {
        double total = count + batchCount;
        for (int i = 0; i < mean.length; i++) {
            double delta = batchMean[i] - mean[i];
            mean[i] += delta * batchCount / total;
            var[i] = (var[i] * count + batchVar[i] * batchCount + delta * delta * count * batchCount / total) / total;
        }
        count = total;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double var(int i) {
        return var[i];
    }

    public double count() {
        return count;
    }

    public int dim() {
        return mean.length;
    }

    public Snapshot snapshot() {
        return new Snapshot(mean, var, count);
    }

    /** Writes the statistics as the checkpoint entries {@code rms/mean}, {@code rms/var}, {@code rms/count}. */
    public static void writeCheckpoint(Snapshot s, StateMap out) {
        StateMap o = out.scope("rms");
        o.put("mean", s.mean).put("var", s.var).putDouble("count", s.count);
    }

    /** Reads statistics of dimension {@code dim} written by {@link #writeCheckpoint}. */
    public static Snapshot readCheckpoint(StateMap in, int dim) {
        StateMap i = in.scope("rms");
        return new Snapshot(i.doubles("mean", dim), i.doubles("var", dim), i.doubleValue("count"));
    }

    /** Replaces the statistics; the snapshot's dimension must match. */
    public void restore(Snapshot s) {
        if (s.mean.length != mean.length) {
            throw new IllegalArgumentException("statistics have dimension " + s.mean.length + ", expected "
                    + mean.length);
        }
        System.arraycopy(s.mean, 0, mean, 0, mean.length);
        System.arraycopy(s.var, 0, var, 0, var.length);
        count = s.count;
    }
}
