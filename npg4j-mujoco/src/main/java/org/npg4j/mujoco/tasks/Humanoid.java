package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;
import org.npg4j.mujoco.DataArray;

/**
 * Gymnasium 1.0's Humanoid (v5, and v4): a 3-D biped rewarded for walking forward without falling (Tassa, Erez and
 * Todorov, "Synthesis and stabilization of complex behaviors through online trajectory optimization", IROS 2012;
 * Gymnasium {@code humanoid_v5.py}). nq = 24 (free joint + 17 hinges), nv = 23, nu = 17, 14 bodies, 2 tendons.
 *
 * <p>The velocity is that of the mass centre {@code Σ m_b xipos_b / Σ m_b} (x and y). Reward: {@code w_f * vx} +
 * survive − {@code w_c Σ ctrl²} − contact cost; v5's contact cost is {@code clip(w_contact Σ cfrc_ext², range)}, v4
 * has none. Healthy: {@code qpos[2]} strictly inside {@code healthy_z_range}.
 *
 * <p>Observation, v5 (348 by default): {@code qpos[2:]}, {@code qvel}, and for bodies 1..13 {@code cinert} (10 each),
 * {@code cvel} (6), then {@code qfrc_actuator[6:]} and {@code cfrc_ext} (6 each), each part optional. v4 (376): the
 * same with every body's row and all of {@code qfrc_actuator}.
 */
final class Humanoid extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "contact_cost_weight", "contact_cost_range", "healthy_reward", "terminate_when_unhealthy",
            "healthy_z_range", "reset_noise_scale", "exclude_current_positions_from_observation",
            "include_cinert_in_observation", "include_cvel_in_observation", "include_qfrc_actuator_in_observation",
            "include_cfrc_ext_in_observation");
    static final Set<String> KWARGS_V4 = Set.of("forward_reward_weight", "ctrl_cost_weight", "healthy_reward",
            "terminate_when_unhealthy", "healthy_z_range", "reset_noise_scale",
            "exclude_current_positions_from_observation");
    private static final int NBODY = 14;
    private static final int NV = 23;
    private static final int NU = 17;

    private final Version version;
    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double contactCostWeight;
    private final Range contactCostRange;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final Range healthyZRange;
    private final double resetNoiseScale;
    private final int skippedQpos;
    private final boolean cinertInObservation;
    private final boolean cvelInObservation;
    private final boolean qfrcActuatorInObservation;
    private final boolean cfrcExtInObservation;
    /** The first body row (v5 leaves out the world body 0) and the first qfrc_actuator entry (v5: past the free joint). */
    private final int firstBody;
    private final int firstDof;
    private final double[] cinert = new double[NBODY * 10];
    private final double[] cvel = new double[NBODY * 6];
    private final double[] qfrcActuator = new double[NV];
    private final double[] cfrcExt = new double[NBODY * 6];
    private final double[] ctrl = new double[NU];
    private final double[] xipos = new double[NBODY * 3];
    private final double[] massCentre = new double[2];
    private final double[] bodyMass;
    private final double[] tendonLength;
    private final double[] tendonVelocity;

    Humanoid(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Humanoid" + version.suffix(), "humanoid.xml", version == Version.V5 ? k.getInt("frame_skip", 5) : 5,
                observationSize(version, k), maxEpisodeSteps);
        this.version = version;
        boolean v5 = version == Version.V5;
        this.forwardRewardWeight = k.getDouble("forward_reward_weight", 1.25);
        this.ctrlCostWeight = k.getDouble("ctrl_cost_weight", 0.1);
        this.contactCostWeight = v5 ? k.getDouble("contact_cost_weight", 5e-7) : 0.0;
        this.contactCostRange = v5 ? Range.of(k, "contact_cost_range", Double.NEGATIVE_INFINITY, 10.0) : null;
        this.healthyReward = k.getDouble("healthy_reward", 5.0);
        this.terminateWhenUnhealthy = k.getBoolean("terminate_when_unhealthy", true);
        this.healthyZRange = Range.of(k, "healthy_z_range", 1.0, 2.0);
        this.resetNoiseScale = k.getDouble("reset_noise_scale", 1e-2);
        this.skippedQpos = k.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0;
        this.cinertInObservation = !v5 || k.getBoolean("include_cinert_in_observation", true);
        this.cvelInObservation = !v5 || k.getBoolean("include_cvel_in_observation", true);
        this.qfrcActuatorInObservation = !v5 || k.getBoolean("include_qfrc_actuator_in_observation", true);
        this.cfrcExtInObservation = !v5 || k.getBoolean("include_cfrc_ext_in_observation", true);
        this.firstBody = v5 ? 1 : 0;
        this.firstDof = v5 ? 6 : 0;
        this.bodyMass = model.bodyMass();
        this.tendonLength = new double[data.size(DataArray.TEN_LENGTH)];
        this.tendonVelocity = new double[data.size(DataArray.TEN_VELOCITY)];
    }

    /** {@code data.ten_length} as the last step left it (a copy: info values are kept by callers). */
    private double[] tendonLength() {
        return data.read(DataArray.TEN_LENGTH, tendonLength).clone();
    }

    /** {@code data.ten_velocity} as the last step left it. */
    private double[] tendonVelocity() {
        return data.read(DataArray.TEN_VELOCITY, tendonVelocity).clone();
    }

    private static int observationSize(Version version, Kwargs k) {
        int size = 24 + NV - (k.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0);
        if (version == Version.V4) {
            return size + NBODY * (10 + 6 + 6) + NV;
        }
        int bodies = NBODY - 1;
        size += k.getBoolean("include_cinert_in_observation", true) ? bodies * 10 : 0;
        size += k.getBoolean("include_cvel_in_observation", true) ? bodies * 6 : 0;
        size += k.getBoolean("include_qfrc_actuator_in_observation", true) ? NV - 6 : 0;
        size += k.getBoolean("include_cfrc_ext_in_observation", true) ? bodies * 6 : 0;
        return size;
    }

    boolean isHealthy() {
        return healthyZRange.containsStrictly(qpos[2]);
    }

    /**
     * Gymnasium's {@code mass_center}: {@code np.sum(mass * xipos, axis=0) / np.sum(mass)}, x and y. numpy adds the rows
     * of an axis-0 sum one after the other; the total mass is a pairwise sum.
     */
    private void massCentre(double[] out) {
        data.xipos(xipos);
        double[] mass = bodyMass;
        double sx = 0.0;
        double sy = 0.0;
        for (int b = 0; b < NBODY; b++) {
            sx += mass[b] * xipos[3 * b];
            sy += mass[b] * xipos[3 * b + 1];
        }
        double total = NumpySums.sum(mass, 0, NBODY);
        out[0] = sx / total;
        out[1] = sy / total;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniform(rng, resetNoiseScale, resetNoiseScale);
    }

    @Override
    protected void writeObservation(double[] out) {
        int n = observePositionsAndVelocities(skippedQpos, out);
        if (cinertInObservation) {
            data.cinert(cinert);
            n = copyRows(cinert, 10, out, n);
        }
        if (cvelInObservation) {
            data.cvel(cvel);
            n = copyRows(cvel, 6, out, n);
        }
        if (qfrcActuatorInObservation) {
            data.qfrcActuator(qfrcActuator);
            System.arraycopy(qfrcActuator, firstDof, out, n, NV - firstDof);
            n += NV - firstDof;
        }
        if (cfrcExtInObservation) {
            data.cfrcExt(cfrcExt);
            copyRows(cfrcExt, 6, out, n);
        }
    }

    private int copyRows(double[] rows, int width, double[] out, int at) {
        int len = (NBODY - firstBody) * width;
        System.arraycopy(rows, firstBody * width, out, at, len);
        return at + len;
    }

    @Override
    protected Map<String, Object> resetInfo() {
        if (version == Version.V4) {
            return Map.of();
        }
        return Map.of("x_position", qpos[0], "y_position", qpos[1], "tendon_length", tendonLength(),
                "tendon_velocity", tendonVelocity(), "distance_from_origin", NumpySums.norm(qpos[0], qpos[1]));
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        massCentre(massCentre);
        double xBefore = massCentre[0];
        double yBefore = massCentre[1];
        simulate(action);
        massCentre(massCentre);
        double xVelocity = (massCentre[0] - xBefore) / dt();
        double yVelocity = (massCentre[1] - yBefore) / dt();
        boolean healthy = isHealthy();
        double forward = forwardRewardWeight * xVelocity;
        double survive = survive(version, healthy, terminateWhenUnhealthy, healthyReward);
        // Gymnasium charges the control held in data.ctrl (float64), not the float32 action.
        data.ctrl(ctrl);
        double ctrlCost = ctrlCostWeight * NumpySums.sumOfSquares(ctrl, 0, NU);
        out.setTerminated(!healthy && terminateWhenUnhealthy);
        if (version == Version.V5) {
            data.cfrcExt(cfrcExt);
            double contactCost = contactCostRange.clip(
                    contactCostWeight * NumpySums.sumOfSquares(cfrcExt, 0, cfrcExt.length));
            out.setReward(forward + survive - (ctrlCost + contactCost));
            writeObservation(out.observation());
            out.setInfo(Map.ofEntries(Map.entry("x_position", qpos[0]), Map.entry("y_position", qpos[1]),
                    Map.entry("tendon_length", tendonLength()), Map.entry("tendon_velocity", tendonVelocity()),
                    Map.entry("distance_from_origin", NumpySums.norm(qpos[0], qpos[1])),
                    Map.entry("x_velocity", xVelocity), Map.entry("y_velocity", yVelocity),
                    Map.entry("reward_survive", survive), Map.entry("reward_forward", forward),
                    Map.entry("reward_ctrl", -ctrlCost), Map.entry("reward_contact", -contactCost)));
        } else {
            out.setReward(forward + survive - ctrlCost);
            writeObservation(out.observation());
            out.setInfo(Map.of("reward_linvel", forward, "reward_quadctrl", -ctrlCost, "reward_alive", survive,
                    "x_position", massCentre[0], "y_position", massCentre[1],
                    "distance_from_origin", NumpySums.norm(massCentre[0], massCentre[1]), "x_velocity", xVelocity,
                    "y_velocity", yVelocity, "forward_reward", forward));
        }
    }
}
