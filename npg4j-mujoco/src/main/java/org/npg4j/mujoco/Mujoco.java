package org.npg4j.mujoco;

/**
 * Whether MuJoCo can be used here, its version and its last warning. The JNI shim and libmujoco are loaded once, on
 * first use; where either is missing every entry point throws {@link MujocoNotAvailableException}, whose message
 * starts with {@link #NOT_AVAILABLE}.
 */
public final class Mujoco {
    /** The start of the message of every {@link MujocoNotAvailableException}: what to install. */
    public static final String NOT_AVAILABLE =
            "MuJoCo not available: install it with `apt-get install libmujoco-dev`";

    private Mujoco() {
    }

    /** Loads the shim once; holds the reason when it could not be loaded. */
    private static final class Loaded {
        static final MujocoNotAvailableException FAILURE =
                NativeLibrary.load(System.getProperty(NativeLibrary.PROPERTY));
    }

    /** Whether the shim and libmujoco are loaded and usable. */
    public static boolean isAvailable() {
        return Loaded.FAILURE == null;
    }

    /**
     * Why MuJoCo is not available (the message of the exception {@link #ensureAvailable()} would throw), or the empty
     * string when it is. Tests use it as the reason of an assumption, so that they are skipped, not failed.
     */
    public static String unavailableReason() {
        return isAvailable() ? "" : Loaded.FAILURE.getMessage();
    }

    /** Throws {@link MujocoNotAvailableException} unless MuJoCo is available. */
    public static void ensureAvailable() {
        MujocoNotAvailableException failure = Loaded.FAILURE;
        if (failure != null) {
            throw new MujocoNotAvailableException(failure);
        }
    }

    /** MuJoCo's version, e.g. {@code "2.2.2"}. */
    public static String version() {
        ensureAvailable();
        int v = MujocoNative.libraryVersion();
        return (v / 100) + "." + (v / 10 % 10) + "." + (v % 10);
    }

    /** The last warning MuJoCo raised on this thread (empty if none since {@link #clearWarning()}). */
    public static String lastWarning() {
        ensureAvailable();
        return MujocoNative.lastWarning();
    }

    /** Forgets this thread's last warning. */
    public static void clearWarning() {
        ensureAvailable();
        MujocoNative.clearWarning();
    }
}
