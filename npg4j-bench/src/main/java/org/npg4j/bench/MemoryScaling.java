package org.npg4j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.npg4j.train.Algorithms;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;

/**
 * Memory against the rollout buffer size: PPO with the zoo preset on an env (default CartPole-v1; LunarLander-v3 has
 * 8 observations), 8 envs, n_steps from 32 to 8,192 (256 to 65,536 transitions), batch_size 256. For each size one
 * update is trained, then the heap the training set-up retains after a full GC is measured (used heap with the
 * set-up alive minus used heap before it was built), and the peak of used heap during the update (sum of the heap
 * pools' peaks, an upper bound). Also prints the bytes per transition and the least-squares line
 * retained = fixed + slope · transitions, whose slope is the marginal cost of a transition.
 * <pre>
 *   java -Xmx1g -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.MemoryScaling [env]
 * </pre>
 */
public final class MemoryScaling {
    private MemoryScaling() {
    }

    public static void main(String[] args) {
        String env = args.length > 0 ? args[0] : "CartPole-v1";
        System.out.println("PPO " + env + ", zoo preset, 8 envs, batch_size 256: heap against the rollout buffer size ("
                + Scaling.machine() + ")\n");
        System.out.println("| n_steps | transitions | retained heap MB | bytes / transition | peak heap MB during "
                + "the update |");
        System.out.println("|---|---|---|---|---|");
        measure(env, 32); // warm-up: class loading and JIT structures are not the buffer's
        int[] sizes = {32, 128, 512, 2048, 8192};
        double[] x = new double[sizes.length];
        double[] y = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            long[] m = measure(env, sizes[i]);
            int transitions = sizes[i] * 8;
            x[i] = transitions;
            y[i] = m[0];
            System.out.println(Scaling.f("| %,d | %,d | %.1f | %,d | %.1f |", sizes[i], transitions, m[0] / 1e6,
                    m[0] / transitions, m[1] / 1e6));
        }
        double[] line = linearFit(x, y);
        System.out.println(Scaling.f("%nFitted: retained heap ≈ %.1f MB + %.0f bytes per transition (least squares).",
                line[1] / 1e6, line[0]));
    }

    /** The least-squares line y = c + k x: returns {k, c}. */
    static double[] linearFit(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return new double[] {sxy / sxx, my - sxy / sxx * mx};
    }

    /** {retained bytes after GC, peak used heap bytes during the update}. */
    static long[] measure(String env, int nSteps) {
        long before = usedAfterGc();
        ObjectNode cfg = Presets.find("ppo", env).orElseThrow();
        cfg.put("n_envs", 8);
        cfg.put("n_steps", nSteps);
        cfg.put("batch_size", 256);
        cfg.put("n_epochs", 1);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        try (TrainingSetup setup = Algorithms.build("ppo", env, cfg, 0, 1)) {
            setup.learn((long) nSteps * 8);
            long peak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    peak += p.getPeakUsage().getUsed();
                }
            }
            long retained = usedAfterGc() - before;
            // Keep the set-up reachable until after the measurement.
            if (setup.trainer().timesteps() < 0) {
                throw new IllegalStateException();
            }
            return new long[] {retained, peak};
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
