package org.npg4j.mujoco.tasks;

/**
 * The sums Gymnasium's reward terms are made of, in the order and the precision numpy 1.24 computes them, so that a
 * reward equals Gymnasium's to the bit and not only to the last few units in the last place.
 *
 * <p>{@code np.sum} of a contiguous array is numpy's pairwise summation ({@code pairwise_sum} in numpy's
 * {@code loops_utils.h.src}): fewer than 8 terms are added left to right; up to 128 terms go into 8 interleaved
 * partial sums that are combined as a balanced tree, and the left-over tail is added last; longer arrays are split
 * in halves (a multiple of 8 long) and summed recursively. The reduction starts from the identity 0.
 */
final class NumpySums {
    private static final int BLOCK = 128;

    private NumpySums() {
    }

    /**
     * {@code np.sum(np.square(a))} for the float32 array {@code a} that Gymnasium's float32 action space holds: each
     * entry rounded to float32 (exact for an action that came from a float32 policy), squared and summed in float32,
     * then widened. Gymnasium's control cost is {@code weight * this} in float64.
     */
    static double float32SumOfSquares(double[] a) {
        float[] squares = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            float x = (float) a[i];
            squares[i] = x * x;
        }
        return 0.0f + pairwise(squares, 0, squares.length);
    }

    /** {@code np.sum(a[from:from+n])} of float64 values. */
    static double sum(double[] a, int from, int n) {
        return 0.0 + pairwise(a, from, n);
    }

    /** {@code np.sum(np.square(a[from:from+n]))} of float64 values. */
    static double sumOfSquares(double[] a, int from, int n) {
        double[] squares = new double[n];
        for (int i = 0; i < n; i++) {
            squares[i] = a[from + i] * a[from + i];
        }
        return 0.0 + pairwise(squares, 0, n);
    }

    /** {@code np.linalg.norm(v)} of a short vector, {@code sqrt(v . v)} with the dot product taken left to right. */
    static double norm(double... v) {
        double dot = 0.0;
        for (double x : v) {
            dot += x * x;
        }
        return Math.sqrt(dot);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double s = -0.0;
            for (int i = 0; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        if (n <= BLOCK) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }

    private static float pairwise(float[] a, int from, int n) {
        if (n < 8) {
            float s = -0.0f;
            for (int i = 0; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        if (n <= BLOCK) {
            float r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            float r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            float s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
