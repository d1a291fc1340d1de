package org.npg4j.env;

import java.util.List;

/**
 * Envs that live outside npg4j-core (e.g. the MuJoCo tasks of npg4j-mujoco, which need a native library) join the
 * registry through this service interface: a module lists its implementation in
 * {@code META-INF/services/org.npg4j.env.EnvProvider}, and {@link Envs} registers the specs of every provider on the
 * class path when it is first used, after its own envs. Core thus finds them without depending on their modules.
 *
 * <p>A provider must be cheap and must not fail where its engine is missing: listing envs should work everywhere,
 * and only making one may fail (with a message naming what to install). It must not call {@link Envs}, which is
 * being initialized.
 */
public interface EnvProvider {
    /** The specs to register; their ids must be new. */
    List<EnvSpec> envs();
}
