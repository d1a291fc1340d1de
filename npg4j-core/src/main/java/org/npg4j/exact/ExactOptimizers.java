package org.npg4j.exact;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.npg4j.util.Suggestions;
import org.npg4j.mdp.TabularPolicy;

/**
 * The registry of exact optimizers: {@code ExactOptimizers.build("npg", problem, start, Map.of("eta", 0.5))} builds
 * one by name, with the defaults of its {@link ExactOptimizerSpec} for what is not given. Listings (in registration
 * order, which is also the order of their fixed chart colours) and help texts are generated from here. Further
 * optimizers join with {@link #register}.
 */
public final class ExactOptimizers {
    private static final Map<String, ExactOptimizerSpec> SPECS = new LinkedHashMap<>();

    static {
        ExactOptimizerCatalog.registerAll();
    }

    private ExactOptimizers() {
    }

    /** Adds an optimizer; fails if the name is taken. */
    public static synchronized void register(ExactOptimizerSpec spec) {
        if (SPECS.containsKey(spec.name())) {
            throw new IllegalArgumentException("exact optimizer " + spec.name() + " is already registered");
        }
        SPECS.put(spec.name(), spec);
    }

    /** The registered names, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    /** The registered specs, in registration order. */
    public static synchronized List<ExactOptimizerSpec> specs() {
        return List.copyOf(SPECS.values());
    }

    /** The spec of a name, if registered. */
    public static synchronized Optional<ExactOptimizerSpec> find(String name) {
        return Optional.ofNullable(SPECS.get(name));
    }

    /** The spec of a registered name; an unknown name fails with the closest names. */
    public static ExactOptimizerSpec spec(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                Suggestions.unknown("exact optimizer", name, names()) + "; known: " + String.join(", ", names())));
    }

    /** Builds the optimizer with its defaults. */
    public static ExactOptimizer build(String name, ExactProblem problem, TabularPolicy start) {
        return build(name, problem, start, Map.of());
    }

    /** Builds the optimizer with the given hyperparameters over its defaults; messages name them by key. */
    public static ExactOptimizer build(String name, ExactProblem problem, TabularPolicy start,
                                       Map<String, Double> values) {
        return build(name, problem, start, values, UnaryOperator.identity());
    }

    /**
     * Builds the optimizer with the given hyperparameters over its defaults. A key the optimizer does not have, a
     * value outside its domain, or a constrained method on an unconstrained MDP fails with one line; {@code label}
     * maps a key to how the caller names it in such messages (a command line passes {@code eta -> --eta}).
     */
    public static ExactOptimizer build(String name, ExactProblem problem, TabularPolicy start,
                                       Map<String, Double> values, UnaryOperator<String> label) {
        ExactOptimizerSpec spec = spec(name);
        for (String key : values.keySet()) {
            if (spec.hyperparameter(key).isEmpty()) {
                List<String> keys = spec.hyperparameters().stream().map(ExactHyperparameter::key).toList();
                throw new IllegalArgumentException(name + " has no hyperparameter " + label.apply(key)
                        + (keys.isEmpty() ? " (it has none)" : " (it has: " + String.join(", ",
                        keys.stream().map(label).toList()) + ")"));
            }
        }
        if (spec.constrained() && !problem.mdp().isConstrained()) {
            throw new IllegalArgumentException(name + " needs a constrained MDP (costs with limits), but this MDP has"
                    + " no costs");
        }
        return spec.factory().create(problem, start, new ExactParameters(spec, values, label));
    }
}
