package org.npg4j.nn;

/**
 * A hyperparameter as a function of progress_remaining, which goes from 1 at the start of training to 0 at the
 * end (SB3's convention).
 */
@FunctionalInterface
public interface Schedule {
    double value(double progressRemaining);

    static Schedule constant(double value) {
        return new Constant(value);
    }

    /** rl-baselines3-zoo's {@code lin_X}: progress_remaining · X, decaying linearly from X to 0. */
    static Schedule linear(double initial) {
        return new Linear(initial);
    }

    /**
     * How the schedule is written in a configuration: a number for a constant, {@code lin_X} for a linear decay
     * (what {@link #parse} reads back).
     */
    default Object configValue() {
        throw new IllegalStateException("a schedule given as a function has no configuration value");
    }

    /** A constant schedule. */
    record Constant(double value) implements Schedule {
        @Override
        public double value(double progressRemaining) {
            return value;
        }

        @Override
        public Object configValue() {
            return value;
        }
    }

    /** {@code lin_X}: progress_remaining · X. */
    record Linear(double initial) implements Schedule {
        @Override
        public double value(double progressRemaining) {
            return progressRemaining * initial;
        }

        @Override
        public Object configValue() {
            return "lin_" + java.math.BigDecimal.valueOf(initial).stripTrailingZeros().toPlainString();
        }
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
