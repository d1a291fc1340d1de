package org.npg4j.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.nn.Activation;
import org.npg4j.policy.Architecture;
import org.npg4j.rollout.RolloutConfig;

/**
 * The typed way to set up a run from Java: an algorithm's spec ({@link Algorithms#PPO}, ...) with its config record,
 * envs from a registry id or from a factory of the user's own, the rollout settings, the network, the seed and an
 * optional progress listener. {@link Builder#build} returns the same {@link TrainingSetup} as
 * {@link Algorithms#build}, so saving, checkpoints and evaluation work alike.
 *
 * <pre>{@code
 * try (TrainingSetup run = Training.of(Algorithms.PPO, PpoConfig.builder().nEpochs(20).build())
 *         .env(CartPole::new).rollout(new RolloutConfig(32, 8, 0.98, 0.8, false)).seed(0).build()) {
 *     run.learn(100_000);
 * }
 * }</pre>
 */
public final class Training {
    private Training() {
    }

    /**
     * What a progress listener sees after each update.
     *
     * @param timesteps  env steps so far (summed over envs)
     * @param iterations updates so far
     * @param meanReturn mean return of the last 100 finished episodes (NaN before the first)
     * @param metrics    the whole row logged for the update ({@code time/...}, {@code rollout/...}, {@code train/...})
     */
    public record Progress(long timesteps, long iterations, double meanReturn, Map<String, Double> metrics) {
    }

    /** A builder for a run of {@code spec} with {@code config}. */
    public static <C> Builder<C> of(AlgorithmSpec<C> spec, C config) {
        return new Builder<>(spec, config);
    }

    /** The settings of a run besides the algorithm's config; each has a default but the env. */
    public static final class Builder<C> {
        private final AlgorithmSpec<C> spec;
        private final C config;
        private String envId;
        private Supplier<Env> envFactory;
        private RolloutConfig rollout;
        private Architecture architecture = new Architecture(new int[] {64, 64}, new int[] {64, 64},
                Activation.TANH, 0.0);
        private long seed;
        private int threads = 1;
        private long timesteps = 100_000;
        private int costWindow;
        private Consumer<Progress> progress;

        private Builder(AlgorithmSpec<C> spec, C config) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.config = Objects.requireNonNull(config, "config");
            this.rollout = spec.rollout();
        }

        /** Envs of a registered id ({@code npg4j envs}). */
        public Builder<C> env(String id) {
            Envs.spec(id);
            this.envId = id;
            this.envFactory = () -> Envs.make(id);
            return this;
        }

        /**
         * Envs made by {@code factory}, one call per env (and one more for evaluation and the model file's spaces);
         * files name them by the env's class.
         */
        public Builder<C> env(Supplier<Env> factory) {
            this.envFactory = Objects.requireNonNull(factory, "factory");
            this.envId = null;
            return this;
        }

        /** The collection settings (default: the algorithm's, e.g. 2048 steps of one env for PPO). */
        public Builder<C> rollout(RolloutConfig r) {
            this.rollout = Objects.requireNonNull(r, "rollout");
            return this;
        }

        /** The actor and critic networks (default: 64-64 tanh, log σ 0). */
        public Builder<C> architecture(Architecture a) {
            this.architecture = Objects.requireNonNull(a, "architecture");
            return this;
        }

        /** The run seed (default 0); the component seeds derive from it. */
        public Builder<C> seed(long s) {
            this.seed = s;
            return this;
        }

        /** Threads stepping the envs (default 1; any number gives the same results bit for bit). */
        public Builder<C> threads(int n) {
            this.threads = n;
            return this;
        }

        /** The budget {@link TrainingSetup#learn()} trains for (default 1e5 env steps). */
        public Builder<C> timesteps(long n) {
            this.timesteps = n;
            return this;
        }

        /** For constrained algorithms: estimate Ĵ_c over the last k episodes (0, the default: the rollout's). */
        public Builder<C> costWindow(int k) {
            this.costWindow = k;
            return this;
        }

        /** Called after every update. */
        public Builder<C> onProgress(Consumer<Progress> listener) {
            this.progress = listener;
            return this;
        }

        /** Checks the settings, then makes the envs, policy, update and trainer. */
        public TrainingSetup build() {
            if (envFactory == null) {
                throw new IllegalArgumentException("no env: give a registered id or a factory (env(...))");
            }
            String id = envId;
            if (id == null) {
                try (Env probe = envFactory.get()) {
                    id = probe.getClass().getSimpleName();
                }
            }
            Hyperparameters h = Hyperparameters.of(spec.name(), Algorithms.defaults(spec.name()), settings());
            spec.check().accept(config, rollout);
            TrainingSetup setup = Algorithms.assemble(spec, config, rollout, architecture, h, id, envFactory, seed,
                    threads, costWindow);
            if (progress != null) {
                setup.trainer().addCallback(new Callback() {
                    @Override
                    public boolean afterUpdate(Trainer trainer, Map<String, Double> metrics) {
                        progress.accept(new Progress(trainer.timesteps(), trainer.iterations(),
                                trainer.collector().meanEpisodeReturn(), metrics));
                        return true;
                    }
                });
            }
            return setup;
        }

        /** The run's settings in the configuration keys, as {@code config.yaml} records them. */
        private ObjectNode settings() {
            if (timesteps < 1) {
                throw new IllegalArgumentException("n_timesteps must be positive, got " + timesteps);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive, got " + threads);
            }
            ObjectNode n = Algorithms.defaults(spec.name());
            n.put("n_timesteps", timesteps);
            n.put("n_envs", rollout.nEnvs());
            n.set("normalize", Hyperparameters.normalizationNode(rollout.normalize()));
            n.put("n_steps", rollout.nSteps());
            n.put("gamma", rollout.gamma());
            n.put("gae_lambda", rollout.gaeLambda());
            n.setAll(((ConfigKeys<C, ?>) spec.keys()).defaults(config));
            if (spec.constrained()) {
                n.put("cost_window", costWindow);
            }
            ObjectNode pk = n.putObject("policy_kwargs");
            ObjectNode net = pk.putObject("net_arch");
            var pi = net.putArray("pi");
            for (int s : architecture.pi()) {
                pi.add(s);
            }
            var vf = net.putArray("vf");
            for (int s : architecture.vf()) {
                vf.add(s);
            }
            pk.put("activation_fn", architecture.activation().name().toLowerCase(java.util.Locale.ROOT));
            pk.put("log_std_init", architecture.logStdInit());
            return n;
        }
    }
}
