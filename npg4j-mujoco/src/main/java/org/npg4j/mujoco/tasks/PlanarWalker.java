package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * What Gymnasium's Hopper and Walker2d share ({@code hopper_v5.py}, {@code walker2d_v5.py}): a planar robot whose
 * qpos starts (rootx, rootz, rooty, ...), observed as {@code qpos[1:]} (or all of qpos) ++ {@code clip(qvel, -10, 10)},
 * reset by uniform noise of {@code reset_noise_scale} on qpos and qvel, rewarded forward {@code w_f * dx/dt} +
 * survive − {@code w_c * Σa²}, healthy while the height {@code qpos[1]} and the angle {@code qpos[2]} lie strictly
 * inside {@code healthy_z_range} and {@code healthy_angle_range} (Hopper adds a test on the whole state), and with the
 * same info keys.
 */
abstract class PlanarWalker extends GymnasiumMujocoEnv {
    protected final Version version;
    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final Range healthyZRange;
    private final Range healthyAngleRange;
    private final double resetNoiseScale;
    private final int skippedQpos;

    /**
     * @param stateDim   nq + nv (the observation has one entry less while the x position is excluded)
     * @param zRange     the default {@code healthy_z_range}
     * @param angleRange the default {@code healthy_angle_range}
     */
    PlanarWalker(String id, String xml, Version version, Kwargs k, int stateDim, int maxEpisodeSteps,
                 double[] zRange, double[] angleRange) {
        super(id, xml, version == Version.V5 ? k.getInt("frame_skip", 4) : 4, stateDim - skipped(k),
                maxEpisodeSteps);
        this.version = version;
        this.forwardRewardWeight = k.getDouble("forward_reward_weight", 1.0);
        this.ctrlCostWeight = k.getDouble("ctrl_cost_weight", 1e-3);
        this.healthyReward = k.getDouble("healthy_reward", 1.0);
        this.terminateWhenUnhealthy = k.getBoolean("terminate_when_unhealthy", true);
        this.healthyZRange = Range.of(k, "healthy_z_range", zRange[0], zRange[1]);
        this.healthyAngleRange = Range.of(k, "healthy_angle_range", angleRange[0], angleRange[1]);
        this.resetNoiseScale = k.getDouble("reset_noise_scale", 5e-3);
        this.skippedQpos = skipped(k);
    }

    private static int skipped(Kwargs k) {
        return k.getBoolean("exclude_current_positions_from_observation", true) ? 1 : 0;
    }

    /** Height and angle strictly inside their ranges. */
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
