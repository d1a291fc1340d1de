package org.npg4j.mujoco;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.npg4j.env.AbstractEnv;
import org.npg4j.env.Box;
import org.npg4j.env.Space;
import org.npg4j.math.StateMap;

/**
 * The base of MuJoCo envs, as Gymnasium's {@code MujocoEnv} (Gymnasium 1.0, {@code envs/mujoco/mujoco_env.py}): a
 * model, one {@link MjData}, {@code frame_skip} MuJoCo steps per env step, {@code dt = timestep · frame_skip}, and an
 * action box from the actuators' control ranges.
 *
 * <p>A task implements {@link #resetModel} (Gymnasium's {@code reset_model}: initial qpos/qvel with noise, through
 * {@link #setPhysicsState}), {@link #observe} and {@link #advance(double[], StepResult)}, which calls
 * {@link #doSimulation} and then computes reward, costs and termination from {@link #data}. Reset follows Gymnasium:
 * {@code mj_resetData}, then {@code resetModel}, whose {@code setPhysicsState} ends with {@code mj_forward}.
 *
 * <p>Actions are not clipped: Gymnasium writes them into {@code ctrl} unchanged, MuJoCo clamps limited controls
 * inside the dynamics, and control costs see the unclipped action.
 *
 * <p>State ({@link #state()}, {@link #setState(double[], int)}): {@code [qpos, qvel, act]} (act is empty for
 * Gymnasium's tasks); setting it resets the data and calls {@code mj_forward}, as Gymnasium's reset does with that
 * initial state (so a golden trajectory replays from its {@code init_qpos}, {@code init_qvel}). Checkpoints add
 * MuJoCo's whole saved state ({@link MjData#saveState()}), so a resumed episode continues bit for bit, derived
 * quantities (xpos, cfrc_ext, contacts) included. A task with state of its own (a goal position, a step counter)
 * overrides {@link #writeCheckpoint}/{@link #readCheckpoint} and calls the super methods.
 *
 * <p>The env owns its model and data and frees both on {@link #close()}.
 */
public abstract class MujocoEnv extends AbstractEnv {
    /** Checkpoint entry holding {@link MjData#saveState()}. */
    static final String PHYSICS_KEY = "mujoco";

    protected final MjModel model;
    protected final MjData data;
    /** The model's qpos0 (Gymnasium's {@code init_qpos}); read-only. */
    protected final double[] initQpos;
    /** Zeros of length nv (Gymnasium's {@code init_qvel}); read-only. */
    protected final double[] initQvel;
    private final int frameSkip;
    private final double dt;
    private final double[] stateBuffer;

    /**
     * @param model            the compiled model; the env takes ownership and closes it
     * @param frameSkip        MuJoCo steps per env step
     * @param observationSpace usually {@link #unboundedObservation(int)}
     */
    protected MujocoEnv(String id, MjModel model, int frameSkip, Space observationSpace, int costCount,
            int maxEpisodeSteps) {
        this(id, model, frameSkip, observationSpace, model.nq() + model.nv() + model.na(), costCount,
                maxEpisodeSteps);
    }

    /**
     * A task whose {@link #state()} holds more than {@code [qpos, qvel, act]} (e.g. controls, object positions, task
     * counters); it overrides {@link #readState} and {@link #writeState} accordingly.
     *
     * @param stateDim the length of {@link #state()}
     */
    protected MujocoEnv(String id, MjModel model, int frameSkip, Space observationSpace, int stateDim, int costCount,
            int maxEpisodeSteps) {
        super(id, observationSpace, actionSpace(model), stateDim, costCount, maxEpisodeSteps);
        if (frameSkip < 1) {
            model.close();
            throw new IllegalArgumentException(id + ": frame_skip must be >= 1, got " + frameSkip);
        }
        this.model = model;
        this.data = model.makeData();
        this.frameSkip = frameSkip;
        this.dt = model.timestep() * frameSkip;
        this.initQpos = model.qpos0();
        this.initQvel = new double[model.nv()];
        this.stateBuffer = new double[data.stateSize()];
    }

    /**
     * Gymnasium's action space: one coordinate per actuator, bounded by its control range narrowed to float32 (as
     * Gymnasium's {@code Box(low, high, dtype=float32)}); an actuator without a control limit is unbounded.
     */
    public static Box actionSpace(MjModel model) {
        int nu = model.nu();
        if (nu == 0) {
            throw new IllegalArgumentException("MuJoCo model " + model.source() + " has no actuators, so no actions");
        }
        double[] range = model.actuatorCtrlRange();
        boolean[] limited = model.actuatorCtrlLimited();
        double[] low = new double[nu];
        double[] high = new double[nu];
        for (int i = 0; i < nu; i++) {
            low[i] = limited[i] ? (float) range[2 * i] : Double.NEGATIVE_INFINITY;
            high[i] = limited[i] ? (float) range[2 * i + 1] : Double.POSITIVE_INFINITY;
        }
        return Box.of(low, high);
    }

    /** Gymnasium's observation space of its MuJoCo tasks: {@code Box(-inf, inf, (dim,), float64)}. */
    public static Box unboundedObservation(int dim) {
        return Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, dim);
    }

    /** Gymnasium's {@code reset_model}: sets the episode's initial state with {@code rng}, through {@link #setPhysicsState}. */
    protected abstract void resetModel(SplittableRandom rng);

    @Override
    protected final void resetState(SplittableRandom rng) {
        data.resetData();
        resetModel(rng);
    }

    /** The model (read-only; for drawing and for tasks' set-up). */
    public final MjModel model() {
        return model;
    }

    /** The simulation state (for drawing: read geom poses after a step; do not step it from outside). */
    public final MjData data() {
        return data;
    }

    /** MuJoCo steps per env step. */
    public final int frameSkip() {
        return frameSkip;
    }

    /** Simulated time per env step: {@code timestep · frame_skip}. */
    public final double dt() {
        return dt;
    }

    /**
     * Gymnasium's {@code do_simulation}: {@code ctrl = action}, {@code frame_skip} × {@code mj_step}, then
     * {@code mj_rnePostConstraint}, in one native call.
     */
    protected final void doSimulation(double[] action) {
        data.step(action, frameSkip);
    }

    /** {@code do_simulation} with another number of MuJoCo steps. */
    protected final void doSimulation(double[] action, int steps) {
        data.step(action, steps);
    }

    /** Gymnasium's {@code set_state}: writes qpos and qvel, then {@code mj_forward}. */
    protected final void setPhysicsState(double[] qpos, double[] qvel) {
        data.setQpos(qpos);
        data.setQvel(qvel);
        data.forward();
    }

    /**
     * {@code out[i] = base[i] + U(low, high)}: numpy's {@code base + np_random.uniform(low, high, size)} with the env's
     * generator ({@code rng.nextDouble()} per coordinate, in order).
     */
    protected static double[] uniformNoise(SplittableRandom rng, double[] base, double low, double high, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = base[i] + (low + (high - low) * rng.nextDouble());
        }
        return out;
    }

    /** {@code out[i] = base[i] + scale · N(0, 1)}: numpy's {@code base + scale * np_random.standard_normal(size)}. */
    protected static double[] normalNoise(SplittableRandom rng, double[] base, double scale, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = base[i] + scale * standardNormal(rng);
        }
        return out;
    }

    /** A standard normal variate (Box-Muller, one of the pair; two uniforms per call). */
    protected static double standardNormal(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }

    /** State layout: {@code [qpos (nq), qvel (nv), act (na)]}. */
    @Override
    protected void readState(double[] out) {
        int nq = model.nq();
        int nv = model.nv();
        int na = model.na();
        double[] qpos = data.qpos(new double[nq]);
        double[] qvel = data.qvel(new double[nv]);
        System.arraycopy(qpos, 0, out, 0, nq);
        System.arraycopy(qvel, 0, out, nq, nv);
        if (na > 0) {
            System.arraycopy(data.act(new double[na]), 0, out, nq + nv, na);
        }
    }

    /**
     * {@code mj_resetData}, then sets {@code [qpos, qvel, act]} and calls {@code mj_forward}: exactly Gymnasium's reset
     * with this initial state (its {@code init_qpos}, {@code init_qvel}), since the reset also zeroes the solver's
     * warm start, which {@code mj_forward} reads.
     */
    @Override
    protected void writeState(double[] state) {
        int nq = model.nq();
        int nv = model.nv();
        int na = model.na();
        data.resetData();
        data.setQpos(Arrays.copyOfRange(state, 0, nq));
        data.setQvel(Arrays.copyOfRange(state, nq, nq + nv));
        if (na > 0) {
            data.setAct(Arrays.copyOfRange(state, nq + nv, nq + nv + na));
        }
        data.forward();
    }

    /** Adds MuJoCo's saved state under {@value #PHYSICS_KEY} to the entries of {@link AbstractEnv}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        super.writeCheckpoint(out);
        out.put(PHYSICS_KEY, data.saveState(stateBuffer));
    }

    /** Restores the episode, then MuJoCo's saved state, then the observation of that state. */
    @Override
    public void readCheckpoint(StateMap in) {
        double[] physics = in.doubles(PHYSICS_KEY, data.stateSize());
        super.readCheckpoint(in);
        data.restoreState(physics);
        observe(result.observation());
    }

    /** Closes the env, its data and its model. */
    @Override
    public void close() {
        super.close();
        data.close();
        model.close();
    }
}
