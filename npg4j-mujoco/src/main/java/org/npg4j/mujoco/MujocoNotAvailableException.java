package org.npg4j.mujoco;

/**
 * MuJoCo cannot be used on this machine: libmujoco is missing, or this build of npg4j-mujoco carries no JNI shim
 * (it was compiled where libmujoco-dev was missing). The message starts with {@link Mujoco#NOT_AVAILABLE} and may
 * name the cause after it.
 */
public class MujocoNotAvailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MujocoNotAvailableException(String cause) {
        super(cause == null || cause.isBlank() ? Mujoco.NOT_AVAILABLE : Mujoco.NOT_AVAILABLE + " (" + cause + ")");
    }

    /** The same failure, thrown again where MuJoCo is used (the first one, from loading, is the cause). */
    MujocoNotAvailableException(MujocoNotAvailableException first) {
        super(first.getMessage(), first);
    }
}
