package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.npg4j.env.Env;

/**
 * The sample-efficiency targets that CI checks: PPO and TRPO with rl-baselines3-zoo's CartPole-v1 presets reach a
 * mean return of at least 475 over 20 deterministic evaluation episodes after 1e5 steps, for seeds 0, 1 and 2 (the
 * zoo publishes 500 ± 0 for both). The run goes through the same factory and presets as {@code npg4j train}.
 */
class ZooCartPoleTest {
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"ppo, 0", "ppo, 1", "ppo, 2", "trpo, 0", "trpo, 1", "trpo, 2"})
    void zooPresetSolvesCartPole(String algo, long seed) {
        ObjectNode preset = Presets.find(algo, "CartPole-v1").orElseThrow();
        try (TrainingSetup run = Algorithms.build(algo, "CartPole-v1", preset, seed, 1)) {
            long t0 = System.nanoTime();
            run.learn();
            double secs = (System.nanoTime() - t0) * 1e-9;
            EpisodeEvaluation.Result r;
            try (Env env = run.evaluationEnv()) {
                r = EpisodeEvaluation.evaluate(run.policy(), env, 20, true, run.seeds().evaluation());
            }
            System.out.printf(java.util.Locale.ROOT, "%s CartPole-v1 seed %d: %s after %d steps in %.1f s%n", algo,
                    seed, r, run.trainer().timesteps(), secs);
            assertTrue(run.trainer().timesteps() >= 100_000);
            assertTrue(r.meanReturn() >= 475, algo + " seed " + seed + ": " + r);
        }
    }
}
