package org.npg4j.mujoco;

/**
 * An error reported by MuJoCo: a model it cannot parse or compile (the message names the file and MuJoCo's parse
 * error), or a fatal engine error raised during a call (MuJoCo's own message). The shim catches MuJoCo's fatal errors
 * instead of letting MuJoCo end the process, so the JVM carries on; the {@link MjData} involved should be reset
 * before it is used again.
 *
 * <p>It is an {@link IllegalStateException} so that the command line reports it as bad input (one line, exit code 2).
 */
public class MujocoException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MujocoException(String message) {
        super(message);
    }
}
