package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.npg4j.algo.A2cConfig;
import org.npg4j.algo.C3poConfig;
import org.npg4j.algo.CpoConfig;
import org.npg4j.algo.CTrpoConfig;
import org.npg4j.algo.NpgConfig;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.algo.PcpoConfig;
import org.npg4j.algo.PpoConfig;
import org.npg4j.algo.PpoKlConfig;
import org.npg4j.algo.TrpoConfig;
import org.npg4j.algo.VpgConfig;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.ThreadedVectorEnv;
import org.npg4j.env.VecNormalize;
import org.npg4j.env.VectorEnv;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Architecture;
import org.npg4j.policy.Policies;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.util.Suggestions;

/**
 * The algorithm registry: one {@link AlgorithmSpec} per on-policy algorithm, found by name, and the factory that
 * builds a run (envs, policy, update, trainer) from a configuration with rl-baselines3-zoo's keys. Keys common to
 * every algorithm: {@code n_timesteps}, {@code policy} (only {@code MlpPolicy}), the rollout's {@code n_steps},
 * {@code gamma}, {@code gae_lambda}, {@code n_envs}, {@code normalize} (observation and reward normalization, as the
 * zoo's {@code VecNormalize}: {@code true}, {@code false} or {@code {norm_obs: .., norm_reward: ..}}), {@code policy_kwargs} ({@code net_arch} as {@code [64, 64]} or
 * {@code {pi: [..], vf: [..]}}, {@code activation_fn} {@code tanh|relu}, {@code log_std_init}, {@code ortho_init}:
 * true for SB3's orthogonal initialization, false for PyTorch's default), {@code env_kwargs} (the env's constructor
 * arguments, checked by the env), and for constrained algorithms {@code cost_window}; the others are the
 * algorithm's config record's ({@link #defaults}).
 */
public final class Algorithms {
    /** PPO-Clip. */
    public static final AlgorithmSpec<PpoConfig> PPO = AlgorithmCatalog.PPO;
    /** TRPO. */
    public static final AlgorithmSpec<TrpoConfig> TRPO = AlgorithmCatalog.TRPO;
    /** A2C. */
    public static final AlgorithmSpec<A2cConfig> A2C = AlgorithmCatalog.A2C;
    /** Natural policy gradient. */
    public static final AlgorithmSpec<NpgConfig> NPG = AlgorithmCatalog.NPG;
    /** Vanilla policy gradient. */
    public static final AlgorithmSpec<VpgConfig> VPG = AlgorithmCatalog.VPG;
    /** PPO with the adaptive KL penalty. */
    public static final AlgorithmSpec<PpoKlConfig> PPO_KL = AlgorithmCatalog.PPO_KL;
    /** C-TRPO. */
    public static final AlgorithmSpec<CTrpoConfig> CTRPO = AlgorithmCatalog.CTRPO;
    /** C3PO. */
    public static final AlgorithmSpec<C3poConfig> C3PO = AlgorithmCatalog.C3PO;
    /** CPO. */
    public static final AlgorithmSpec<CpoConfig> CPO = AlgorithmCatalog.CPO;
    /** PCPO. */
    public static final AlgorithmSpec<PcpoConfig> PCPO = AlgorithmCatalog.PCPO;

    private static final Map<String, AlgorithmSpec<?>> SPECS = new LinkedHashMap<>();

    /** The keys every algorithm takes besides its config record's. */
    private static final List<String> COMMON_KEYS = List.of("n_timesteps", "policy", "n_envs", "normalize",
            "n_steps", "gamma", "gae_lambda", "cost_window", "policy_kwargs", Hyperparameters.ENV_KWARGS);

    static {
        for (AlgorithmSpec<?> spec : AlgorithmCatalog.all()) {
            register(spec);
        }
    }

    private Algorithms() {
    }

    /**
     * Adds an algorithm to the registry, so that {@link #build}, the CLI and its listings find it by name.
     *
     * @throws IllegalArgumentException if the name is taken or a key clashes with the common keys
     */
    public static synchronized void register(AlgorithmSpec<?> spec) {
        if (SPECS.containsKey(spec.name())) {
            throw new IllegalArgumentException("algorithm " + spec.name() + " is already registered");
        }
        for (String key : spec.keys().names()) {
            if (COMMON_KEYS.contains(key)) {
                throw new IllegalArgumentException("algorithm " + spec.name() + ": key " + key + " is a common key");
            }
        }
        SPECS.put(spec.name(), spec);
    }

    /** Removes a registered algorithm (for tests that register their own); false if there was none. */
    public static synchronized boolean unregister(String name) {
        return SPECS.remove(name) != null;
    }

    /** The spec registered as {@code name}. */
    public static synchronized AlgorithmSpec<?> spec(String name) {
        AlgorithmSpec<?> s = SPECS.get(name);
        if (s == null) {
            throw new IllegalArgumentException(Suggestions.unknown("algorithm", name, SPECS.keySet())
                    + " (see npg4j algos)");
        }
        return s;
    }

    /** The algorithm names, as the CLI spells them, in registration order. */
    public static synchronized List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    /** The one-line description of an algorithm. */
    public static String describe(String algo) {
        return spec(algo).description();
    }

    /**
     * Whether {@code algo} is a constrained algorithm (it needs an env with costs and takes {@code cost_limit}).
     */
    public static boolean constrained(String algo) {
        return spec(algo).constrained();
    }

    /** Every key {@code algo} accepts with its default value (the first configuration layer). */
    public static ObjectNode defaults(String algo) {
        AlgorithmSpec<?> spec = spec(algo);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("n_timesteps", 100_000);
        d.put("policy", "MlpPolicy");
        RolloutConfig r = spec.rollout();
        d.put("n_envs", r.nEnvs());
        d.set("normalize", Hyperparameters.normalizationNode(r.normalize()));
        d.put("n_steps", r.nSteps());
        d.put("gamma", r.gamma());
        d.put("gae_lambda", r.gaeLambda());
        d.setAll(spec.keys().defaults());
        if (spec.constrained()) {
            // Ĵ_c estimate: the episodes of the rollout (0), as SafePO's baselines; the C-TRPO reference averages the
            // last 50 episodes, which measured worse here (docs/ctrpo.md).
            d.put("cost_window", 0);
        }
        ObjectNode pk = d.putObject("policy_kwargs");
        pk.putArray("net_arch").add(64).add(64);
        pk.put("activation_fn", "tanh");
        pk.put("log_std_init", 0.0);
        pk.put("ortho_init", true);
        d.putObject(Hyperparameters.ENV_KWARGS);
        return d;
    }

    /**
     * Checks a configuration (unknown keys, types) and fills in the defaults, without building anything.
     *
     * @param config the layers above the defaults, already merged (preset, file, overrides)
     */
    public static Hyperparameters resolve(String algo, ObjectNode config) {
        return Hyperparameters.of(algo, defaults(algo), config);
    }

    /** The rollout settings of resolved hyperparameters. */
    static RolloutConfig rollout(Hyperparameters h) {
        return new RolloutConfig(h.integer("n_steps"), h.integer("n_envs"), h.number("gamma"),
                h.number("gae_lambda"), h.normalization());
    }

    /**
     * Builds a run: envs (reset with the derived env seed), policy, update and trainer.
     *
     * @param algo    the algorithm name
     * @param envId   a registered env id
     * @param config  hyperparameters above the defaults (keys as {@link #defaults})
     * @param seed    the run seed; component seeds are derived by {@link RunSeeds#derive}
     * @param threads 1 for a synchronous vector env, more for a threaded one (same results bit for bit)
     */
    public static TrainingSetup build(String algo, String envId, ObjectNode config, long seed, int threads) {
        Envs.spec(envId);
        Hyperparameters h = resolve(algo, config);
        return build(spec(algo), h, envId, envFactory(envId, h.envKwargs()), seed, threads);
    }

    /**
     * Makes env {@code envId} with the constructor arguments {@code kwargs} (a run's {@code env_kwargs}); an argument
     * the env does not take fails naming it.
     */
    public static Supplier<Env> envFactory(String envId, Map<String, Object> kwargs) {
        Map<String, Object> k = Map.copyOf(kwargs);
        return () -> {
            try {
                return Envs.make(envId, k);
            } catch (IllegalArgumentException e) {
                throw k.isEmpty() ? e : new IllegalArgumentException("hyperparameter " + Hyperparameters.ENV_KWARGS
                        + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Builds a run of {@code spec} with resolved hyperparameters on envs made by {@code envFactory} (one call per
     * env; {@code envId} names them in files and messages).
     */
    static <C> TrainingSetup build(AlgorithmSpec<C> spec, Hyperparameters h, String envId, Supplier<Env> envFactory,
                                   long seed, int threads) {
        if (!"MlpPolicy".equals(h.text("policy"))) {
            throw new IllegalArgumentException("hyperparameter policy: only MlpPolicy is supported, found \""
                    + h.text("policy") + "\"");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (h.longInteger("n_timesteps") < 1) {
            throw new IllegalArgumentException("n_timesteps must be positive, got " + h.longInteger("n_timesteps"));
        }
        // Impossible values fail before any env or thread is created.
        RolloutConfig rollout = rollout(h);
        Architecture arch = architecture(h);
        C config = spec.keys().read(h);
        spec.check().accept(config, rollout);
        int costWindow = spec.constrained() ? h.integer("cost_window") : 0;
        return assemble(spec, config, rollout, arch, h, envId, envFactory, seed, threads, costWindow);
    }

    /** Makes the envs, policy, update and trainer of a checked configuration. */
    static <C> TrainingSetup assemble(AlgorithmSpec<C> spec, C config, RolloutConfig rollout, Architecture arch,
                                      Hyperparameters h, String envId, Supplier<Env> envFactory, long seed,
                                      int threads, int costWindow) {
        RunSeeds seeds = RunSeeds.derive(seed);
        int nEnvs = rollout.nEnvs();
        List<Env> envs = new ArrayList<>();
        VectorEnv vector = null;
        try {
            for (int i = 0; i < nEnvs; i++) {
                envs.add(new RecordEpisodeStatistics(envFactory.get()));
            }
            vector = threads == 1 ? new SyncVectorEnv(envs) : new ThreadedVectorEnv(envs, Math.min(threads, nEnvs));
        } catch (RuntimeException e) {
            if (vector == null) {
                envs.forEach(Env::close);
            }
            throw e;
        }
        VecNormalize normalization = null;
        VectorEnv env = vector;
        try {
            if (rollout.normalize().any()) {
                normalization = new VecNormalize(vector, rollout.normalize().observations(),
                        rollout.normalize().rewards(), rollout.gamma());
                env = normalization;
            }
            env.reset(seeds.env());
            ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                    arch.pi(), arch.vf(), arch.activation(), arch.logStdInit(), arch.orthoInit(), seeds.policyInit());
            if (spec.constrained() && env.costCount() == 0) {
                throw new IllegalArgumentException(spec.name() + " is a constrained algorithm: it needs an env with "
                        + "costs, and " + envId + " has none (see npg4j envs)");
            }
            OnPolicyAlgorithm update = spec.create(config, new UpdateContext(spec.name(), policy, rollout, env, envId,
                    arch, seeds));
            Trainer trainer = new Trainer(env, policy, update, rollout, seeds.actionSampling());
            if (spec.constrained()) {
                trainer.episodeCostWindow(costWindow);
            }
            return new TrainingSetup(spec.name(), envId, h, seeds, env, policy, update, trainer, normalization, arch,
                    envFactory);
        } catch (RuntimeException e) {
            vector.close();
            throw e;
        }
    }

    static Architecture architecture(Hyperparameters h) {
        JsonNode net = h.raw("policy_kwargs.net_arch");
        if (net != null && net.isArray() && net.size() == 1 && net.get(0).isObject()) {
            net = net.get(0); // SB3 < 1.8 spelling: [dict(pi=[..], vf=[..])]
        }
        int[] pi;
        int[] vf;
        if (net != null && net.isObject()) {
            for (java.util.Iterator<String> it = net.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("pi") && !k.equals("vf")) {
                    throw new IllegalArgumentException(Suggestions.unknown("net_arch key", k, List.of("pi", "vf")));
                }
            }
            pi = h.layers("policy_kwargs.net_arch.pi", net.get("pi"));
            vf = h.layers("policy_kwargs.net_arch.vf", net.get("vf"));
        } else {
            pi = h.layers("policy_kwargs.net_arch", net);
            vf = pi;
        }
        String act = h.text("policy_kwargs.activation_fn").toLowerCase(Locale.ROOT);
        if (act.startsWith("nn.")) {
            act = act.substring(3);
        }
        Activation activation = switch (act) {
            case "tanh" -> Activation.TANH;
            case "relu" -> Activation.RELU;
            default -> throw new IllegalArgumentException("hyperparameter policy_kwargs.activation_fn: expected tanh "
                    + "or relu, found \"" + h.text("policy_kwargs.activation_fn") + "\"");
        };
        double logStd = h.number("policy_kwargs.log_std_init");
        return new Architecture(pi, vf, activation, logStd, h.bool("policy_kwargs.ortho_init"));
    }

}
