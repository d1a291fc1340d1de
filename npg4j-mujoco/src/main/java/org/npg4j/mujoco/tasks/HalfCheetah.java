package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's HalfCheetah (v5, and v4): a planar two-legged runner rewarded for speed in +x (Wawrzyński, "A
 * cat-like robot real-time learning to run", ICANNGA 2009; Gymnasium {@code half_cheetah_v5.py}). It never
 * terminates. qpos = (rootx, rootz, rooty, bthigh, bshin, bfoot, fthigh, fshin, ffoot), nq = nv = 9, nu = 6; Euler
 * integration with dt = 0.01 * 5.
 *
 * <p>Observation: {@code qpos[1:]} ++ {@code qvel} (not clipped). Reward: {@code w_f * dx/dt − w_c * Σa²}. Reset:
 * qpos uniform noise, qvel Gaussian noise, both of scale {@code reset_noise_scale}.
 */
final class HalfCheetah extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "reset_noise_scale", "exclude_current_positions_from_observation");
    /** v4 has the same kwargs but a fixed frame_skip. */
    static final Set<String> KWARGS_V4 = withoutFrameSkip(KWARGS_V5);

    private final Version version;
    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double resetNoiseScale;
    private final int skippedQpos;

    HalfCheetah(Version version, Kwargs k, int maxEpisodeSteps) {
        super("HalfCheetah" + version.suffix(), "half_cheetah.xml",
                version == Version.V5 ? k.getInt("frame_skip", 5) : 5, 18 - skipped(k), maxEpisodeSteps);
        this.version = version;
        this.forwardRewardWeight = k.getDouble("forward_reward_weight", 1.0);
        this.ctrlCostWeight = k.getDouble("ctrl_cost_weight", 0.1);
        this.resetNoiseScale = k.getDouble("reset_noise_scale", 0.1);
        this.skippedQpos = skipped(k);
    }

    private static int skipped(Kwargs k) {
        return k.getBoolean("exclude_current_positions_from_observation", true) ? 1 : 0;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniformGaussian(rng, resetNoiseScale, resetNoiseScale);
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
        return Map.of("x_position", qpos[0]);
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double xBefore = qpos[0];
        simulate(action);
        double xVelocity = (qpos[0] - xBefore) / dt();
        double forward = forwardRewardWeight * xVelocity;
        double ctrlCost = ctrlCostWeight * NumpySums.float32SumOfSquares(action);
        out.setReward(forward - ctrlCost);
        out.setTerminated(false);
        writeObservation(out.observation());
        // v4 names the forward term reward_run.
        out.setInfo(Map.of("x_position", qpos[0], "x_velocity", xVelocity,
                version == Version.V5 ? "reward_forward" : "reward_run", forward, "reward_ctrl", -ctrlCost));
    }
}
