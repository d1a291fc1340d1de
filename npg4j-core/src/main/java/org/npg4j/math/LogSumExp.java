package org.npg4j.math;

/** Numerically stable log Σ exp and log-softmax: the maximum is subtracted before exponentiating. */
public final class LogSumExp {
    private LogSumExp() {
    }

    /** log Σ_{i&lt;n} exp(x[off + i]); -∞ if every entry is -∞, +∞ if one is +∞, NaN if one is NaN. */
    public static double logSumExp(double[] x, int off, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("logSumExp of an empty range");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = x[off + i];
            if (v != v) {
                return Double.NaN;
            }
            max = Math.max(max, v);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(x[off + i] - max);
        }
        return max + Math.log(s);
    }

    public static double logSumExp(double[] x) {
        return logSumExp(x, 0, x.length);
    }

    /** out[outOff + i] = x[off + i] - logSumExp(x, off, n); {@code out} may be {@code x}. */
    public static void logSoftmax(double[] x, int off, int n, double[] out, int outOff) {
        double lse = logSumExp(x, off, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[off + i] - lse;
        }
    }

    /** out[outOff + i] = softmax(x)_i; {@code out} may be {@code x}. */
    public static void softmax(double[] x, int off, int n, double[] out, int outOff) {
        double lse = logSumExp(x, off, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = Math.exp(x[off + i] - lse);
        }
    }
}
