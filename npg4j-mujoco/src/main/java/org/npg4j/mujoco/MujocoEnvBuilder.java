package org.npg4j.mujoco;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.npg4j.env.Env;
import org.npg4j.env.EnvSpec;

/**
 * Makes an env from your own MJCF model without writing an env class: the model, {@code frame_skip}, and three
 * functions (observation, reward, termination). {@link #build()} gives an {@link EnvSpec} to register:
 *
 * <pre>{@code
 * Envs.register(MujocoEnvBuilder.of("MyWalker-v0")
 *         .xml(Path.of("walker.xml"))
 *         .frameSkip(4)
 *         .maxEpisodeSteps(1000)
 *         .observation(model -> model.nq() - 1 + model.nv(), (data, out) -> { ... })
 *         .reward(t -> (t.qpos()[0] - t.qposBefore()[0]) / t.dt() - 1e-3 * MujocoEnvBuilder.squaredNorm(t.action()))
 *         .termination(data -> false)
 *         .resetNoise(5e-3)
 *         .build());
 * Env env = Envs.make("MyWalker-v0");
 * }</pre>
 *
 * Each env made loads the model anew and owns it. Defaults: observation {@code qpos ++ qvel}, reward 0, never
 * terminates, no reset noise, {@code frame_skip} 1, no time limit.
 */
public final class MujocoEnvBuilder {
    /** Writes the observation of the current state of {@code data} into {@code out}. */
    @FunctionalInterface
    public interface ObservationFunction {
        void observe(MjData data, double[] out);
    }

    /** The observation's length for a model. */
    @FunctionalInterface
    public interface ObservationSize {
        int size(MjModel model);
    }

    /** The reward of one env step. */
    @FunctionalInterface
    public interface RewardFunction {
        double reward(Transition t);
    }

    /** Whether the state after a step is terminal. */
    @FunctionalInterface
    public interface TerminationFunction {
        boolean terminated(MjData data);
    }

    /**
     * One env step as the reward function sees it; owned by the env and overwritten by the next step, so keep
     * nothing from it.
     */
    public static final class Transition {
        MjData data;
        double[] action;
        final double[] qposBefore;
        final double[] qpos;
        final double dt;

        Transition(int nq, double dt) {
            this.qposBefore = new double[nq];
            this.qpos = new double[nq];
            this.dt = dt;
        }

        /** The simulation after the step. */
        public MjData data() {
            return data;
        }

        /** The action as given (not clipped). */
        public double[] action() {
            return action;
        }

        /** qpos before the step. */
        public double[] qposBefore() {
            return qposBefore;
        }

        /** qpos after the step. */
        public double[] qpos() {
            return qpos;
        }

        /** The env step's duration {@code timestep · frame_skip}. */
        public double dt() {
            return dt;
        }
    }

    private final String id;
    private String description;
    private Supplier<MjModel> model;
    private String modelName;
    private int frameSkip = 1;
    private int maxEpisodeSteps;
    private ObservationSize observationSize = m -> m.nq() + m.nv();
    private ObservationFunction observation;
    private RewardFunction reward = t -> 0.0;
    private TerminationFunction termination = d -> false;
    private double resetNoise;

    private MujocoEnvBuilder(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** A builder for the env id (Gymnasium style, e.g. {@code "MyWalker-v0"}). */
    public static MujocoEnvBuilder of(String id) {
        return new MujocoEnvBuilder(id);
    }

    /** The model from an MJCF file (loaded each time an env is made). */
    public MujocoEnvBuilder xml(Path file) {
        Objects.requireNonNull(file, "file");
        this.model = () -> MjModel.load(file);
        this.modelName = file.toString();
        return this;
    }

    /** The model from MJCF text. */
    public MujocoEnvBuilder xmlText(String xml) {
        Objects.requireNonNull(xml, "xml");
        this.model = () -> MjModel.fromXml(xml);
        this.modelName = "MJCF text";
        return this;
    }

    /** The model from a class-path resource, resolved against {@code anchor} as {@link Class#getResource} does. */
    public MujocoEnvBuilder xmlResource(Class<?> anchor, String name) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(name, "name");
        this.model = () -> MjModel.fromResource(anchor, name);
        this.modelName = name;
        return this;
    }

    public MujocoEnvBuilder description(String description) {
        this.description = description;
        return this;
    }

    /** MuJoCo steps per env step (default 1). */
    public MujocoEnvBuilder frameSkip(int frameSkip) {
        if (frameSkip < 1) {
            throw new IllegalArgumentException(id + ": frame_skip must be >= 1, got " + frameSkip);
        }
        this.frameSkip = frameSkip;
        return this;
    }

    /** The registered time limit (default 0: none). */
    public MujocoEnvBuilder maxEpisodeSteps(int maxEpisodeSteps) {
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException(id + ": max_episode_steps must be >= 0, got " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
        return this;
    }

    /** The observation: its length for the model, and how to fill it (default {@code qpos ++ qvel}). */
    public MujocoEnvBuilder observation(ObservationSize size, ObservationFunction observation) {
        this.observationSize = Objects.requireNonNull(size, "size");
        this.observation = Objects.requireNonNull(observation, "observation");
        return this;
    }

    public MujocoEnvBuilder reward(RewardFunction reward) {
        this.reward = Objects.requireNonNull(reward, "reward");
        return this;
    }

    public MujocoEnvBuilder termination(TerminationFunction termination) {
        this.termination = Objects.requireNonNull(termination, "termination");
        return this;
    }

    /** Reset noise: qpos = qpos0 + U(-scale, scale), qvel = U(-scale, scale), per coordinate (default 0). */
    public MujocoEnvBuilder resetNoise(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(id + ": reset noise scale must be finite and >= 0, got " + scale);
        }
        this.resetNoise = scale;
        return this;
    }

    /** The registry entry; making it loads the model (and fails as {@link MjModel#load} does). */
    public EnvSpec build() {
        if (model == null) {
            throw new IllegalStateException(id + ": no model given (xml, xmlText or xmlResource)");
        }
        String text = description != null ? description
                : "MuJoCo model " + modelName + ", frame_skip " + frameSkip;
        return new EnvSpec(id, text, maxEpisodeSteps, Set.of(), (kwargs, steps) -> make(steps));
    }

    /** An env with the given time limit, without the registry. */
    public Env make(int maxEpisodeSteps) {
        if (model == null) {
            throw new IllegalStateException(id + ": no model given (xml, xmlText or xmlResource)");
        }
        MjModel m = model.get();
        int dim;
        try {
            dim = observationSize.size(m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return new CustomMujocoEnv(id, m, frameSkip, dim, maxEpisodeSteps, observation, reward, termination,
                resetNoise);
    }

    /** {@code Σ a_i²}, the usual control cost's sum. */
    public static double squaredNorm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return s;
    }
}
