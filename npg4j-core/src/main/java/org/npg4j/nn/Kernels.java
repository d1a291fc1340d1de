package org.npg4j.nn;

import java.util.List;

/**
 * Which dense kernels the networks of this JVM run. With the incubating module {@code jdk.incubator.vector} in the
 * boot layer (the JVM option {@code --add-modules jdk.incubator.vector}, passed by {@code bin/npg4j}, the tests and
 * the benchmarks) the matrix products run as register-blocked SIMD code, about twice as fast on 64-wide layers;
 * without it, as scalar code that C2 auto-vectorizes. Both give the same result bit for bit, so the choice never
 * changes a run: only its speed. The system property {@code npg4j.simd=false} forces the scalar kernels.
 */
public final class Kernels {
    /** The JVM options that enable the SIMD kernels. */
    public static final List<String> SIMD_JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector");

    private Kernels() {
    }

    /** Whether the SIMD kernels are in use. */
    public static boolean simd() {
        return Gemm.SIMD;
    }

    /** E.g. {@code "simd 8 x float64"} or {@code "scalar"}. */
    public static String description() {
        return Gemm.description();
    }

    /**
     * The options a child JVM needs to run the kernels this JVM runs: {@link #SIMD_JVM_OPTIONS} when the module is
     * present here, none otherwise.
     */
    public static List<String> childJvmOptions() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? SIMD_JVM_OPTIONS : List.of();
    }
}
