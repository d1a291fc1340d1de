package org.npg4j.mujoco.tasks;

import java.util.Set;
import org.npg4j.env.Kwargs;

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
final class Walker2d extends PlanarWalker {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight",
            "healthy_reward", "terminate_when_unhealthy", "healthy_z_range", "healthy_angle_range",
            "reset_noise_scale", "exclude_current_positions_from_observation");
    /** v4 has the same kwargs but a fixed frame_skip. */
    static final Set<String> KWARGS_V4 = withoutFrameSkip(KWARGS_V5);

    Walker2d(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Walker2d" + version.suffix(), version == Version.V5 ? "walker2d.xml" : "walker2d_v4.xml", version, k,
                18, maxEpisodeSteps, new double[] {0.8, 2.0}, new double[] {-1.0, 1.0});
    }
}
