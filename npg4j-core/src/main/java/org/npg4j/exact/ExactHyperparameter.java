package org.npg4j.exact;

import java.util.Locale;
import java.util.Objects;

/**
 * One hyperparameter of an exact optimizer: its key, its default (the single source of it: listings, help texts and
 * {@link ExactOptimizers#build} read it from here), the set of valid values, and a one-line description.
 *
 * @param key          the name in parameter maps ({@code eta}, {@code max_kl}, ...); a command line spells it
 *                     {@code --eta}, {@code --max-kl}
 * @param defaultValue the value used when none is given
 * @param domain       the valid values
 * @param description  what it is, one line
 */
public record ExactHyperparameter(String key, double defaultValue, Domain domain, String description) {
    /** The valid values of a hyperparameter. */
    public enum Domain {
        /** A finite number &gt; 0. */
        POSITIVE("must be positive and finite"),
        /** A finite number ≥ 0. */
        NON_NEGATIVE("must be non-negative and finite"),
        /** An integer ≥ 1. */
        POSITIVE_INTEGER("must be an integer >= 1"),
        /** A number in the open interval (0, 1). */
        OPEN_UNIT_INTERVAL("must be in (0, 1)");

        private final String requirement;

        Domain(String requirement) {
            this.requirement = requirement;
        }

        /** Whether x is valid. */
        public boolean contains(double x) {
            return switch (this) {
                case POSITIVE -> x > 0 && Double.isFinite(x);
                case NON_NEGATIVE -> x >= 0 && Double.isFinite(x);
                case POSITIVE_INTEGER -> x >= 1 && x <= Integer.MAX_VALUE && x == Math.rint(x);
                case OPEN_UNIT_INTERVAL -> x > 0 && x < 1;
            };
        }

        /** The requirement, as the end of an error message ("must be positive and finite"). */
        public String requirement() {
            return requirement;
        }
    }

    public ExactHyperparameter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(description, "description");
        if (!domain.contains(defaultValue)) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " " + domain.requirement());
        }
    }

    /**
     * Returns {@code value} if it is valid, else fails with "LABEL VALUE must be ...", where {@code label} is how the
     * caller named the hyperparameter (the key in a library call, {@code --eta} on a command line).
     */
    public double check(String label, double value) {
        if (!domain.contains(value)) {
            throw new IllegalArgumentException(label + " " + format(value) + " " + domain.requirement());
        }
        return value;
    }

    /** The default as text: an integer without a decimal point, a number in its shortest form. */
    public String defaultText() {
        return format(defaultValue);
    }

    static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
