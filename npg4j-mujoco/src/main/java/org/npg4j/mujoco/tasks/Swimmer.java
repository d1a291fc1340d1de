package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's Swimmer (v5, and v4): a three-link swimmer in a viscous fluid rewarded for speed in +x (Coulom,
 * "Reinforcement learning using neural networks, with applications to motor control", PhD thesis, 2002; Gymnasium
 * {@code swimmer_v5.py}). It never terminates. qpos = (x, y, body angle, joint 1, joint 2), nq = nv = 5, nu = 2.
 *
 * <p>Observation: {@code qpos[2:]} ++ {@code qvel}. Reward: {@code w_f * dx/dt − w_c * Σa²}, the velocities from
 * {@code qpos[0:2]}. v4 names the forward term {@code reward_fwd} and repeats it as {@code forward_reward}.
 */
final class Swimmer extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "reset_noise_scale", "exclude_current_positions_from_observation");
    static final Set<String> KWARGS_V4 = Set.of("forward_reward_weight", "ctrl_cost_weight", "reset_noise_scale",
            "exclude_current_positions_from_observation");

    private final Version version;
    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double resetNoiseScale;
    private final int skippedQpos;

    Swimmer(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Swimmer" + version.suffix(), "swimmer.xml", version == Version.V5 ? k.getInt("frame_skip", 4) : 4,
                10 - skipped(k), maxEpisodeSteps);
        this.version = version;
        this.forwardRewardWeight = k.getDouble("forward_reward_weight", 1.0);
        this.ctrlCostWeight = k.getDouble("ctrl_cost_weight", 1e-4);
        this.resetNoiseScale = k.getDouble("reset_noise_scale", 0.1);
        this.skippedQpos = skipped(k);
    }

    private static int skipped(Kwargs k) {
        return k.getBoolean("exclude_current_positions_from_observation", true) ? 2 : 0;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniform(rng, resetNoiseScale, resetNoiseScale);
    }

    @Override
    protected void writeObservation(double[] out) {
        observePositionsAndVelocities(skippedQpos, out);
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
        double xBefore = qpos[0];
        double yBefore = qpos[1];
        simulate(action);
        double xVelocity = (qpos[0] - xBefore) / dt();
        double yVelocity = (qpos[1] - yBefore) / dt();
        double forward = forwardRewardWeight * xVelocity;
        double ctrlCost = ctrlCostWeight * NumpySums.float32SumOfSquares(action);
        out.setReward(forward - ctrlCost);
        out.setTerminated(false);
        writeObservation(out.observation());
        double distance = NumpySums.norm(qpos[0], qpos[1]);
        out.setInfo(version == Version.V5
                ? Map.of("x_position", qpos[0], "y_position", qpos[1], "distance_from_origin", distance,
                        "x_velocity", xVelocity, "y_velocity", yVelocity, "reward_forward", forward,
                        "reward_ctrl", -ctrlCost)
                : Map.of("reward_fwd", forward, "reward_ctrl", -ctrlCost, "x_position", qpos[0],
                        "y_position", qpos[1], "distance_from_origin", distance, "x_velocity", xVelocity,
                        "y_velocity", yVelocity, "forward_reward", forward));
    }
}
