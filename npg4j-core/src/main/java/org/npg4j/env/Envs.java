package org.npg4j.env;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

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

    /** The registered ids, sorted. */
    public static synchronized List<String> ids() {
        return List.copyOf(SPECS.keySet());
    }

    /** The spec of a registered id. */
    public static synchronized EnvSpec spec(String id) {
        EnvSpec spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown env id '" + id + "'; closest: "
                    + String.join(", ", closest(id, 3)) + " (all ids: Envs.ids())");
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
        ids.sort(Comparator.comparingInt((String s) -> editDistance(key, s.toLowerCase())).thenComparing(s -> s));
        return ids.subList(0, Math.min(count, ids.size()));
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
