package org.npg4j.spark.tune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The hyperparameters {@code npg4j tune} searches for one algorithm, with the names, choices and ranges of
 * rl-baselines3-zoo's samplers (rl_zoo3/hyperparams_opt.py, v2.4.0), and how a sampled point becomes npg4j's
 * configuration keys ({@link #overrides}).
 *
 * <p>As in the zoo, PPO and TRPO trials run with {@code policy_kwargs.ortho_init: false} (PyTorch's default
 * initialization) unless the user fixes that key, and A2C samples it.
 */
public final class SearchSpace implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One searched hyperparameter. */
    public sealed interface Param extends Serializable permits Categorical, Uniform {
        String name();

        /** A value drawn uniformly (in log space for a log-uniform range). */
        Object sample(SplittableRandom rng);
    }

    /** A choice among values (numbers, booleans or names), as Optuna's {@code suggest_categorical}. */
    public record Categorical(String name, List<Object> choices) implements Param {
        public Categorical {
            choices = List.copyOf(choices);
        }

        @Override
        public Object sample(SplittableRandom rng) {
            return choices.get(rng.nextInt(choices.size()));
        }

        /** The position of {@code value} among the choices. */
        public int index(Object value) {
            int i = choices.indexOf(value);
            if (i < 0) {
                throw new IllegalArgumentException(name + ": " + value + " is not one of " + choices);
            }
            return i;
        }
    }

    /** A number in [low, high], uniform or log-uniform, as Optuna's {@code suggest_float}. */
    public record Uniform(String name, double low, double high, boolean log) implements Param {
        public Uniform {
            if (!(low < high) || (log && low <= 0)) {
                throw new IllegalArgumentException(name + ": bad range [" + low + ", " + high + "]");
            }
        }

        @Override
        public Object sample(SplittableRandom rng) {
            return fromInternal(internalLow() + rng.nextDouble() * (internalHigh() - internalLow()));
        }

        /** The range in the space where the sampler works: log for a log-uniform range. */
        public double internalLow() {
            return log ? Math.log(low) : low;
        }

        public double internalHigh() {
            return log ? Math.log(high) : high;
        }

        public double toInternal(double v) {
            return log ? Math.log(v) : v;
        }

        /** Back from the sampler's space, clamped into [low, high] against rounding. */
        public double fromInternal(double x) {
            double v = log ? Math.exp(x) : x;
            return Math.min(high, Math.max(low, v));
        }
    }

    private static final List<Object> BATCH_SIZE = List.of(8, 16, 32, 64, 128, 256, 512);
    private static final List<Object> N_STEPS = List.of(8, 16, 32, 64, 128, 256, 512, 1024, 2048);
    private static final List<Object> GAMMA = List.of(0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999);
    private static final List<Object> GAE_LAMBDA = List.of(0.8, 0.9, 0.92, 0.95, 0.98, 0.99, 1.0);
    private static final List<Object> MAX_GRAD_NORM = List.of(0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0, 5.0);
    private static final List<Object> ACTIVATION = List.of("tanh", "relu");
    /** The zoo's net_arch names: independent policy and value networks of these hidden layers. */
    private static final Map<String, int[]> NET_ARCH = Map.of("tiny", new int[] {64}, "small", new int[] {64, 64},
            "medium", new int[] {256, 256});

    private final String algo;
    private final List<Param> params;
    /** {@code policy_kwargs} keys set in every trial without being searched (the zoo's fixed choices the user has not overridden). */
    private final LinkedHashMap<String, Object> fixed;

    private SearchSpace(String algo, List<Param> params, Map<String, Object> fixed) {
        this.algo = algo;
        this.params = List.copyOf(params);
        this.fixed = new LinkedHashMap<>(fixed);
    }

    /** The algorithms with a search space. */
    public static List<String> algorithms() {
        return List.copyOf(ZOO.keySet());
    }

    /**
     * The zoo's samplers, algorithm by algorithm, each parameter in the order the sampler draws it. The zoo fixes
     * {@code ortho_init = False} for PPO and TRPO (that is in {@link #FIXED}) and samples it for A2C.
     */
    private static final Map<String, List<Param>> ZOO = new LinkedHashMap<>();
    /** {@code policy_kwargs} keys every trial of an algorithm gets, as the zoo's sampler sets them without searching. */
    private static final Map<String, Map<String, Object>> FIXED = Map.of(
            "ppo", Map.of("ortho_init", false),
            "trpo", Map.of("ortho_init", false));

    static {
        ZOO.put("a2c", List.of(
                new Categorical("gamma", GAMMA),
                new Categorical("normalize_advantage", List.of(false, true)),
                new Categorical("max_grad_norm", MAX_GRAD_NORM),
                new Categorical("use_rms_prop", List.of(false, true)),
                new Categorical("gae_lambda", GAE_LAMBDA),
                new Categorical("n_steps", N_STEPS),
                new Categorical("lr_schedule", List.of("linear", "constant")),
                new Uniform("learning_rate", 1e-5, 1, true),
                new Uniform("ent_coef", 1e-8, 0.1, true),
                new Uniform("vf_coef", 0, 1, false),
                new Categorical("ortho_init", List.of(false, true)),
                new Categorical("net_arch", List.of("small", "medium")),
                new Categorical("activation_fn", ACTIVATION)));
        ZOO.put("ppo", List.of(
                new Categorical("batch_size", BATCH_SIZE),
                new Categorical("n_steps", N_STEPS),
                new Categorical("gamma", GAMMA),
                new Uniform("learning_rate", 1e-5, 1, true),
                new Uniform("ent_coef", 1e-8, 0.1, true),
                new Categorical("clip_range", List.of(0.1, 0.2, 0.3, 0.4)),
                new Categorical("n_epochs", List.of(1, 5, 10, 20)),
                new Categorical("gae_lambda", GAE_LAMBDA),
                new Categorical("max_grad_norm", MAX_GRAD_NORM),
                new Uniform("vf_coef", 0, 1, false),
                new Categorical("net_arch", List.of("tiny", "small", "medium")),
                new Categorical("activation_fn", ACTIVATION)));
        ZOO.put("trpo", List.of(
                new Categorical("batch_size", BATCH_SIZE),
                new Categorical("n_steps", N_STEPS),
                new Categorical("gamma", GAMMA),
                new Uniform("learning_rate", 1e-5, 1, true),
                new Categorical("n_critic_updates", List.of(5, 10, 20, 25, 30)),
                new Categorical("cg_max_steps", List.of(5, 10, 20, 25, 30)),
                new Categorical("target_kl", List.of(0.1, 0.05, 0.03, 0.02, 0.01, 0.005, 0.001)),
                new Categorical("gae_lambda", GAE_LAMBDA),
                new Categorical("net_arch", List.of("small", "medium")),
                new Categorical("activation_fn", ACTIVATION)));
    }

    /** The zoo's search space of {@code algo}, in the order its sampler draws the parameters. */
    public static Optional<SearchSpace> of(String algo) {
        return Optional.ofNullable(ZOO.get(algo)).map(p -> new SearchSpace(algo, p, FIXED.getOrDefault(algo, Map.of())));
    }

    public String algo() {
        return algo;
    }

    public List<Param> params() {
        return params;
    }

    /**
     * The space without the parameters that {@code fixedKeys} (configuration keys set by the user, dotted for nested
     * ones) decide: {@code policy_kwargs.net_arch} removes {@code net_arch}, {@code learning_rate} removes
     * {@code lr_schedule} as well.
     */
    public SearchSpace without(java.util.Collection<String> fixedKeys) {
        java.util.Set<String> drop = new java.util.HashSet<>();
        for (String k : fixedKeys) {
            String name = k.startsWith("policy_kwargs.") ? k.substring("policy_kwargs.".length()) : k;
            drop.add(name);
            if (name.equals("learning_rate")) {
                drop.add("lr_schedule");
            }
        }
        List<Param> kept = new ArrayList<>();
        for (Param p : params) {
            if (!drop.contains(p.name())) {
                kept.add(p);
            }
        }
        Map<String, Object> keptFixed = new LinkedHashMap<>(fixed);
        keptFixed.keySet().removeAll(drop);
        return new SearchSpace(algo, kept, keptFixed);
    }

    /** The parameter of that name. */
    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter " + name + " in the " + algo + " search space");
    }

    /** The smallest rollout length per env a trial can draw ({@code n_steps}), or -1 when it is not searched. */
    public int smallestNSteps() {
        for (Param p : params) {
            if (p.name().equals("n_steps") && p instanceof Categorical c) {
                return c.choices().stream().mapToInt(o -> (Integer) o).min().orElseThrow();
            }
        }
        return -1;
    }

    /** A point drawn uniformly from the space (log-uniform ranges in log space). */
    public Map<String, Object> sample(SplittableRandom rng) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (Param p : params) {
            point.put(p.name(), p.sample(rng));
        }
        return point;
    }

    /**
     * npg4j's configuration keys for a sampled point, as the zoo's sampler turns its draws into SB3 arguments:
     * {@code batch_size} is capped at {@code n_steps}; {@code net_arch} names independent policy and value networks
     * ({@code tiny} [64], {@code small} [64, 64], {@code medium} [256, 256]); {@code activation_fn} goes to
     * {@code policy_kwargs}; A2C's {@code lr_schedule: linear} makes the learning rate {@code lin_X}.
     */
    public ObjectNode overrides(Map<String, Object> point) {
        return overrides(point, -1);
    }

    /**
     * As {@link #overrides(Map)}, where {@code n_steps} may be fixed outside the space: {@code fixedNSteps} then caps
     * {@code batch_size}.
     */
    public ObjectNode overrides(Map<String, Object> point, int fixedNSteps) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        ObjectNode pk = f.objectNode();
        for (Param p : params) {
            Object v = point.get(p.name());
            if (v == null) {
                throw new IllegalArgumentException("the point has no value for " + p.name());
            }
            switch (p.name()) {
                case "net_arch" -> {
                    int[] layers = NET_ARCH.get((String) v);
                    ObjectNode net = pk.putObject("net_arch");
                    ArrayNode pi = net.putArray("pi");
                    ArrayNode vf = net.putArray("vf");
                    for (int s : layers) {
                        pi.add(s);
                        vf.add(s);
                    }
                }
                case "activation_fn" -> pk.put("activation_fn", (String) v);
                case "ortho_init" -> pk.put("ortho_init", (Boolean) v);
                case "lr_schedule" -> {
                    // Applied to learning_rate below.
                }
                case "batch_size" -> {
                    Object steps = point.get("n_steps");
                    int cap = steps == null ? fixedNSteps : (Integer) steps;
                    n.put("batch_size", cap > 0 ? Math.min((Integer) v, cap) : (Integer) v);
                }
                default -> put(n, p.name(), v);
            }
        }
        if ("linear".equals(point.get("lr_schedule"))) {
            n.put("learning_rate", "lin_" + java.math.BigDecimal.valueOf((Double) point.get("learning_rate"))
                    .stripTrailingZeros().toPlainString());
        }
        fixed.forEach((k, v) -> put(pk, k, v));
        if (!pk.isEmpty()) {
            n.set("policy_kwargs", pk);
        }
        return n;
    }

    private static void put(ObjectNode n, String key, Object v) {
        if (v instanceof Integer i) {
            n.put(key, i);
        } else if (v instanceof Double d) {
            n.put(key, d);
        } else if (v instanceof Boolean b) {
            n.put(key, b);
        } else {
            n.put(key, v.toString());
        }
    }
}
