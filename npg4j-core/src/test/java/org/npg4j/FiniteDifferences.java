package org.npg4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.ToDoubleFunction;

/** Central finite differences with one Richardson step (error O(h⁴)), and the comparison every gradient test uses. */
public final class FiniteDifferences {
    /** Relative tolerance of every gradient check, as the project requires for float64. */
    public static final double RELATIVE_TOLERANCE = 1e-6;
    /** Values below this magnitude are compared absolutely (finite differences cannot resolve them better). */
    public static final double FLOOR = 1e-4;

    private FiniteDifferences() {
    }

    /** ∂f/∂x_i at x (x is restored afterwards). */
    public static double partial(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        double x0 = x[i];
        double d1 = central(f, x, i, h);
        double d2 = central(f, x, i, h / 2);
        x[i] = x0;
        return (4 * d2 - d1) / 3;
    }

    private static double central(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
        double x0 = x[i];
        x[i] = x0 + h;
        double fp = f.applyAsDouble(x);
        x[i] = x0 - h;
        double fm = f.applyAsDouble(x);
        x[i] = x0;
        return (fp - fm) / (2 * h);
    }

    /** The whole gradient of f at x by {@link #partial}. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = partial(f, x, i, h);
        }
        return g;
    }

    /** Relative error |a - b| / max(|a|, |b|, FLOOR). */
    public static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** Fails with the first component whose relative error exceeds {@code tolerance}. */
    public static void assertClose(String what, double[] expected, double[] actual, double tolerance) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = relativeError(expected[i], actual[i]);
            if (!(e <= tolerance)) {
                fail(what + "[" + i + "]: " + actual[i] + " vs " + expected[i] + " (relative error " + e + ")");
            }
        }
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
