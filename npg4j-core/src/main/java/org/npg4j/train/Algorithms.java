package org.npg4j.train;

import org.npg4j.policy.Architecture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.npg4j.algo.A2c;
import org.npg4j.algo.A2cConfig;
import org.npg4j.algo.C3po;
import org.npg4j.algo.C3poConfig;
import org.npg4j.algo.CTrpo;
import org.npg4j.algo.CTrpoConfig;
import org.npg4j.algo.LagrangianConfig;
import org.npg4j.algo.Npg;
import org.npg4j.algo.NpgConfig;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.algo.Ppo;
import org.npg4j.algo.PpoConfig;
import org.npg4j.algo.PpoKl;
import org.npg4j.algo.SlackDivergence;
import org.npg4j.algo.PpoLagrangian;
import org.npg4j.algo.Trpo;
import org.npg4j.algo.TrpoConfig;
import org.npg4j.algo.TrpoLagrangian;
import org.npg4j.algo.Vpg;
import org.npg4j.algo.VpgConfig;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.ThreadedVectorEnv;
import org.npg4j.env.VecNormalize;
import org.npg4j.env.VectorEnv;
import org.npg4j.io.ModelFile;
import org.npg4j.util.Suggestions;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.policy.Policies;

/**
 * The algorithm factory: builds any on-policy algorithm of npg4j, its policy, envs and trainer from a
 * configuration map with rl-baselines3-zoo's keys. Keys common to every algorithm: {@code n_timesteps},
 * {@code n_envs}, {@code policy} (only {@code MlpPolicy}), {@code normalize} (observation and reward
 * normalization, as the zoo's {@code VecNormalize}), {@code policy_kwargs} ({@code net_arch} as {@code [64, 64]}
 * or {@code {pi: [..], vf: [..]}}, {@code activation_fn} {@code tanh|relu}, {@code log_std_init}); the others are
 * the algorithm's config record's, with its defaults ({@link #defaults}).
 */
public final class Algorithms {
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("ppo", "PPO-Clip (Schulman et al. 2017), SB3 semantics: epochs of minibatch Adam on the "
                + "clipped surrogate");
        DESCRIPTIONS.put("trpo", "TRPO (Schulman et al. 2015), sb3-contrib semantics: CG natural step scaled to "
                + "target_kl, backtracking line search");
        DESCRIPTIONS.put("a2c", "A2C (Mnih et al. 2016), SB3 semantics: one RMSprop step per short rollout");
        DESCRIPTIONS.put("npg", "natural policy gradient (Kakade 2001): CG on Fisher-vector products, KL-normalized "
                + "step");
        DESCRIPTIONS.put("vpg", "vanilla policy gradient / REINFORCE with reward-to-go and a learned baseline "
                + "(Williams 1992)");
        DESCRIPTIONS.put("ppo-kl", "PPO with the adaptive KL penalty (Schulman et al. 2017, section 4)");
        // Safe RL: C-TRPO.
        DESCRIPTIONS.put("ctrpo", "C-TRPO (Milosevic et al. 2025): TRPO in the safe trust region KL + beta*phi(cost "
                + "surrogate), recovery steps on the cost when the episode cost exceeds cost_limit");
        // Safe RL: C3PO.
        DESCRIPTIONS.put("c3po", "C3PO (Milosevic et al. 2025): PPO-Clip plus kappa*ReLU(clipped cost surrogate - "
                + "w*slack), a first-order C-TRPO");
        // Lagrangian baselines (constrained envs only).
        DESCRIPTIONS.put("ppo-lag", "PPO-Lagrangian (Ray et al. 2019; OmniSafe/SafePO): PPO on (A_r - lambda A_c)/(1 + "
                + "lambda), lambda >= 0 by projected gradient ascent or PID on episode cost - cost_limit");
        DESCRIPTIONS.put("trpo-lag", "TRPO-Lagrangian (Ray et al. 2019; OmniSafe/SafePO): TRPO on (A_r - lambda A_c)/(1 + "
                + "lambda), lambda >= 0 by projected gradient ascent or PID on episode cost - cost_limit");
    }

    private Algorithms() {
    }

    /** The algorithm names, as the CLI spells them. */
    public static List<String> names() {
        return List.copyOf(DESCRIPTIONS.keySet());
    }

    /** The one-line description of an algorithm. */
    public static String describe(String algo) {
        checkName(algo);
        return DESCRIPTIONS.get(algo);
    }

    /**
     * Whether {@code algo} is a constrained algorithm (it needs an env with costs and takes {@code cost_limit}).
     */
    public static boolean constrained(String algo) {
        checkName(algo);
        return CONSTRAINED.contains(algo);
    }

    private static final Set<String> CONSTRAINED = Set.of("ppo-lag", "trpo-lag", "ctrpo", "c3po");

    static void checkName(String algo) {
        if (!DESCRIPTIONS.containsKey(algo)) {
            throw new IllegalArgumentException(Suggestions.unknown("algorithm", algo, DESCRIPTIONS.keySet()));
        }
    }

    /** Every key {@code algo} accepts with its default value (the first configuration layer). */
    public static ObjectNode defaults(String algo) {
        checkName(algo);
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("n_timesteps", 100_000);
        d.put("policy", "MlpPolicy");
        d.put("n_envs", 1);
        d.put("normalize", false);
        switch (algo) {
            case "ppo", "ppo-kl" -> {
                PpoConfig c = PpoConfig.builder().build();
                d.put("learning_rate", 3e-4);
                d.put("n_steps", c.nSteps());
                d.put("batch_size", c.batchSize());
                d.put("n_epochs", c.nEpochs());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                if (algo.equals("ppo")) {
                    d.put("clip_range", 0.2);
                    d.putNull("clip_range_vf");
                    d.putNull("target_kl");
                } else {
                    d.put("kl_target", 0.01);
                    d.put("kl_coef", 1.0);
                }
                d.put("normalize_advantage", c.normalizeAdvantage());
                d.put("ent_coef", c.entCoef());
                d.put("vf_coef", c.vfCoef());
                d.put("max_grad_norm", c.maxGradNorm());
            }
            case "trpo" -> {
                TrpoConfig c = TrpoConfig.builder().build();
                d.put("learning_rate", 1e-3);
                d.put("n_steps", c.nSteps());
                d.put("batch_size", c.batchSize());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                d.put("cg_max_steps", c.cgMaxSteps());
                d.put("cg_damping", c.cgDamping());
                d.put("line_search_shrinking_factor", c.lineSearchShrinkingFactor());
                d.put("line_search_max_iter", c.lineSearchMaxIter());
                d.put("n_critic_updates", c.nCriticUpdates());
                d.put("normalize_advantage", c.normalizeAdvantage());
                d.put("target_kl", c.targetKl());
            }
            case "a2c" -> {
                A2cConfig c = A2cConfig.builder().build();
                d.put("learning_rate", 7e-4);
                d.put("n_steps", c.nSteps());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                d.put("ent_coef", c.entCoef());
                d.put("vf_coef", c.vfCoef());
                d.put("max_grad_norm", c.maxGradNorm());
                d.put("rms_prop_eps", c.rmsPropEps());
                d.put("use_rms_prop", c.useRmsProp());
                d.put("normalize_advantage", c.normalizeAdvantage());
            }
            case "npg" -> {
                NpgConfig c = NpgConfig.builder().build();
                d.put("learning_rate", 1e-3);
                d.put("n_steps", c.nSteps());
                d.put("batch_size", c.batchSize());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                d.put("cg_max_steps", c.cgMaxSteps());
                d.put("cg_damping", c.cgDamping());
                d.put("step_size", c.stepSize());
                d.put("target_kl", c.targetKl());
                d.put("n_critic_updates", c.nCriticUpdates());
                d.put("normalize_advantage", c.normalizeAdvantage());
            }
            case "vpg" -> {
                VpgConfig c = VpgConfig.builder().build();
                d.put("learning_rate", 3e-4);
                d.put("vf_learning_rate", 1e-3);
                d.put("n_steps", c.nSteps());
                d.put("batch_size", c.batchSize());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                d.put("n_critic_updates", c.nCriticUpdates());
                d.put("normalize_advantage", c.normalizeAdvantage());
                d.put("max_grad_norm", c.maxGradNorm());
            }
            // Safe RL: C-TRPO.
            case "ctrpo" -> {
                CTrpoConfig c = CTrpoConfig.builder().build();
                d.put("learning_rate", 1e-3);
                d.put("n_steps", c.nSteps());
                d.put("batch_size", c.batchSize());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                d.put("cg_max_steps", c.cgMaxSteps());
                d.put("cg_damping", c.cgDamping());
                d.put("line_search_shrinking_factor", c.lineSearchShrinkingFactor());
                d.put("line_search_max_iter", c.lineSearchMaxIter());
                d.put("n_critic_updates", c.nCriticUpdates());
                d.put("normalize_advantage", c.normalizeAdvantage());
                d.put("target_kl", c.targetKl());
                d.put("beta", c.beta());
                d.put("hyst_frac", c.hystFrac());
                d.put("divergence", c.divergence().key());
                d.put("cost_limit", c.costLimits()[0]);
            }
            // Safe RL: C3PO.
            case "c3po" -> {
                C3poConfig c = C3poConfig.builder().build();
                d.put("learning_rate", "lin_0.0003");
                d.put("n_steps", c.nSteps());
                d.put("batch_size", c.batchSize());
                d.put("n_epochs", c.nEpochs());
                d.put("gamma", c.gamma());
                d.put("gae_lambda", c.gaeLambda());
                d.put("clip_range", 0.2);
                d.put("normalize_advantage", c.normalizeAdvantage());
                d.put("ent_coef", c.entCoef());
                d.put("vf_coef", c.vfCoef());
                d.put("max_grad_norm", c.maxGradNorm());
                d.put("target_kl", c.targetKl());
                d.put("kappa", c.kappa());
                d.put("w", c.w());
                d.put("cost_limit", c.costLimits()[0]);
            }
            case "ppo-lag" -> {
                d.setAll(defaults("ppo"));
                lagrangianDefaults(d);
            }
            case "trpo-lag" -> {
                d.setAll(defaults("trpo"));
                lagrangianDefaults(d);
            }
            default -> throw new IllegalStateException(algo);
        }
        if (CONSTRAINED.contains(algo)) {
            // Ĵ_c estimate: the episodes of the rollout (0), as SafePO's baselines; the C-TRPO reference averages the
            // last 50 episodes, which measured worse here (docs/ctrpo.md).
            d.put("cost_window", 0);
        }
        ObjectNode pk = d.putObject("policy_kwargs");
        pk.putArray("net_arch").add(64).add(64);
        pk.put("activation_fn", "tanh");
        pk.put("log_std_init", 0.0);
        return d;
    }

    /**
     * The keys of the Lagrangian baselines ({@link LagrangianConfig}'s defaults): {@code cost_limit} (a number, or a
     * list with one limit per constraint), {@code lagrangian} ({@code gradient|pid}), {@code lagrangian_multiplier_init},
     * {@code lambda_lr}, {@code lambda_optimizer} ({@code adam|sgd}), {@code pid_kp}, {@code pid_ki}, {@code pid_kd},
     * {@code cost_advantage_normalization} ({@code center|standardize}).
     */
    private static void lagrangianDefaults(ObjectNode d) {
        LagrangianConfig c = LagrangianConfig.builder().build();
        d.put("cost_limit", c.costLimits()[0]);
        d.put("lagrangian", "gradient");
        d.put("lagrangian_multiplier_init", c.multiplierInit());
        d.put("lambda_lr", c.lambdaLr());
        d.put("lambda_optimizer", "adam");
        d.put("pid_kp", c.pidKp());
        d.put("pid_ki", c.pidKi());
        d.put("pid_kd", c.pidKd());
        d.put("cost_advantage_normalization", "center");
    }

    /** A Lagrangian baseline's configuration: the parent algorithm's record and the multiplier's settings. */
    private record LagrangianSetup(Object parent, LagrangianConfig lagrangian) {
        /** The settings with one limit per cost signal of the env (a single limit applies to every constraint). */
        LagrangianConfig forEnv(String envId, int costCount) {
            return lagrangian.withCostLimits(CostLimits.forCosts(lagrangian.costLimits(), costCount, envId));
        }
    }

    private static LagrangianConfig lagrangianConfig(Hyperparameters h) {
        double[] limits = CostLimits.parse(h);
        return new LagrangianConfig(limits, LagrangianConfig.method(h.text("lagrangian")),
                h.number("lagrangian_multiplier_init"), h.number("lambda_lr"),
                LagrangianConfig.optimizer(h.text("lambda_optimizer")), h.number("pid_kp"), h.number("pid_ki"),
                h.number("pid_kd"), LagrangianConfig.costAdvantage(h.text("cost_advantage_normalization")));
    }

    /** The seed of the cost critics' minibatch shuffling, split off the run's minibatch-shuffling seed. */
    static long costShuffleSeed(RunSeeds seeds) {
        return new SplittableRandom(seeds.minibatchShuffling()).split().nextLong();
    }

    /**
     * Checks a configuration (unknown keys, types) and fills in the defaults, without building anything.
     *
     * @param config the layers above the defaults, already merged (preset, file, overrides)
     */
    public static Hyperparameters resolve(String algo, ObjectNode config) {
        return Hyperparameters.of(algo, defaults(algo), config);
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
        Hyperparameters h = resolve(algo, config);
        Envs.spec(envId);
        if (!"MlpPolicy".equals(h.text("policy"))) {
            throw new IllegalArgumentException("hyperparameter policy: only MlpPolicy is supported, found \""
                    + h.text("policy") + "\"");
        }
        int nEnvs = h.integer("n_envs");
        if (nEnvs < 1) {
            throw new IllegalArgumentException("n_envs must be positive, got " + nEnvs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        if (h.longInteger("n_timesteps") < 1) {
            throw new IllegalArgumentException("n_timesteps must be positive, got " + h.longInteger("n_timesteps"));
        }
        Architecture arch = architecture(h);
        // Impossible values fail before any env or thread is created.
        Object algoConfig = config(algo, h, nEnvs);
        boolean normalize = h.bool("normalize");
        double gamma = h.number("gamma");
        RunSeeds seeds = RunSeeds.derive(seed);
        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < nEnvs; i++) {
            envs.add(new RecordEpisodeStatistics(Envs.make(envId)));
        }
        VectorEnv vector = threads == 1 ? new SyncVectorEnv(envs) : new ThreadedVectorEnv(envs, Math.min(threads, nEnvs));
        VecNormalize normalization = null;
        VectorEnv env = vector;
        try {
            if (normalize) {
                normalization = new VecNormalize(vector, gamma);
                env = normalization;
            }
            env.reset(seeds.env());
            ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                    arch.pi(), arch.vf(), arch.activation(), arch.logStdInit(), seeds.policyInit());
            if (constrained(algo) && env.costCount() == 0) {
                throw new IllegalArgumentException(algo + " is a constrained algorithm: it needs an env with costs, and "
                        + envId + " has none (see npg4j envs)");
            }
            OnPolicyAlgorithm update = algoConfig instanceof LagrangianSetup lag
                    ? lagrangianUpdate(algo, lag, policy, env, envId, arch, seeds, nEnvs)
                    : update(algo, algoConfig, h, policy, nEnvs, seeds.minibatchShuffling(), env, arch, seeds, envId);
            Trainer trainer = new Trainer(env, policy, update, seeds.actionSampling());
            if (constrained(algo)) {
                trainer.episodeCostWindow(h.integer("cost_window"));
            }
            return new TrainingSetup(algo, envId, h, seeds, env, policy, update, trainer, normalization, arch);
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
        return new Architecture(pi, vf, activation, logStd);
    }

    private static Object config(String algo, Hyperparameters h, int nEnvs) {
        switch (algo) {
            case "ppo", "ppo-kl" -> {
                PpoConfig.Builder b = PpoConfig.builder().learningRate(h.schedule("learning_rate"))
                        .nSteps(h.integer("n_steps")).batchSize(h.integer("batch_size"))
                        .nEpochs(h.integer("n_epochs")).gamma(h.number("gamma")).gaeLambda(h.number("gae_lambda"))
                        .normalizeAdvantage(h.bool("normalize_advantage")).entCoef(h.number("ent_coef"))
                        .vfCoef(h.number("vf_coef")).maxGradNorm(h.number("max_grad_norm"));
                if (algo.equals("ppo")) {
                    b.clipRange(h.schedule("clip_range")).clipRangeVf(h.optionalSchedule("clip_range_vf"))
                            .targetKl(h.optionalNumber("target_kl"));
                }
                PpoConfig c = b.build();
                c.checkRollout(nEnvs);
                return c;
            }
            case "trpo" -> {
                return TrpoConfig.builder().learningRate(h.schedule("learning_rate")).nSteps(h.integer("n_steps"))
                        .batchSize(h.integer("batch_size")).gamma(h.number("gamma"))
                        .gaeLambda(h.number("gae_lambda")).cgMaxSteps(h.integer("cg_max_steps"))
                        .cgDamping(h.number("cg_damping"))
                        .lineSearchShrinkingFactor(h.number("line_search_shrinking_factor"))
                        .lineSearchMaxIter(h.integer("line_search_max_iter"))
                        .nCriticUpdates(h.integer("n_critic_updates"))
                        .normalizeAdvantage(h.bool("normalize_advantage")).targetKl(h.number("target_kl")).build();
            }
            case "a2c" -> {
                return A2cConfig.builder().learningRate(h.schedule("learning_rate")).nSteps(h.integer("n_steps"))
                        .gamma(h.number("gamma")).gaeLambda(h.number("gae_lambda")).entCoef(h.number("ent_coef"))
                        .vfCoef(h.number("vf_coef")).maxGradNorm(h.number("max_grad_norm"))
                        .rmsPropEps(h.number("rms_prop_eps")).useRmsProp(h.bool("use_rms_prop"))
                        .normalizeAdvantage(h.bool("normalize_advantage")).build();
            }
            case "npg" -> {
                return NpgConfig.builder().learningRate(h.schedule("learning_rate")).nSteps(h.integer("n_steps"))
                        .batchSize(h.integer("batch_size")).gamma(h.number("gamma"))
                        .gaeLambda(h.number("gae_lambda")).cgMaxSteps(h.integer("cg_max_steps"))
                        .cgDamping(h.number("cg_damping")).stepSize(h.number("step_size"))
                        .targetKl(h.optionalNumber("target_kl")).nCriticUpdates(h.integer("n_critic_updates"))
                        .normalizeAdvantage(h.bool("normalize_advantage")).build();
            }
            case "vpg" -> {
                return VpgConfig.builder().learningRate(h.schedule("learning_rate"))
                        .vfLearningRate(h.number("vf_learning_rate")).nSteps(h.integer("n_steps"))
                        .batchSize(h.integer("batch_size")).gamma(h.number("gamma"))
                        .gaeLambda(h.number("gae_lambda")).nCriticUpdates(h.integer("n_critic_updates"))
                        .normalizeAdvantage(h.bool("normalize_advantage")).maxGradNorm(h.number("max_grad_norm"))
                        .build();
            }
            // Safe RL: C-TRPO.
            case "ctrpo" -> {
                return CTrpoConfig.builder().learningRate(h.schedule("learning_rate")).nSteps(h.integer("n_steps"))
                        .batchSize(h.integer("batch_size")).gamma(h.number("gamma"))
                        .gaeLambda(h.number("gae_lambda")).cgMaxSteps(h.integer("cg_max_steps"))
                        .cgDamping(h.number("cg_damping"))
                        .lineSearchShrinkingFactor(h.number("line_search_shrinking_factor"))
                        .lineSearchMaxIter(h.integer("line_search_max_iter"))
                        .nCriticUpdates(h.integer("n_critic_updates"))
                        .normalizeAdvantage(h.bool("normalize_advantage")).targetKl(h.number("target_kl"))
                        .beta(h.number("beta")).hystFrac(h.number("hyst_frac"))
                        .divergence(SlackDivergence.parse(h.text("divergence")))
                        .costLimits(CostLimits.parse(h)).build();
            }
            // Safe RL: C3PO.
            case "c3po" -> {
                C3poConfig c = C3poConfig.builder().learningRate(h.schedule("learning_rate"))
                        .nSteps(h.integer("n_steps")).batchSize(h.integer("batch_size"))
                        .nEpochs(h.integer("n_epochs")).gamma(h.number("gamma")).gaeLambda(h.number("gae_lambda"))
                        .clipRange(h.schedule("clip_range")).normalizeAdvantage(h.bool("normalize_advantage"))
                        .entCoef(h.number("ent_coef")).vfCoef(h.number("vf_coef"))
                        .maxGradNorm(h.number("max_grad_norm")).targetKl(h.optionalNumber("target_kl"))
                        .kappa(h.number("kappa")).w(h.number("w")).costLimits(CostLimits.parse(h)).build();
                c.checkRollout(nEnvs);
                return c;
            }
            case "ppo-lag" -> {
                return new LagrangianSetup(config("ppo", h, nEnvs), lagrangianConfig(h));
            }
            case "trpo-lag" -> {
                return new LagrangianSetup(config("trpo", h, nEnvs), lagrangianConfig(h));
            }
            default -> throw new IllegalStateException(algo);
        }
    }

    private static OnPolicyAlgorithm lagrangianUpdate(String algo, LagrangianSetup setup, ActorCriticPolicy policy,
                                                      VectorEnv env, String envId, Architecture arch,
                                                      RunSeeds seeds, int nEnvs) {
        LagrangianConfig lagrangian = setup.forEnv(envId, env.costCount());
        CostCritic critic = CostCritics.forRun(algo, env, arch, seeds);
        return switch (algo) {
            case "ppo-lag" -> new PpoLagrangian((PpoConfig) setup.parent(), lagrangian, policy, critic,
                    seeds.minibatchShuffling(), costShuffleSeed(seeds));
            case "trpo-lag" -> new TrpoLagrangian((TrpoConfig) setup.parent(), lagrangian, policy, critic,
                    ((TrpoConfig) setup.parent()).nSteps() * nEnvs, seeds.minibatchShuffling(), costShuffleSeed(seeds));
            default -> throw new IllegalStateException(algo);
        };
    }

    private static OnPolicyAlgorithm update(String algo, Object config, Hyperparameters h, ActorCriticPolicy policy,
                                            int nEnvs, long shuffleSeed, VectorEnv env,
                                            Architecture arch, RunSeeds seeds, String envId) {
        return switch (algo) {
            case "ppo" -> new Ppo((PpoConfig) config, policy, shuffleSeed);
            case "ppo-kl" -> new PpoKl((PpoConfig) config, h.number("kl_target"), h.number("kl_coef"), policy,
                    shuffleSeed);
            case "trpo" -> new Trpo((TrpoConfig) config, policy, ((TrpoConfig) config).nSteps() * nEnvs, shuffleSeed);
            case "a2c" -> new A2c((A2cConfig) config, policy);
            case "npg" -> new Npg((NpgConfig) config, policy, ((NpgConfig) config).nSteps() * nEnvs, shuffleSeed);
            case "vpg" -> new Vpg((VpgConfig) config, policy, shuffleSeed);
            // Safe RL: C-TRPO.
            case "ctrpo" -> {
                CTrpoConfig c = (CTrpoConfig) config;
                CostCritic critic = CostCritics.forRun(algo, env, arch, seeds);
                c = c.withCostLimits(CostLimits.forCosts(c.costLimits(), critic.costCount(), envId));
                yield new CTrpo(c, policy, critic, c.nSteps() * nEnvs, shuffleSeed);
            }
            // Safe RL: C3PO.
            case "c3po" -> {
                C3poConfig c = (C3poConfig) config;
                CostCritic critic = CostCritics.forRun(algo, env, arch, seeds);
                c = c.withCostLimits(CostLimits.forCosts(c.costLimits(), critic.costCount(), envId));
                yield new C3po(c, policy, critic, shuffleSeed);
            }
            default -> throw new IllegalStateException(algo);
        };
    }
}
