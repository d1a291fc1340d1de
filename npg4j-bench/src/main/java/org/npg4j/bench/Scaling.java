package org.npg4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/** Helpers of the scaling programs: CPU clocks, least-squares fits, number formatting. */
final class Scaling {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Scaling() {
    }

    /** CPU time of the current thread in ns (the machine is shared: wall time alone is noisy). */
    static long threadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** CPU time of the whole process in ns (all threads), -1 if the JVM does not report it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * The least-squares line log y = c + k log x: returns {k, c}. With y ∝ x^k, k is the growth exponent (1 = linear).
     */
    static double[] logLogFit(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxy += dx * (Math.log(y[i]) - my);
            sxx += dx * dx;
        }
        double k = sxy / sxx;
        return new double[] {k, my - k * mx};
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The machine line printed above every table. */
    static String machine() {
        return f("Java %s, %d cores, %s %s, max heap %d MB", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20);
    }
}
