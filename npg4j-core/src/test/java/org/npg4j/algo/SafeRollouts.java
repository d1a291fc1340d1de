package org.npg4j.algo;

import java.util.SplittableRandom;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.RolloutBuffer;

/** Synthetic constrained rollouts for the C-TRPO and C3PO tests. */
final class SafeRollouts {
    private SafeRollouts() {
    }

    /**
     * n steps of one env over random Gaussian states (4 inputs), actions sampled from the policy, 16-step episodes;
     * the cost is 1 for "risky" actions (action 0 of a discrete policy, a first coordinate above 0.3 of a continuous
     * one) and the reward is {@code rewardOnCost}·cost plus noise, so the reward pulls towards cost when it is
     * positive. Cost values are 0 (cost GAE on the raw costs); old log-probs are the policy's own plus
     * {@code logProbNoise}·N(0, 1).
     */
    static RolloutBuffer rollout(ActorCriticPolicy p, int n, long seed, double rewardOnCost, double logProbNoise) {
        SplittableRandom rng = new SplittableRandom(seed);
        int ad = p.distribution().actionSize();
        boolean discrete = p.logStdOffset() == p.actorParameterCount();
        RolloutBuffer buf = new RolloutBuffer(n, 1, 4, ad, 1);
        double[] obs = new double[4], act = new double[ad], lp = new double[1], v = new double[1];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < 4; j++) {
                obs[j] = rng.nextGaussian();
            }
            p.act(obs, 0, rng, act, 0);
            p.evaluateActions(obs, act, 1, lp, null, v);
            lp[0] += logProbNoise * rng.nextGaussian();
            double cost = discrete ? (act[0] == 0 ? 1 : 0) : (act[0] > 0.3 ? 1 : 0);
            double reward = rewardOnCost * cost + 0.5 * rng.nextGaussian();
            buf.add(obs, act, lp, v, new double[] {reward}, new boolean[] {t % 16 == 0}, new double[] {cost},
                    new double[] {0.0});
        }
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[] {0}, 0.99, 0.95);
        return buf;
    }
}
