package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's Walker2d (v5, and v4): a planar biped rewarded for walking forward (+x) while its torso stays high
 * and upright (Gymnasium {@code walker2d_v5.py}). qpos = (rootx, rootz, rooty, right thigh, leg, foot, left thigh,
 * leg, foot), nq = nv = 9, nu = 6. v5 uses {@code walker2d.xml} (both feet friction 1.9); v4 uses
 * {@code walker2d_v4.xml}, whose right foot has friction 0.9.
 *
 * <p>Observation: {@code qpos[1:]} ++ {@code clip(qvel, -10, 10)}. Reward: forward {@code w_f * dx/dt} + survive −
 * {@code w_c * Σa²}. Healthy: {@code qpos[1]} strictly inside {@code healthy_z_range} and {@code qpos[2]} strictly
 * inside {@code healthy_angle_range}; unlike Hopper there is no test on the whole state.
 */
final class Walker2d extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "healthy_z_range", "healthy_angle_range",
            "reset_noise_scale", "exclude_current_positions_from_observation");
    /** v4 has the same kwargs but a fixed frame_skip. */
    static final Set<String> KWARGS_V4 = withoutFrameSkip(KWARGS_V5);

    private final Version version;
    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final Range healthyZRange;
    private final Range healthyAngleRange;
    private final double resetNoiseScale;
    private final int skippedQpos;

    Walker2d(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Walker2d" + version.suffix(), version == Version.V5 ? "walker2d.xml" : "walker2d_v4.xml",
                version == Version.V5 ? k.getInt("frame_skip", 4) : 4, 18 - skipped(k), maxEpisodeSteps);
        this.version = version;
        this.forwardRewardWeight = k.getDouble("forward_reward_weight", 1.0);
        this.ctrlCostWeight = k.getDouble("ctrl_cost_weight", 1e-3);
        this.healthyReward = k.getDouble("healthy_reward", 1.0);
        this.terminateWhenUnhealthy = k.getBoolean("terminate_when_unhealthy", true);
        this.healthyZRange = Range.of(k, "healthy_z_range", 0.8, 2.0);
        this.healthyAngleRange = Range.of(k, "healthy_angle_range", -1.0, 1.0);
        this.resetNoiseScale = k.getDouble("reset_noise_scale", 5e-3);
        this.skippedQpos = skipped(k);
    }

    private static int skipped(Kwargs k) {
        return k.getBoolean("exclude_current_positions_from_observation", true) ? 1 : 0;
    }

    boolean isHealthy() {
        return healthyZRange.containsStrictly(qpos[1]) && healthyAngleRange.containsStrictly(qpos[2]);
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniform(rng, resetNoiseScale, resetNoiseScale);
    }

    @Override
    protected void writeObservation(double[] out) {
        observePositionsAndClippedVelocities(skippedQpos, out);
    }

    @Override
    protected Map<String, Object> resetInfo() {
        if (version == Version.V4) {
            return Map.of();
        }
        return Map.of("x_position", qpos[0], "z_distance_from_origin", qpos[1] - initQpos[1]);
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double xBefore = qpos[0];
        simulate(action);
        double xVelocity = (qpos[0] - xBefore) / dt();
        boolean healthy = isHealthy();
        double forward = forwardRewardWeight * xVelocity;
        double ctrlCost = ctrlCostWeight * NumpySums.float32SumOfSquares(action);
        double survive = survive(version, healthy, terminateWhenUnhealthy, healthyReward);
        out.setReward(forward + survive - ctrlCost);
        out.setTerminated(!healthy && terminateWhenUnhealthy);
        writeObservation(out.observation());
        out.setInfo(version == Version.V5
                ? Map.of("x_position", qpos[0], "z_distance_from_origin", qpos[1] - initQpos[1],
                        "x_velocity", xVelocity, "reward_forward", forward, "reward_ctrl", -ctrlCost,
                        "reward_survive", survive)
                : Map.of("x_position", qpos[0], "x_velocity", xVelocity));
    }
}
