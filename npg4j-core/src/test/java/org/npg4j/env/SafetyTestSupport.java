package org.npg4j.env;

import java.util.SplittableRandom;

/** Rolls out a policy on an env and summarizes its per-episode undiscounted cost sums. */
final class SafetyTestSupport {
    /** Mean episode return, mean episode cost, and the fraction of episodes with a positive cost. */
    record CostSummary(double meanReturn, double meanCost, double violatingFraction) {
    }

    /** Fills the action from the current observation (not to be modified). */
    @FunctionalInterface
    interface Policy {
        void act(SplittableRandom rng, double[] observation, double[] action);
    }

    /** Uniform actions in [-1, 1]^d. */
    static final Policy UNIFORM = (rng, o, a) -> uniformBox(rng, a);
    /** The zero action. */
    static final Policy STILL = (rng, o, a) -> java.util.Arrays.fill(a, 0.0);

    private SafetyTestSupport() {
    }

    /** Runs {@code episodes} episodes, the first after {@code reset(seed)}; {@code policy} fills the action. */
    static CostSummary rollout(Env env, int episodes, long seed, Policy policy) {
        SplittableRandom rng = new SplittableRandom(seed + 1);
        double[] action = new double[Math.max(env.actionSpace().dim(), 1)];
        RecordEpisodeStatistics stats = new RecordEpisodeStatistics(env, episodes);
        double returns = 0.0;
        double costs = 0.0;
        int violating = 0;
        StepResult r = stats.reset(seed);
        for (int e = 0; e < episodes; e++) {
            if (e > 0) {
                r = stats.reset();
            }
            do {
                policy.act(rng, r.observation(), action);
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
}
