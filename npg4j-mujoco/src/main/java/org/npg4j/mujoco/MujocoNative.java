package org.npg4j.mujoco;

/**
 * The JNI entry points of the shim ({@code src/main/c/npg4j_mujoco.c}). Handles are C pointers: an {@code mjModel*}
 * for model calls, the shim's {@code Sim*} (an {@code mjData*} with its model) for data calls. Callers check array
 * lengths and handle liveness; the shim checks lengths again and throws {@link IllegalArgumentException} rather than
 * write out of bounds. Entries that run MuJoCo code throw {@link MujocoException} on MuJoCo errors. The codes of
 * {@link #modelDoubles}, {@link #modelInts} and {@link DataArray} are the {@code switch} cases in the shim.
 */
final class MujocoNative {
    private MujocoNative() {
    }

    static native int libraryVersion();

    static native int headerVersion();

    static native String lastWarning();

    static native void clearWarning();

    /** Raises an error through MuJoCo's {@code mju_error} (tests of the error path). */
    static native void raiseError(String message);

    /** Raises a warning through MuJoCo's {@code mju_warning} (tests of the warning path). */
    static native void raiseWarning(String message);

    static native long loadXmlFile(String path);

    static native long loadXmlString(byte[] xml, String name);

    static native void deleteModel(long model);

    static native int[] modelSizes(long model);

    static native double timestep(long model);

    static native void modelDoubles(long model, int field, double[] out);

    static native void modelInts(long model, int field, int[] out);

    static native int objectCount(long model, int type);

    static native String id2name(long model, int type, int id);

    static native int name2id(long model, int type, String name);

    static native long makeData(long model);

    static native void deleteData(long sim);

    static native int dataSize(long sim, int field);

    static native void getArray(long sim, int field, double[] out);

    static native void setArray(long sim, int field, double[] in);

    static native double time(long sim);

    static native void setTime(long sim, double time);

    static native void resetData(long sim);

    static native void forward(long sim);

    static native void step(long sim, int substeps);

    static native void stepWithCtrl(long sim, double[] ctrl, int substeps);

    static native int contactCount(long sim);

    static native int contacts(long sim, int[] geoms, double[] values);

    static native void contactForce(long sim, int contact, double[] out);

    static native int stateSize(long sim);

    static native void saveState(long sim, double[] out);

    static native void restoreState(long sim, double[] in);

    /** The benchmark's reference: env steps looped in C; returns the elapsed nanoseconds. */
    static native long referenceLoop(long sim, double[] ctrls, int envSteps, int frameSkip);
}
