package org.npg4j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.npg4j.train.Algorithms;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;

/**
 * PPO on CartPole-v1 with the zoo preset, 2·10^4 steps, against the number of envs (1, 2, 4, 8, 16) and the threads
 * stepping them (1 = synchronous vector env, 2 = threaded). The rollout stays 256 transitions (n_steps = 256 /
 * n_envs), so every configuration runs the same updates (20 epochs of one 256-sample minibatch per rollout) and only
 * the collection differs. Prints wall time and process CPU time (all threads), best of {@code reps} runs, after one
 * warm-up run.
 * <pre>
 *   java -Xmx256m -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.PpoScaling [steps] [reps]
 * </pre>
 */
public final class PpoScaling {
    private PpoScaling() {
    }

    public static void main(String[] args) {
        long steps = args.length > 0 ? (long) Double.parseDouble(args[0]) : 20_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        run(8, 1, steps);
        System.out.println(Scaling.f("PPO CartPole-v1, zoo preset with n_steps · n_envs = 256, %,d steps, best of %d "
                + "(%s)%n", steps, reps, Scaling.machine()));
        System.out.println("| n_envs | n_steps | threads | wall s | CPU s (process) | steps / s (wall) |");
        System.out.println("|---|---|---|---|---|---|");
        for (int envs : new int[] {1, 2, 4, 8, 16}) {
            for (int threads : new int[] {1, 2}) {
                double bestWall = Double.POSITIVE_INFINITY;
                double bestCpu = Double.POSITIVE_INFINITY;
                for (int r = 0; r < reps; r++) {
                    double[] t = run(envs, threads, steps);
                    bestWall = Math.min(bestWall, t[0]);
                    bestCpu = Math.min(bestCpu, t[1]);
                }
                System.out.println(Scaling.f("| %d | %d | %d | %.2f | %.2f | %,.0f |", envs, 256 / envs, threads,
                        bestWall, bestCpu, steps / bestWall));
            }
        }
    }

    /** One training run; returns {wall seconds, process CPU seconds}. */
    static double[] run(int envs, int threads, long steps) {
        ObjectNode cfg = Presets.find("ppo", "CartPole-v1").orElseThrow();
        cfg.put("n_envs", envs);
        cfg.put("n_steps", 256 / envs);
        cfg.put("n_timesteps", steps);
        long c0 = Scaling.processCpuNanos();
        long w0 = System.nanoTime();
        try (TrainingSetup setup = Algorithms.build("ppo", "CartPole-v1", cfg, 0, threads)) {
            setup.learn(steps);
        }
        return new double[] {(System.nanoTime() - w0) * 1e-9, (Scaling.processCpuNanos() - c0) * 1e-9};
    }
}
