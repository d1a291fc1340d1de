package org.npg4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;

/**
 * Env steps per CPU second of Safety-Gymnasium's navigation tasks next to Gymnasium's MuJoCo tasks, with uniform random
 * actions in [-1, 1] and a reset at every episode's end (resets included). Run:
 * {@code java -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.NavigationEnvSpeed [steps]} (default 20,000
 * steps per env, after as many for warm-up); prints one line per env.
 */
public final class NavigationEnvSpeed {
    static final List<String> ENVS = List.of("SafetyPointGoal1-v0", "SafetyCarGoal1-v0", "SafetyPointGoal2-v0",
            "SafetyPointButton1-v0", "SafetyPointCircle1-v0", "Hopper-v5", "HalfCheetah-v5", "Ant-v5");

    private NavigationEnvSpeed() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String id : ENVS) {
            try (Env env = Envs.make(id)) {
                SplittableRandom rng = new SplittableRandom(0);
                double[] action = new double[env.actionSpace().dim()];
                env.reset(0);
                run(env, rng, action, steps);
                long t0 = cpu.getCurrentThreadCpuTime();
                run(env, rng, action, steps);
                double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "%-24s %8.0f env steps per CPU second%n", id, steps / seconds);
            }
        }
    }

    private static void run(Env env, SplittableRandom rng, double[] action, int steps) {
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < action.length; i++) {
                action[i] = rng.nextDouble(-1, 1);
            }
            if (env.step(action).done()) {
                env.reset();
            }
        }
    }
}
