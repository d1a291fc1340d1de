package org.npg4j.mujoco.tasks;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.npg4j.mujoco.MjModel;
import org.npg4j.mujoco.MujocoEnv;

/**
 * What Gymnasium 1.0's MuJoCo tasks share beyond {@link MujocoEnv}: the model from this package's assets, the current
 * qpos and qvel as arrays (refreshed after every reset and step), the stale derived quantities read as Gymnasium reads
 * them right after the step ({@code xpos}, {@code site_xpos}, {@code cfrc_ext}, ...: the last force evaluation inside
 * the step, not the new state), the reset info, the survive-reward rule of each version and the usual observation
 * pieces.
 */
abstract class GymnasiumMujocoEnv extends MujocoEnv {
    private static final String ASSETS = "/org/npg4j/mujoco/assets/";

    /** The current qpos and qvel, refreshed after every reset and step. */
    protected final double[] qpos;
    protected final double[] qvel;
    private final double[] xpos;
    private final double[] siteXpos;
    private final double[] qposNoise;
    private final double[] qvelNoise;
    private boolean xposFresh;
    private boolean siteXposFresh;
    private boolean resetInfoPending;

    GymnasiumMujocoEnv(String id, String asset, int frameSkip, int observationSize, int maxEpisodeSteps) {
        super(id, MjModel.fromResource(GymnasiumMujocoEnv.class, ASSETS + asset), checkFrameSkip(id, frameSkip),
                unboundedObservation(observationSize), 0, maxEpisodeSteps);
        this.qpos = new double[model.nq()];
        this.qvel = new double[model.nv()];
        this.xpos = new double[3 * model.nbody()];
        this.siteXpos = new double[3 * model.nsite()];
        this.qposNoise = new double[model.nq()];
        this.qvelNoise = new double[model.nv()];
    }

    /** A v5 kwarg set without {@code frame_skip}, which Gymnasium's v4 constructors fix. */
    static Set<String> withoutFrameSkip(Set<String> kwargs) {
        Set<String> out = new HashSet<>(kwargs);
        out.remove("frame_skip");
        return Set.copyOf(out);
    }

    /** Checks the kwarg before the model is loaded, so that the message names it. */
    private static int checkFrameSkip(String id, int frameSkip) {
        if (frameSkip < 1) {
            throw new IllegalArgumentException(id + ": kwarg 'frame_skip' must be >= 1, got " + frameSkip);
        }
        return frameSkip;
    }

    // ---- the task's hooks ----

    /**
     * Gymnasium's {@code reset_model}: draws the initial state with {@code rng} and puts it in place with
     * {@link #setPhysicsState} (the data was reset just before).
     */
    protected abstract void sampleInitialState(SplittableRandom rng);

    /** Writes the observation of the current data into {@code out}; {@link #qpos} and {@link #qvel} are current. */
    protected abstract void writeObservation(double[] out);

    /** Gymnasium's {@code _get_reset_info()}: the info that {@code reset} returns (empty by default). */
    protected Map<String, Object> resetInfo() {
        return Map.of();
    }

    // ---- Gymnasium's MujocoEnv ----

    @Override
    protected final void resetModel(SplittableRandom rng) {
        sampleInitialState(rng);
        resetInfoPending = true;
    }

    /** Every reset, state change and checkpoint restore ends here, so the cached state is refreshed first. */
    @Override
    protected final void observe(double[] out) {
        refresh();
        writeObservation(out);
        if (resetInfoPending) {
            // AbstractEnv clears the result after resetState and then observes: the reset info goes in here.
            resetInfoPending = false;
            result.setInfo(resetInfo());
        }
    }

    /** Gymnasium's {@code do_simulation}, then the cached state refreshed. */
    protected final void simulate(double[] action) {
        doSimulation(action);
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
        uniformNoise(rng, initQpos, -qposScale, qposScale, qposNoise);
        uniformNoise(rng, initQvel, -qvelScale, qvelScale, qvelNoise);
        setPhysicsState(qposNoise, qvelNoise);
    }

    /** {@code qpos = init_qpos + U(±qposScale)}, then {@code qvel = qvelScale * N(0, 1)}: HalfCheetah's, Ant's reset. */
    protected final void resetUniformGaussian(SplittableRandom rng, double qposScale, double qvelScale) {
        uniformNoise(rng, initQpos, -qposScale, qposScale, qposNoise);
        normalNoise(rng, initQvel, qvelScale, qvelNoise);
        setPhysicsState(qposNoise, qvelNoise);
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
}
