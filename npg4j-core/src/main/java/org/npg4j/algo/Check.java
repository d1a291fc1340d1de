package org.npg4j.algo;

/** Hyperparameter validation with messages naming the key (SB3/zoo names) and the value. */
final class Check {
    private Check() {
    }

    static void positive(String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be positive, got " + v);
        }
    }

    static void nonNegative(String key, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be non-negative, got " + v);
        }
    }

    static void discount(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
        }
    }

    static void unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
        }
    }

    /** Stops training on a NaN or infinite quantity, naming the update and the quantity. */
    static void finite(String algo, long update, String quantity, double v) {
        if (!Double.isFinite(v)) {
            throw new ArithmeticException(algo + " update " + update + ": " + quantity + " is " + v);
        }
    }
}
