package org.npg4j.env;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A float64 box {x : low ≤ x ≤ high} of a given shape, stored flat row-major (Gymnasium's {@code Box}). Bounds may
 * be infinite. {@link #sample} follows Gymnasium: uniform on bounded coordinates, normal on unbounded ones,
 * shifted exponential on half-bounded ones.
 */
public final class Box implements Space {
    private final double[] low;
    private final double[] high;
    private final int[] shape;

    /** A box with per-coordinate bounds (copied) and the given shape, whose product must equal the bounds' length. */
    public Box(double[] low, double[] high, int... shape) {
        int size = 1;
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("Box shape " + Arrays.toString(shape) + " has a dimension < 1");
            }
            size *= d;
        }
        if (shape.length == 0 || low.length != size || high.length != size) {
            throw new IllegalArgumentException("Box shape " + Arrays.toString(shape) + " does not match bounds of length "
                    + low.length + " and " + high.length);
        }
        for (int i = 0; i < size; i++) {
            if (Double.isNaN(low[i]) || Double.isNaN(high[i]) || low[i] > high[i]) {
                throw new IllegalArgumentException("Box bound " + i + " is invalid: low " + low[i] + ", high " + high[i]);
            }
        }
        this.low = low.clone();
        this.high = high.clone();
        this.shape = shape.clone();
    }

    /** A one-dimensional box with the given bounds. */
    public static Box of(double[] low, double[] high) {
        return new Box(low, high, low.length);
    }

    /** A box of the given shape with the same bounds on every coordinate. */
    public static Box uniform(double low, double high, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] lo = new double[Math.max(size, 0)];
        double[] hi = new double[lo.length];
        Arrays.fill(lo, low);
        Arrays.fill(hi, high);
        return new Box(lo, hi, shape);
    }

    public double low(int i) {
        return low[i];
    }

    public double high(int i) {
        return high[i];
    }

    /** A copy of the lower bounds. */
    public double[] low() {
        return low.clone();
    }

    /** A copy of the upper bounds. */
    public double[] high() {
        return high.clone();
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Whether every coordinate has finite bounds on both sides. */
    public boolean isBounded() {
        for (int i = 0; i < low.length; i++) {
            if (Double.isInfinite(low[i]) || Double.isInfinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean contains(double[] x) {
        if (x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    /** Clips {@code x} into the box coordinate-wise, in place (as {@code np.clip(x, low, high)}). */
    public void clipInPlace(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(Math.max(x[i], low[i]), high[i]);
        }
    }

    @Override
    public void sample(SplittableRandom rng, double[] out) {
        for (int i = 0; i < low.length; i++) {
            double lo = low[i];
            double hi = high[i];
            boolean boundedBelow = !Double.isInfinite(lo);
            boolean boundedAbove = !Double.isInfinite(hi);
            if (boundedBelow && boundedAbove) {
                out[i] = lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
            } else if (boundedBelow) {
                out[i] = lo - Math.log1p(-rng.nextDouble());
            } else if (boundedAbove) {
                out[i] = hi + Math.log1p(-rng.nextDouble());
            } else {
                out[i] = gaussian(rng);
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; one of the two variates is dropped to keep sampling stateless.
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }

    @Override
    public int flatDim() {
        return low.length;
    }

    @Override
    public int dim() {
        return low.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high)
                && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    /** Gymnasium's form: {@code Box(-2.0, 2.0, (1,), float64)}, with the bound arrays when they vary. */
    @Override
    public String toString() {
        return "Box(" + bounds(low) + ", " + bounds(high) + ", " + shapeString() + ", float64)";
    }

    private static String bounds(double[] b) {
        for (double v : b) {
            if (Double.compare(v, b[0]) != 0) {
                return Arrays.toString(b);
            }
        }
        return Double.toString(b[0]);
    }

    private String shapeString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        return sb.append(')').toString();
    }
}
