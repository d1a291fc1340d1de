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
        return 0.0f + pairwiseFloat32Squares(a, 0, a.length);
    }

    /** {@code np.sum(a[from:from+n])} of float64 values. */
    static double sum(double[] a, int from, int n) {
        return 0.0 + pairwise(a, from, n, false);
    }

    /** {@code np.sum(np.square(a[from:from+n]))} of float64 values. */
    static double sumOfSquares(double[] a, int from, int n) {
        return 0.0 + pairwise(a, from, n, true);
    }

    /** {@code np.linalg.norm(v)} of a short vector, {@code sqrt(v . v)} with the dot product taken left to right. */
    static double norm(double... v) {
        double dot = 0.0;
        for (double x : v) {
            dot += x * x;
        }
        return Math.sqrt(dot);
    }

    /** The i-th term: {@code a[i]}, or its square. */
    private static double term(double[] a, int i, boolean square) {
        return square ? a[i] * a[i] : a[i];
    }

    /** numpy's pairwise sum of {@code a[from:from+n]} (or of their squares), computing the terms on the fly. */
    private static double pairwise(double[] a, int from, int n, boolean square) {
        if (n < 8) {
            double s = -0.0;
            for (int i = 0; i < n; i++) {
                s += term(a, from + i, square);
            }
            return s;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = term(a, from + j, square);
            }
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += term(a, from + i + j, square);
                }
            }
            double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                s += term(a, from + i, square);
            }
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half, square) + pairwise(a, from + half, n - half, square);
    }

    /** The i-th term of the float32 sums: {@code a[i]} rounded to float32 and squared in float32. */
    private static float square32(double[] a, int i) {
        float x = (float) a[i];
        return x * x;
    }

    /** numpy's pairwise sum, in float32, of the float32 squares of {@code a[from:from+n]}. */
    private static float pairwiseFloat32Squares(double[] a, int from, int n) {
        if (n < 8) {
            float s = -0.0f;
            for (int i = 0; i < n; i++) {
                s += square32(a, from + i);
            }
            return s;
        }
        if (n <= BLOCK) {
            float[] r = new float[8];
            for (int j = 0; j < 8; j++) {
                r[j] = square32(a, from + j);
            }
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += square32(a, from + i + j);
                }
            }
            float s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                s += square32(a, from + i);
            }
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseFloat32Squares(a, from, half) + pairwiseFloat32Squares(a, from + half, n - half);
    }
}
