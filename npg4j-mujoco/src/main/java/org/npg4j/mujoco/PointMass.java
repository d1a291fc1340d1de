package org.npg4j.mujoco;

import org.npg4j.env.EnvSpec;

/**
 * {@code PointMass-v0}: push a point mass on a table (two slide joints, two motors with controls in [-1, 1]) to the
 * origin. Made with {@link MujocoEnvBuilder} from {@code point_mass.xml}, as a user would make their own env.
 * Observation {@code qpos ++ qvel} (4); reward {@code -‖qpos‖ - 0.01·Σa²}; never terminates; time limit 200;
 * {@code frame_skip} 2 at {@code timestep} 0.01; reset qpos, qvel = U(-0.1, 0.1) per coordinate.
 */
final class PointMass {
    static final String ID = "PointMass-v0";

    private PointMass() {
    }

    static EnvSpec spec() {
        return MujocoEnvBuilder.of(ID)
                .description("MuJoCo: push a point mass to the origin (smoke test of npg4j-mujoco; needs libmujoco)")
                .xmlResource(PointMass.class, "point_mass.xml")
                .frameSkip(2)
                .maxEpisodeSteps(200)
                .reward(t -> -Math.hypot(t.qpos()[0], t.qpos()[1]) - 0.01 * MujocoEnvBuilder.squaredNorm(t.action()))
                .resetNoise(0.1)
                .build();
    }
}
