package org.npg4j.mujoco.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.npg4j.env.AbstractEnv;
import org.npg4j.env.Box;
import org.npg4j.mujoco.MjData;
import org.npg4j.mujoco.MjModel;

/**
 * The protocol every Gymnasium 1.0 MuJoCo task shares ({@code gymnasium/envs/mujoco/mujoco_env.py}), on one
 * {@link MjData} of a model shared by all envs of the same asset:
 *
 * <ul>
 *   <li>reset: {@code mj_resetData}, the task draws {@code qpos = qpos0 + noise}, {@code qvel = noise} and sets them,
 *       then {@code mj_forward};</li>
 *   <li>step: {@code ctrl := action} (not clipped: MuJoCo clamps a copy inside the dynamics, and the control costs
 *       see the action as given), {@code mj_step} {@code frame_skip} times, {@code mj_rnePostConstraint}; nothing
 *       else, so {@code xpos}, {@code site_xpos}, {@code cfrc_ext} and {@code qfrc_constraint} keep the values of the
 *       last force evaluation inside the step, which is what Gymnasium's rewards and observations read.</li>
 * </ul>
 *
 * <p>The action space is the actuators' control range in float32, as Gymnasium's {@code Box}. dt =
 * {@code opt.timestep * frame_skip}. {@link #state()} is {@code qpos ++ qvel}; {@link #setState} puts it in place with
 * the reset sequence above, so a record's {@code init_qpos}/{@code init_qvel} replays Gymnasium's episode.
 */
abstract class GymnasiumMujocoEnv extends AbstractEnv {
    private static final String ASSETS = "/org/npg4j/mujoco/assets/";
    /** Compiled models by asset name: an mjModel is read-only after compilation, so envs and threads share it. */
    private static final Map<String, MjModel> MODELS = new ConcurrentHashMap<>();

    protected final MjModel model;
    protected final MjData data;
    protected final int frameSkip;
    /** Seconds per env step. */
    protected final double dt;
    /** Gymnasium's {@code init_qpos} (the model's qpos0); {@code init_qvel} is all zeros. */
    protected final double[] initQpos;
    /** The current qpos and qvel, refreshed after every reset and step. */
    protected final double[] qpos;
    protected final double[] qvel;
    private final double[] xpos;
    private final double[] siteXpos;
    private boolean xposFresh;
    private boolean siteXposFresh;
    private boolean resetInfoPending;

    GymnasiumMujocoEnv(String id, String asset, int frameSkip, int observationSize, int maxEpisodeSteps) {
        this(id, model(asset), frameSkip, observationSize, maxEpisodeSteps);
    }

    private GymnasiumMujocoEnv(String id, MjModel model, int frameSkip, int observationSize, int maxEpisodeSteps) {
        super(id, Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, observationSize),
                actionSpace(model), model.nq() + model.nv(), 0, maxEpisodeSteps);
        if (frameSkip < 1) {
            throw new IllegalArgumentException(id + ": kwarg 'frame_skip' must be >= 1, got " + frameSkip);
        }
        this.model = model;
        this.data = model.makeData();
        this.frameSkip = frameSkip;
        this.dt = model.timestep() * frameSkip;
        this.initQpos = model.qpos0();
        this.qpos = new double[model.nq()];
        this.qvel = new double[model.nv()];
        this.xpos = new double[3 * model.nbody()];
        this.siteXpos = new double[3 * model.nsite()];
    }

    private static MjModel model(String asset) {
        return MODELS.computeIfAbsent(asset, a -> MjModel.fromXml(resource(a)));
    }

    private static String resource(String asset) {
        try (InputStream in = GymnasiumMujocoEnv.class.getResourceAsStream(ASSETS + asset)) {
            if (in == null) {
                throw new IllegalStateException("model " + ASSETS + asset + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + ASSETS + asset, e);
        }
    }

    /** Gymnasium's action space: {@code Box(ctrlrange[:, 0], ctrlrange[:, 1])} in float32. */
    private static Box actionSpace(MjModel model) {
        double[] range = model.actuatorCtrlRange();
        double[] low = new double[model.nu()];
        double[] high = new double[model.nu()];
        for (int i = 0; i < low.length; i++) {
            low[i] = (float) range[2 * i];
            high[i] = (float) range[2 * i + 1];
        }
        return Box.of(low, high);
    }

    // ---- the task's hooks ----

    /** Draws the initial state with {@code rng} and puts it in place with {@link #setPhysicsState}. */
    protected abstract void resetModel(SplittableRandom rng);

    /** Writes the observation of the current data into {@code out}. */
    protected abstract void writeObservation(double[] out);

    /** Gymnasium's {@code _get_reset_info()}: the info that {@code reset} returns (empty by default). */
    protected Map<String, Object> resetInfo() {
        return Map.of();
    }

    // ---- Gymnasium's MujocoEnv ----

    @Override
    protected final void resetState(SplittableRandom rng) {
        data.resetData();
        resetModel(rng);
        resetInfoPending = true;
    }

    @Override
    protected final void observe(double[] out) {
        writeObservation(out);
        if (resetInfoPending) {
            // AbstractEnv clears the result after resetState and then observes: the reset info goes in here.
            resetInfoPending = false;
            result.setInfo(resetInfo());
        }
    }

    /** Gymnasium's {@code set_state}: qpos and qvel in place, then {@code mj_forward}. */
    protected final void setPhysicsState(double[] newQpos, double[] newQvel) {
        data.setQpos(newQpos);
        data.setQvel(newQvel);
        data.forward();
        refresh();
    }

    /** Gymnasium's {@code do_simulation}: ctrl, frame_skip steps, {@code mj_rnePostConstraint}. */
    protected final void simulate(double[] action) {
        data.step(action, frameSkip);
        refresh();
    }

    private void refresh() {
        data.qpos(qpos);
        data.qvel(qvel);
        xposFresh = false;
        siteXposFresh = false;
    }

    /** {@code qpos = init_qpos + U(±qposScale)}, then {@code qvel = U(±qvelScale)}: Hopper's, Walker2d's, ... reset. */
    protected final void resetUniform(SplittableRandom rng, double qposScale, double qvelScale) {
        double[] q = new double[qpos.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = initQpos[i] + uniform(rng, -qposScale, qposScale);
        }
        double[] v = new double[qvel.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = uniform(rng, -qvelScale, qvelScale);
        }
        setPhysicsState(q, v);
    }

    /** {@code qpos = init_qpos + U(±qposScale)}, then {@code qvel = qvelScale * N(0, 1)}: HalfCheetah's, Ant's reset. */
    protected final void resetUniformGaussian(SplittableRandom rng, double qposScale, double qvelScale) {
        double[] q = new double[qpos.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = initQpos[i] + uniform(rng, -qposScale, qposScale);
        }
        double[] v = new double[qvel.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = qvelScale * rng.nextGaussian();
        }
        setPhysicsState(q, v);
    }

    /** numpy's {@code uniform(low, high)}: {@code low + (high - low) * u}, u uniform on [0, 1). */
    protected static double uniform(SplittableRandom rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    /**
     * The survive reward. v5 pays {@code healthy_reward} only on healthy steps; v4 also on the unhealthy step that
     * terminates the episode ({@code float(is_healthy or terminate_when_unhealthy) * healthy_reward}).
     */
    protected static double survive(Version version, boolean healthy, boolean terminateWhenUnhealthy, double weight) {
        boolean paid = version == Version.V5 ? healthy : healthy || terminateWhenUnhealthy;
        return (paid ? 1.0 : 0.0) * weight;
    }

    // ---- observation pieces ----

    /** {@code qpos[skip:] ++ qvel} into {@code out}; returns the number of values written. */
    protected final int observePositionsAndVelocities(int skip, double[] out) {
        int n = qpos.length - skip;
        System.arraycopy(qpos, skip, out, 0, n);
        System.arraycopy(qvel, 0, out, n, qvel.length);
        return n + qvel.length;
    }

    /** {@code qpos[skip:] ++ clip(qvel, -10, 10)}, Hopper's and Walker2d's observation. */
    protected final void observePositionsAndClippedVelocities(int skip, double[] out) {
        int n = qpos.length - skip;
        System.arraycopy(qpos, skip, out, 0, n);
        for (int i = 0; i < qvel.length; i++) {
            out[n + i] = Math.min(Math.max(qvel[i], -10.0), 10.0);
        }
    }

    // ---- derived quantities, as the last step left them ----

    /** {@code xpos[body][axis]}. */
    protected final double xpos(int body, int axis) {
        if (!xposFresh) {
            data.xpos(xpos);
            xposFresh = true;
        }
        return xpos[3 * body + axis];
    }

    /** {@code site_xpos[site][axis]}. */
    protected final double siteXpos(int site, int axis) {
        if (!siteXposFresh) {
            data.siteXpos(siteXpos);
            siteXposFresh = true;
        }
        return siteXpos[3 * site + axis];
    }

    protected final void readCfrcExt(double[] out) {
        data.cfrcExt(out);
    }

    protected final void readQfrcConstraint(double[] out) {
        data.qfrcConstraint(out);
    }

    protected final void readQfrcActuator(double[] out) {
        data.qfrcActuator(out);
    }

    protected final void readCinert(double[] out) {
        data.cinert(out);
    }

    protected final void readCvel(double[] out) {
        data.cvel(out);
    }

    protected final void readXipos(double[] out) {
        data.xipos(out);
    }

    protected final void readCtrl(double[] out) {
        data.ctrl(out);
    }

    // ---- Env state: qpos ++ qvel ----

    @Override
    protected final void readState(double[] out) {
        System.arraycopy(qpos, 0, out, 0, qpos.length);
        System.arraycopy(qvel, 0, out, qpos.length, qvel.length);
    }

    @Override
    protected final void writeState(double[] state) {
        data.resetData();
        double[] q = new double[qpos.length];
        double[] v = new double[qvel.length];
        System.arraycopy(state, 0, q, 0, q.length);
        System.arraycopy(state, q.length, v, 0, v.length);
        setPhysicsState(q, v);
    }

    @Override
    public void close() {
        data.close();
        super.close();
    }
}
