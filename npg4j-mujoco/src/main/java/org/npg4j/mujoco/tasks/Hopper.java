package org.npg4j.mujoco.tasks;

import java.util.Set;
import org.npg4j.env.Kwargs;

/**
 * Gymnasium 1.0's Hopper (v5, and v4): a planar one-legged robot rewarded for hopping forward (+x) while it stays
 * healthy (Erez, Tassa and Todorov, "Infinite-horizon model predictive control for periodic tasks with contacts",
 * RSS 2011; Gymnasium {@code hopper_v5.py}). qpos = (rootx, rootz, rooty, thigh, leg, foot), nq = nv = 6, nu = 3.
 *
 * <p>Observation: {@code qpos[1:]} (or all of qpos) ++ {@code clip(qvel, -10, 10)}. Reward: forward
 * {@code w_f * dx/dt} + survive (healthy) − {@code w_c * Σa²}. Healthy: every entry of {@code (qpos, qvel)[2:]}
 * strictly inside {@code healthy_state_range}, the height {@code qpos[1]} strictly inside {@code healthy_z_range}
 * and the angle {@code qpos[2]} strictly inside {@code healthy_angle_range}.
 */
final class Hopper extends PlanarWalker {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "healthy_state_range", "healthy_z_range",
            "healthy_angle_range", "reset_noise_scale", "exclude_current_positions_from_observation");
    /** v4 has the same kwargs but a fixed frame_skip. */
    static final Set<String> KWARGS_V4 = withoutFrameSkip(KWARGS_V5);

    private final Range healthyStateRange;

    Hopper(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Hopper" + version.suffix(), "hopper.xml", version, k, 12, maxEpisodeSteps,
                new double[] {0.7, Double.POSITIVE_INFINITY}, new double[] {-0.2, 0.2});
        this.healthyStateRange = Range.of(k, "healthy_state_range", -100.0, 100.0);
    }

    /** Also every entry of {@code (qpos, qvel)[2:]} strictly inside {@code healthy_state_range}. */
    @Override
    boolean isHealthy() {
        for (int i = 2; i < qpos.length; i++) {
            if (!healthyStateRange.containsStrictly(qpos[i])) {
                return false;
            }
        }
        for (double v : qvel) {
            if (!healthyStateRange.containsStrictly(v)) {
                return false;
            }
        }
        return super.isHealthy();
    }
}
