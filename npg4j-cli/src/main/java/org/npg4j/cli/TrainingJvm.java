package org.npg4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.npg4j.nn.Kernels;

/**
 * The JVM settings of a training process as {@code bin/npg4j} starts one (its {@code jvm=(...)} line), for the
 * commands that start training JVMs themselves ({@code npg4j bench}), so that their runs are timed and sized as a
 * user's {@code npg4j train} is: one mutator thread with a few MB of live data, hence the serial collector and a
 * small initial heap that grows when needed; compile thresholds four times the default, so that the JIT compiles
 * what stays hot (the network kernels) rather than start-up code. The launcher's class-data-sharing archive is not
 * used by children (it only shortens start-up).
 */
public final class TrainingJvm {
    /** The options beyond the SIMD module, in the launcher's order. */
    public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m",
            "-XX:CompileThresholdScaling=4");

    private TrainingJvm() {
    }

    /** A child training JVM's options: the SIMD module when this JVM has it, then {@link #OPTIONS}. */
    public static List<String> childOptions() {
        List<String> o = new ArrayList<>(Kernels.childJvmOptions());
        o.addAll(OPTIONS);
        return List.copyOf(o);
    }

    /**
     * {@link #childOptions()} for a child whose heap is limited to {@code maxHeap} (a {@code -Xmx} value such as
     * {@code 256m}): the initial heap is at most that, so that a small limit is the JVM's to judge.
     */
    public static List<String> childOptions(String maxHeap) {
        List<String> o = new ArrayList<>(childOptions());
        long max = bytes(maxHeap);
        if (max >= 0 && max < 32L << 20) {
            o.set(o.indexOf("-Xms32m"), "-Xms" + maxHeap);
        }
        o.add("-Xmx" + maxHeap);
        return List.copyOf(o);
    }

    /** The bytes of a JVM size such as {@code 2g}, {@code 256m}, {@code 64k} or {@code 1048576}; -1 if unreadable. */
    static long bytes(String size) {
        if (size == null || size.isEmpty()) {
            return -1;
        }
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
        try {
            long v = Long.parseLong(digits);
            return v < 0 || v > (Long.MAX_VALUE >> shift) ? -1 : v << shift;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
