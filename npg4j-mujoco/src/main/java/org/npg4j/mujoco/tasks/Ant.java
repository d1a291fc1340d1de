package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's Ant (v5, and v4): a quadruped on a free joint rewarded for moving in +x (Schulman, Moritz, Levine,
 * Jordan and Abbeel, "High-dimensional continuous control using generalized advantage estimation", ICLR 2016;
 * Gymnasium {@code ant_v5.py}). nq = 15 (torso position, quaternion, 8 leg joints), nv = 14, nu = 8, 14 bodies.
 *
 * <p>The x/y velocity is the change of the main body's {@code xpos} over dt. Gymnasium reads {@code xpos} right after
 * {@code mj_step}, when it still holds the positions of the last force evaluation inside the step (RK4's last stage
 * point), not of the new qpos; this env reads the same values.
 *
 * <p>v5 observation: {@code qpos[2:]} (13) ++ {@code qvel} (14) ++ {@code clip(cfrc_ext[1:], contact_force_range)}
 * (13 bodies x 6 = 78, row-major). Reward: forward {@code w_f * vx} + survive − {@code w_c * Σa²} −
 * {@code w_contact * Σ clip(cfrc_ext)²} (all 14 rows). Healthy: qpos and qvel finite and {@code qpos[2]} inside
 * {@code healthy_z_range}, ends included.
 *
 * <p>v4: observation {@code qpos[2:] ++ qvel} (27), with all 14 clipped {@code cfrc_ext} rows appended and the contact
 * cost charged only when {@code use_contact_forces}; forward weight 1; info positions from the torso's {@code xpos}.
 */
final class Ant extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "contact_cost_weight", "healthy_reward", "main_body", "terminate_when_unhealthy", "healthy_z_range",
            "contact_force_range", "reset_noise_scale", "exclude_current_positions_from_observation",
            "include_cfrc_ext_in_observation");
    static final Set<String> KWARGS_V4 = Set.of("ctrl_cost_weight", "use_contact_forces", "contact_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "healthy_z_range", "contact_force_range",
            "reset_noise_scale", "exclude_current_positions_from_observation");
    private static final int NBODY = 14;

    private final Version version;
    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double contactCostWeight;
    private final double healthyReward;
    private final int mainBody;
    private final boolean terminateWhenUnhealthy;
    private final Range healthyZRange;
    private final Range contactForceRange;
    private final double resetNoiseScale;
    private final int skippedQpos;
    /** v5: clipped cfrc_ext rows 1..13 in the observation; v4: rows 0..13 and the contact cost. */
    private final boolean contactForces;
    private final double[] cfrcExt = new double[NBODY * 6];

    Ant(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Ant" + version.suffix(), "ant.xml", version == Version.V5 ? k.getInt("frame_skip", 5) : 5,
                observationSize(version, k), maxEpisodeSteps);
        this.version = version;
        this.forwardRewardWeight = version == Version.V5 ? k.getDouble("forward_reward_weight", 1.0) : 1.0;
        this.ctrlCostWeight = k.getDouble("ctrl_cost_weight", 0.5);
        this.contactCostWeight = k.getDouble("contact_cost_weight", 5e-4);
        this.healthyReward = k.getDouble("healthy_reward", 1.0);
        this.mainBody = version == Version.V5 ? k.getInt("main_body", 1) : 1;
        if (mainBody < 0 || mainBody >= NBODY) {
            throw new IllegalArgumentException(id() + ": kwarg 'main_body' must be a body id in [0, " + NBODY
                    + "), got " + mainBody);
        }
        this.terminateWhenUnhealthy = k.getBoolean("terminate_when_unhealthy", true);
        this.healthyZRange = Range.of(k, "healthy_z_range", 0.2, 1.0);
        this.contactForceRange = Range.of(k, "contact_force_range", -1.0, 1.0);
        this.resetNoiseScale = k.getDouble("reset_noise_scale", 0.1);
        this.skippedQpos = k.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0;
        this.contactForces = version == Version.V5 ? k.getBoolean("include_cfrc_ext_in_observation", true)
                : k.getBoolean("use_contact_forces", false);
    }

    private static int observationSize(Version version, Kwargs k) {
        int size = 29 - (k.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0);
        if (version == Version.V5) {
            return size + (k.getBoolean("include_cfrc_ext_in_observation", true) ? (NBODY - 1) * 6 : 0);
        }
        return size + (k.getBoolean("use_contact_forces", false) ? NBODY * 6 : 0);
    }

    boolean isHealthy() {
        for (double q : qpos) {
            if (!Double.isFinite(q)) {
                return false;
            }
        }
        for (double v : qvel) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return healthyZRange.contains(qpos[2]);
    }

    /** {@code clip(cfrc_ext, contact_force_range)}, all 14 rows, into {@link #cfrcExt}. */
    private void clippedContactForces() {
        data.cfrcExt(cfrcExt);
        for (int i = 0; i < cfrcExt.length; i++) {
            cfrcExt[i] = contactForceRange.clip(cfrcExt[i]);
        }
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniformGaussian(rng, resetNoiseScale, resetNoiseScale);
    }

    @Override
    protected void writeObservation(double[] out) {
        int n = observePositionsAndVelocities(skippedQpos, out);
        if (contactForces) {
            clippedContactForces();
            int from = version == Version.V5 ? 6 : 0;
            System.arraycopy(cfrcExt, from, out, n, cfrcExt.length - from);
        }
    }

    @Override
    protected Map<String, Object> resetInfo() {
        if (version == Version.V4) {
            return Map.of();
        }
        return Map.of("x_position", qpos[0], "y_position", qpos[1],
                "distance_from_origin", NumpySums.norm(qpos[0], qpos[1]));
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double xBefore = xpos(mainBody, 0);
        double yBefore = xpos(mainBody, 1);
        simulate(action);
        double xAfter = xpos(mainBody, 0);
        double yAfter = xpos(mainBody, 1);
        double xVelocity = (xAfter - xBefore) / dt();
        double yVelocity = (yAfter - yBefore) / dt();
        boolean healthy = isHealthy();
        double forward = xVelocity * forwardRewardWeight;
        double survive = survive(version, healthy, terminateWhenUnhealthy, healthyReward);
        double ctrlCost = ctrlCostWeight * NumpySums.float32SumOfSquares(action);
        boolean chargeContact = version == Version.V5 || contactForces;
        double contactCost = 0.0;
        if (chargeContact) {
            clippedContactForces();
            contactCost = contactCostWeight * NumpySums.sumOfSquares(cfrcExt, 0, cfrcExt.length);
        }
        out.setReward(forward + survive - (chargeContact ? ctrlCost + contactCost : ctrlCost));
        out.setTerminated(!healthy && terminateWhenUnhealthy);
        writeObservation(out.observation());
        if (version == Version.V5) {
            out.setInfo(Map.of("x_position", qpos[0], "y_position", qpos[1],
                    "distance_from_origin", NumpySums.norm(qpos[0], qpos[1]), "x_velocity", xVelocity,
                    "y_velocity", yVelocity, "reward_forward", forward, "reward_ctrl", -ctrlCost,
                    "reward_contact", -contactCost, "reward_survive", survive));
        } else {
            // Gymnasium's Ant-v4 overwrites reward_ctrl with the negated contact cost when use_contact_forces.
            out.setInfo(Map.of("reward_forward", forward, "reward_ctrl", contactForces ? -contactCost : -ctrlCost,
                    "reward_survive", survive, "x_position", xAfter, "y_position", yAfter,
                    "distance_from_origin", NumpySums.norm(xAfter, yAfter), "x_velocity", xVelocity,
                    "y_velocity", yVelocity, "forward_reward", forward));
        }
    }
}
