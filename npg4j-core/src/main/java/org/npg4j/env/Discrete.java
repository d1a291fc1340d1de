package org.npg4j.env;

import java.util.SplittableRandom;

/** The finite space {0, 1, ..., n-1} (Gymnasium's {@code Discrete(n)} with start 0). */
public final class Discrete implements Space {
    private final int n;

    public Discrete(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Discrete space needs n >= 1, got " + n);
        }
        this.n = n;
    }

    public int n() {
        return n;
    }

    public boolean contains(int x) {
        return x >= 0 && x < n;
    }

    @Override
    public boolean contains(double[] x) {
        return x.length == 1 && x[0] == Math.rint(x[0]) && x[0] >= 0 && x[0] < n;
    }

    /** A uniform sample of {0..n-1}. */
    public int sample(SplittableRandom rng) {
        return rng.nextInt(n);
    }

    @Override
    public void sample(SplittableRandom rng, double[] out) {
        out[0] = rng.nextInt(n);
    }

    @Override
    public int flatDim() {
        return n;
    }

    @Override
    public int dim() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Discrete d && d.n == n;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(n);
    }

    @Override
    public String toString() {
        return "Discrete(" + n + ")";
    }
}
