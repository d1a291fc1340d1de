package org.npg4j.train;

import java.util.SplittableRandom;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.StepResult;
import org.npg4j.policy.ActorCriticPolicy;

/**
 * Monte-Carlo evaluation of a policy on its own env: full episodes (to termination or truncation), deterministic
 * (the distribution's mode) or sampled actions, seeded.
 */
public final class EpisodeEvaluation {
    private EpisodeEvaluation() {
    }

    /**
     * Mean and standard deviation of the undiscounted episode return and length, and the mean undiscounted episode
     * cost of each cost signal, all over the same episodes of the same policy.
     *
     * @param meanCosts    one mean episode cost per cost signal of the env (empty for an env without costs)
     * @param returns      per-episode returns
     * @param episodeCosts per cost signal, the undiscounted cost of each episode (episodeCosts[i][k])
     */
    public record Result(double meanReturn, double stdReturn, double meanLength, double[] meanCosts, double[] returns,
                         double[][] episodeCosts) {
        /**
         * The standard deviation over episodes of cost signal i's episode cost (population form, as
         * {@link #stdReturn}): with few episodes a mean near its limit is no verdict, and this says how near is near.
         */
        public double stdCost(int i) {
            double var = 0;
            for (double c : episodeCosts[i]) {
                var += (c - meanCosts[i]) * (c - meanCosts[i]) / episodeCosts[i].length;
            }
            return Math.sqrt(var);
        }

        /**
         * Whether the mean episode cost of each constraint is within its per-episode limit, J_{c_i} ≤ b_i (the
         * constraint of a constrained MDP bounds the expected episode cost; its Monte-Carlo estimate is compared).
         *
         * @param limits one limit per cost signal
         */
        public boolean[] meets(double[] limits) {
            if (limits.length != meanCosts.length) {
                throw new IllegalArgumentException(limits.length + " cost limits for " + meanCosts.length
                        + " cost signals");
            }
            boolean[] met = new boolean[limits.length];
            for (int i = 0; i < limits.length; i++) {
                met[i] = meanCosts[i] <= limits[i];
            }
            return met;
        }

        /** Whether every constraint is met ({@link #meets}). */
        public boolean meetsAll(double[] limits) {
            for (boolean b : meets(limits)) {
                if (!b) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.2f +/- %.2f (length %.1f)", meanReturn, stdReturn, meanLength);
        }
    }

    /** Runs {@code episodes} episodes; episode k is reset with seed {@code seed + k}. */
    public static Result evaluate(ActorCriticPolicy policy, Env env, int episodes, boolean deterministic, long seed) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be at least 1, got " + episodes);
        }
        int ad = policy.distribution().actionSize();
        boolean discrete = !(env.actionSpace() instanceof Box);
        double[] action = new double[ad];
        double[] returns = new double[episodes];
        double[] costs = new double[env.costCount()];
        double[][] episodeCosts = new double[env.costCount()][episodes];
        double lengths = 0;
        SplittableRandom rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int k = 0; k < episodes; k++) {
            StepResult r = env.reset(seed + k);
            double[] obs = r.observation().clone();
            double ret = 0;
            int len = 0;
            while (true) {
                if (deterministic) {
                    policy.actDeterministic(obs, 0, action, 0);
                } else {
                    policy.act(obs, 0, rng, action, 0);
                }
                if (discrete) {
                    r = env.step((int) action[0]);
                } else {
                    Box box = (Box) env.actionSpace();
                    for (int j = 0; j < ad; j++) {
                        action[j] = Math.min(Math.max(action[j], box.low(j)), box.high(j));
                    }
                    r = env.step(action);
                }
                ret += r.reward();
                for (int i = 0; i < costs.length; i++) {
                    costs[i] += r.costs()[i] / episodes;
                    episodeCosts[i][k] += r.costs()[i];
                }
                len++;
                System.arraycopy(r.observation(), 0, obs, 0, obs.length);
                if (r.done()) {
                    break;
                }
            }
            returns[k] = ret;
            lengths += len;
        }
        double mean = 0;
        for (double x : returns) {
            mean += x / episodes;
        }
        double var = 0;
        for (double x : returns) {
            var += (x - mean) * (x - mean) / episodes;
        }
        return new Result(mean, Math.sqrt(var), lengths / episodes, costs, returns, episodeCosts);
    }
}
