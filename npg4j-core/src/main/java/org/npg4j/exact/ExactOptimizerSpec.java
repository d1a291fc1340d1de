package org.npg4j.exact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.npg4j.mdp.TabularPolicy;

/**
 * A registry entry of an exact optimizer: its name, a one-line description, whether it needs a constrained MDP, its
 * hyperparameters with their defaults, and the factory building it from checked parameters. See
 * {@link ExactOptimizers}.
 *
 * @param name            the name in traces, listings and on the command line ({@code npg}, {@code trpo}, ...)
 * @param description     what it is, one line
 * @param constrained     whether it needs a constrained MDP (costs and limits)
 * @param hyperparameters its hyperparameters, in the order listings show them
 * @param factory         builds it
 */
public record ExactOptimizerSpec(String name, String description, boolean constrained,
                                 List<ExactHyperparameter> hyperparameters, Factory factory) {
    /** Builds an optimizer on a problem from a start policy and its checked hyperparameters. */
    @FunctionalInterface
    public interface Factory {
        ExactOptimizer create(ExactProblem problem, TabularPolicy start, ExactParameters parameters);
    }

    public ExactOptimizerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        hyperparameters = List.copyOf(hyperparameters);
        for (int i = 0; i < hyperparameters.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (hyperparameters.get(i).key().equals(hyperparameters.get(j).key())) {
                    throw new IllegalArgumentException(name + ": hyperparameter " + hyperparameters.get(i).key()
                            + " is declared twice");
                }
            }
        }
    }

    /** The hyperparameter with this key, if the optimizer has one. */
    public Optional<ExactHyperparameter> hyperparameter(String key) {
        return hyperparameters.stream().filter(h -> h.key().equals(key)).findFirst();
    }

    /** The defaults, key to value, in declaration order. */
    public Map<String, Double> defaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (ExactHyperparameter h : hyperparameters) {
            m.put(h.key(), h.defaultValue());
        }
        return m;
    }
}
