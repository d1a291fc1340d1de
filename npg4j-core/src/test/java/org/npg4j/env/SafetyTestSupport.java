package org.npg4j.env;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/** Rolls out a policy on an env and summarizes its per-episode undiscounted cost sums. */
final class SafetyTestSupport {
    /** Mean episode return, mean episode cost, and the fraction of episodes with a positive cost. */
    record CostSummary(double meanReturn, double meanCost, double violatingFraction) {
    }

    private SafetyTestSupport() {
    }

    /** Runs {@code episodes} episodes, the first after {@code reset(seed)}; {@code policy} fills the action. */
    static CostSummary rollout(Env env, int episodes, long seed, BiConsumer<SplittableRandom, double[]> policy) {
        SplittableRandom rng = new SplittableRandom(seed + 1);
        double[] action = new double[Math.max(env.actionSpace().dim(), 1)];
        RecordEpisodeStatistics stats = new RecordEpisodeStatistics(env, episodes);
        double returns = 0.0;
        double costs = 0.0;
        int violating = 0;
        stats.reset(seed);
        for (int e = 0; e < episodes; e++) {
            if (e > 0) {
                stats.reset();
            }
            StepResult r;
            do {
                policy.accept(rng, action);
                r = env.actionSpace() instanceof Discrete ? stats.step((int) action[0]) : stats.step(action);
            } while (!r.done());
            EpisodeStatistics ep = (EpisodeStatistics) r.info().get(RecordEpisodeStatistics.EPISODE);
            returns += ep.episodeReturn();
            costs += ep.costReturns()[0];
            violating += ep.costReturns()[0] > 0 ? 1 : 0;
        }
        return new CostSummary(returns / episodes, costs / episodes, (double) violating / episodes);
    }

    /** Uniform actions in [-1, 1]^d. */
    static void uniformBox(SplittableRandom rng, double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = 2 * rng.nextDouble() - 1;
        }
    }

    /** The zero action. */
    static void stayStill(SplittableRandom rng, double[] a) {
        java.util.Arrays.fill(a, 0.0);
    }
}
