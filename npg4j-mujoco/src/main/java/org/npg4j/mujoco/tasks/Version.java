package org.npg4j.mujoco.tasks;

/**
 * Gymnasium's generations of the MuJoCo tasks. v5 is the current one; v4 differs in a few rules (the survive reward
 * on the terminating step, info keys, Ant's and Reacher's observation), each named where the task applies it.
 */
enum Version {
    V4,
    V5;

    String suffix() {
        return this == V4 ? "-v4" : "-v5";
    }
}
