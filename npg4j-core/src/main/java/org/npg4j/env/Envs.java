package org.npg4j.env;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.npg4j.util.Suggestions;

/**
 * The env registry, as Gymnasium's {@code gymnasium.make}: {@code Envs.make("CartPole-v1")} builds an env with
 * its registered time limit; {@code Envs.make(id, kwargs)} accepts {@code max_episode_steps} (0 = no limit) and the
 * env-specific kwargs of its {@link EnvSpec}. Further envs join with {@link #register(EnvSpec)}, or from other modules
 * through {@link EnvProvider}s found on the class path.
 */
public final class Envs {
    /** The kwarg every env accepts: the time limit (0 = none). */
    public static final String MAX_EPISODE_STEPS = "max_episode_steps";

    private static final Map<String, EnvSpec> SPECS = new TreeMap<>();

    static {
        ClassicControl.registerAll();
        Box2dEnvs.registerAll();
        SafetyEnvs.registerAll();
        registerProviders(ServiceLoader.load(EnvProvider.class, Envs.class.getClassLoader()));
    }

    private Envs() {
    }

    /** Registers the specs of each provider; a taken id fails naming the provider. */
    static void registerProviders(Iterable<EnvProvider> providers) {
        for (EnvProvider provider : providers) {
            for (EnvSpec spec : provider.envs()) {
                try {
                    register(spec);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(provider.getClass().getName() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Adds an env to the registry; fails if the id is already taken. */
    public static synchronized void register(EnvSpec spec) {
        if (SPECS.containsKey(spec.id())) {
            throw new IllegalArgumentException("env id " + spec.id() + " is already registered");
        }
        SPECS.put(spec.id(), spec);
    }

    /** A registration that ends when closed (for tests and scoped use), restoring what the id meant before. */
    public interface Registration extends AutoCloseable {
        /** Removes the registration and puts back the spec it replaced, if any. */
        @Override
        void close();
    }

    /**
     * Registers {@code spec} until the returned registration is closed; an id already registered is replaced for
     * that time (a test's stand-in for a shipped env), then restored.
     */
    public static synchronized Registration registerScoped(EnvSpec spec) {
        EnvSpec previous = SPECS.put(spec.id(), spec);
        return () -> {
            synchronized (Envs.class) {
                if (SPECS.get(spec.id()) != spec) {
                    return;
                }
                if (previous == null) {
                    SPECS.remove(spec.id());
                } else {
                    SPECS.put(spec.id(), previous);
                }
            }
        };
    }

    /** The registered ids, sorted. */
    public static synchronized List<String> ids() {
        return List.copyOf(SPECS.keySet());
    }

    /** The spec of a registered id. */
    public static synchronized EnvSpec spec(String id) {
        EnvSpec spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown env id '" + id + "'; closest: "
                    + String.join(", ", closest(id, 3)) + " (see npg4j envs)");
        }
        return spec;
    }

    /** The one-line description of a registered id. */
    public static String describe(String id) {
        return spec(id).description();
    }

    /** Builds the env with its default kwargs. */
    public static Env make(String id) {
        return make(id, Map.of());
    }

    /** Builds the env with the given kwargs; unknown or ill-typed kwargs fail naming the key and the valid ones. */
    public static Env make(String id, Map<String, Object> kwargs) {
        EnvSpec spec = spec(id);
        Set<String> valid = new HashSet<>(spec.kwargs());
        valid.add(MAX_EPISODE_STEPS);
        Kwargs k = new Kwargs(id, kwargs, valid);
        int steps = k.getInt(MAX_EPISODE_STEPS, spec.maxEpisodeSteps());
        if (steps < 0) {
            throw new IllegalArgumentException(id + ": kwarg '" + MAX_EPISODE_STEPS + "' must be >= 0 (0 = no limit), got "
                    + steps);
        }
        return spec.factory().create(k, steps);
    }

    /** The {@code count} registered ids closest to {@code id} in case-insensitive edit distance. */
    static synchronized List<String> closest(String id, int count) {
        List<String> ids = new ArrayList<>(SPECS.keySet());
        String key = id.toLowerCase();
        ids.sort(Comparator.comparingInt((String s) -> Suggestions.distance(key, s.toLowerCase()))
                .thenComparing(s -> s));
        return ids.subList(0, Math.min(count, ids.size()));
    }
    /**
     * Checks that {@code env} keeps the {@link Env} contract, as Stable-Baselines3's {@code check_env}: valid spaces;
     * reset and step results (observations inside their space, finite rewards and costs, the step counter);
     * truncation exactly at the time limit and refused steps after an episode's end; refused invalid actions;
     * identical episodes for the same seed and actions; and, where the env supports them, {@code state()}/{@code
     * setState} and checkpoints that restore an episode exactly. Runs a few thousand steps of seeded random actions;
     * afterwards the env is in an unspecified episode (reset it). Problems are returned, not thrown: each is one line
     * naming the env, what is wrong and what to do.
     */
    public static EnvCheck check(Env env) {
        return EnvChecker.check(env);
    }
}
