package org.npg4j.nn;

/**
 * A hyperparameter as a function of progress_remaining, which goes from 1 at the start of training to 0 at the
 * end (SB3's convention).
 */
@FunctionalInterface
public interface Schedule {
    double value(double progressRemaining);

    static Schedule constant(double value) {
        return p -> value;
    }

    /** rl-baselines3-zoo's {@code lin_X}: progress_remaining · X, decaying linearly from X to 0. */
    static Schedule linear(double initial) {
        return p -> p * initial;
    }

    /** Parses a zoo value: a number ("3e-4") or "lin_X". */
    static Schedule parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("lin_")) {
                return linear(Double.parseDouble(t.substring(4)));
            }
            return constant(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("schedule must be a number or lin_<number>, got '" + text + "'", e);
        }
    }
}
