package org.npg4j.mujoco.tasks;

import org.npg4j.env.Kwargs;

/** An interval of Gymnasium's tuple kwargs ({@code healthy_z_range=(0.7, inf)}); the tests say which ends count. */
record Range(double low, double high) {
    Range {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("range (" + low + ", " + high + ") is empty");
        }
    }

    /** The kwarg {@code key} as a range, {@code (low, high)} when absent. */
    static Range of(Kwargs k, String key, double low, double high) {
        double[] r = k.getDoubles(key, 2, null);
        if (r == null) {
            return new Range(low, high);
        }
        if (Double.isNaN(r[0]) || Double.isNaN(r[1]) || r[0] > r[1]) {
            throw new IllegalArgumentException("kwarg '" + key + "' must be (low, high) with low <= high, got ("
                    + r[0] + ", " + r[1] + ")");
        }
        return new Range(r[0], r[1]);
    }

    /** {@code low < x < high}, Python's chained comparison of Hopper's, Walker2d's and Humanoid's health tests. */
    boolean containsStrictly(double x) {
        return low < x && x < high;
    }

    /** {@code low <= x <= high}, Ant's health test. */
    boolean contains(double x) {
        return low <= x && x <= high;
    }

    /** {@code np.clip(x, low, high)}. */
    double clip(double x) {
        return Math.min(Math.max(x, low), high);
    }
}
