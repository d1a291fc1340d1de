package org.npg4j.mujoco;

import java.lang.ref.Reference;

/**
 * The speed reference of the binding: env steps looped entirely in C (for each step: {@code ctrl := ctrls[k mod
 * rows]}, {@code frameSkip} × {@code mj_step}, {@code mj_rnePostConstraint}), i.e. what {@link MjData#step(double[],
 * int)} does per call, without crossing JNI per step. The benchmark compares the two; the simulation is the same bit
 * for bit.
 */
public final class NativeStepLoop {
    private NativeStepLoop() {
    }

    /**
     * Runs {@code envSteps} env steps on {@code data} with controls cycled from {@code ctrls} (rows of nu values,
     * row-major) and returns the wall time of the loop in nanoseconds.
     */
    public static long run(MjData data, double[] ctrls, int envSteps, int frameSkip) {
        int nu = data.model().nu();
        if (nu == 0 || ctrls.length == 0 || ctrls.length % nu != 0) {
            throw new IllegalArgumentException("ctrls must hold a positive multiple of nu = " + nu + " values, got "
                    + ctrls.length);
        }
        if (envSteps < 0 || frameSkip < 1) {
            throw new IllegalArgumentException("envSteps must be >= 0 and frameSkip >= 1, got " + envSteps + ", "
                    + frameSkip);
        }
        try {
            return MujocoNative.referenceLoop(data.simHandle(), ctrls, envSteps, frameSkip);
        } finally {
            Reference.reachabilityFence(data);
        }
    }
}
