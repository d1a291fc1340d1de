package org.npg4j.exact;

/** One-line validation of the optimizers' hyperparameters. */
final class Hyper {
    private Hyper() {
    }

    static double positive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " " + value + " must be positive and finite");
        }
        return value;
    }

    static double nonNegative(String key, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " " + value + " must be non-negative and finite");
        }
        return value;
    }

    static int positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " " + value + " must be at least 1");
        }
        return value;
    }

    static double[] start(ExactProblem problem, org.npg4j.mdp.TabularPolicy start) {
        start.checkCompatible(problem.mdp());
        return start.probabilities();
    }
}
