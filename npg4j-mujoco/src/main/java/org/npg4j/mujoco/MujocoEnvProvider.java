package org.npg4j.mujoco;

import java.util.List;
import org.npg4j.env.EnvProvider;
import org.npg4j.env.EnvSpec;

/**
 * Registers this module's own env with core's registry (listed in {@code META-INF/services}): {@code PointMass-v0},
 * the binding's smoke-test task. Listing works without MuJoCo; making the env needs it.
 */
public final class MujocoEnvProvider implements EnvProvider {
    @Override
    public List<EnvSpec> envs() {
        return List.of(PointMass.spec());
    }
}
