package org.npg4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.algo.Ppo;
import org.npg4j.algo.PpoConfig;
import org.npg4j.algo.Trpo;
import org.npg4j.algo.TrpoConfig;
import org.npg4j.env.Envs;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.VectorEnv;
import org.npg4j.nn.Activation;
import org.npg4j.nn.Schedule;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.policy.Policies;
import org.npg4j.train.EpisodeEvaluation;
import org.npg4j.train.Trainer;

/**
 * End-to-end wall time of PPO and TRPO on CartPole-v1 with rl-baselines3-zoo's presets, 1e5 steps, one thread:
 * <pre>
 *   java -Xmx256m --add-modules jdk.incubator.vector -cp npg4j-bench/target/benchmarks.jar \
 *       org.npg4j.bench.CartPoleWallTime ppo 0 1 2
 *   java -Xmx256m --add-modules jdk.incubator.vector -cp npg4j-bench/target/benchmarks.jar \
 *       org.npg4j.bench.CartPoleWallTime trpo 0 1 2
 * </pre>
 * Each seed runs in the same JVM one after the other (so later seeds run on warmer code); the printed time covers
 * the trainer's construction and {@code learn(100_000)}, not the evaluation (20 deterministic episodes) that
 * follows; beside it the CPU time of the training thread, which other processes on a shared machine disturb less. Also prints a checksum of the final parameters so that runs can be compared bit for bit.
 */
public final class CartPoleWallTime {
    private CartPoleWallTime() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || !(args[0].equals("ppo") || args[0].equals("trpo"))) {
            throw new IllegalArgumentException("usage: CartPoleWallTime ppo|trpo [seed ...], got "
                    + Arrays.toString(args));
        }
        boolean ppo = args[0].equals("ppo");
        long[] seeds = args.length == 1 ? new long[] {0} : Arrays.stream(args, 1, args.length)
                .mapToLong(Long::parseLong).toArray();
        System.out.println("kernels: " + org.npg4j.nn.Kernels.description());
        for (long seed : seeds) {
            Runtime.getRuntime().gc();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Trainer trainer = ppo ? ppo(seed) : trpo(seed);
            trainer.learn(100_000);
            double secs = (System.nanoTime() - t0) * 1e-9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) * 1e-9;
            ActorCriticPolicy policy = trainer.policy();
            EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(policy, Envs.make("CartPole-v1"), 20, true, 1000);
            long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("%s seed %d: %.2f s (thread CPU %.2f s), eval %.1f ± %.1f, heap in use %.1f MB, theta hash %016x%n",
                    args[0], seed, secs, cpu, r.meanReturn(), r.stdReturn(), used / 1e6,
                    Arrays.hashCode(policy.parameters()));
        }
    }

    /** rl-baselines3-zoo {@code ppo.yml} CartPole-v1. */
    static Trainer ppo(long seed) {
        VectorEnv env = SyncVectorEnv.of(() -> new RecordEpisodeStatistics(Envs.make("CartPole-v1")), 8);
        env.reset(seed);
        ActorCriticPolicy policy = policy(env, seed);
        PpoConfig cfg = PpoConfig.builder().batchSize(256).nEpochs(20).entCoef(0.0)
                .learningRate(Schedule.linear(0.001)).clipRange(Schedule.linear(0.2)).build();
        OnPolicyAlgorithm algo = new Ppo(cfg, policy, seed + 1);
        return new Trainer(env, policy, algo, new RolloutConfig(32, 8, 0.98, 0.8, false), seed + 2);
    }

    /** rl-baselines3-zoo {@code trpo.yml} CartPole-v1. */
    static Trainer trpo(long seed) {
        VectorEnv env = SyncVectorEnv.of(() -> new RecordEpisodeStatistics(Envs.make("CartPole-v1")), 2);
        env.reset(seed);
        ActorCriticPolicy policy = policy(env, seed);
        TrpoConfig cfg = TrpoConfig.builder().batchSize(512).cgDamping(1e-3).learningRate(1e-3).nCriticUpdates(20)
                .build();
        OnPolicyAlgorithm algo = new Trpo(cfg, policy, 512 * 2, seed + 1);
        return new Trainer(env, policy, algo, new RolloutConfig(512, 2, 0.99, 0.98, false), seed + 2);
    }

    private static ActorCriticPolicy policy(VectorEnv env, long seed) {
        return Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(), new int[] {64, 64},
                new int[] {64, 64}, Activation.TANH, 0.0, seed);
    }
}
