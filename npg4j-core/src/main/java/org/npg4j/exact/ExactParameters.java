package org.npg4j.exact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The resolved hyperparameters of one exact optimizer (given values over the spec's defaults), each checked against
 * its domain; what an {@link ExactOptimizerSpec.Factory} reads. Messages name a hyperparameter as the caller did
 * ({@link #label}): by its key in a library call, by its option ({@code --eta}) on a command line.
 */
public final class ExactParameters {
    private final ExactOptimizerSpec spec;
    private final Map<String, Double> values;
    private final Set<String> given;
    private final UnaryOperator<String> label;

    ExactParameters(ExactOptimizerSpec spec, Map<String, Double> given, UnaryOperator<String> label) {
        this.spec = spec;
        this.label = label;
        this.given = Set.copyOf(given.keySet());
        Map<String, Double> v = new LinkedHashMap<>();
        for (ExactHyperparameter h : spec.hyperparameters()) {
            Double x = given.get(h.key());
            v.put(h.key(), x == null ? h.defaultValue() : h.check(label(h.key()), x));
        }
        this.values = Collections.unmodifiableMap(v);
    }

    /** The value of a declared hyperparameter. */
    public double real(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(spec.name() + " reads hyperparameter " + key + ", which it does not declare");
        }
        return v;
    }

    /** The value of a declared integer hyperparameter. */
    public int integer(String key) {
        return (int) real(key);
    }

    /** How the caller names the hyperparameter (its key, or {@code --eta} on a command line). */
    public String label(String key) {
        return label.apply(key);
    }

    /**
     * Requires the value of {@code key} to be at most {@code bound} (a bound that depends on the problem or on other
     * hyperparameters, named {@code boundName} in the message).
     */
    public void requireAtMost(String key, double bound, String boundName) {
        double v = real(key);
        if (v > bound * (1.0 + 1e-12)) {
            throw new IllegalArgumentException(label(key) + " " + ExactHyperparameter.format(v)
                    + (given.contains(key) ? "" : " (the default)") + " exceeds " + boundName + " = "
                    + String.format(java.util.Locale.ROOT, "%.6g", bound));
        }
    }

    /** All values, key to value, in the spec's order (for provenance). */
    public Map<String, Double> values() {
        return values;
    }
}
