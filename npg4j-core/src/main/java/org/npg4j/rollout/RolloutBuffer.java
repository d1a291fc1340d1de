package org.npg4j.rollout;

import java.util.SplittableRandom;

/**
 * The on-policy rollout of {@code nSteps} steps of {@code nEnvs} environments, stored flat with index
 * {@code i = step * nEnvs + env}: observations (obsDim each), actions (actionDim each; a discrete action is stored
 * as its index), log-probabilities, values, rewards, episode starts, and, for constrained tasks, {@code costDim}
 * cost signals with their cost values. After {@link #computeReturnsAndAdvantage} it holds GAE(λ) advantages and
 * λ-returns for the reward and for each cost.
 *
 * <p>Bootstrapping (as Stable-Baselines3): when an episode is <em>truncated</em> (time limit), the collector adds
 * γ·V(final observation) to the last reward with {@link #bootstrapTruncation}, so the return continues past
 * the cut; when it <em>terminates</em>, nothing is added and the next step is an episode start, which zeroes the
 * bootstrap in GAE. All arrays are allocated once; {@link #reset} reuses them.
 */
public final class RolloutBuffer {
    private final int nSteps;
    private final int nEnvs;
    private final int obsDim;
    private final int actionDim;
    private final int costDim;
    private final double[] observations;
    private final double[] actions;
    private final double[] logProbs;
    private final double[] values;
    private final double[] rewards;
    private final boolean[] episodeStarts;
    private final double[] advantages;
    private final double[] returns;
    private final double[] costs;
    private final double[] costValues;
    private final double[] costAdvantages;
    private final double[] costReturns;
    private int pos;

    public RolloutBuffer(int nSteps, int nEnvs, int obsDim, int actionDim, int costDim) {
        if (nSteps < 1 || nEnvs < 1 || obsDim < 1 || actionDim < 1 || costDim < 0) {
            throw new IllegalArgumentException("rollout buffer sizes must be positive: n_steps=" + nSteps
                    + ", n_envs=" + nEnvs + ", obs_dim=" + obsDim + ", action_dim=" + actionDim + ", cost_dim=" + costDim);
        }
        this.nSteps = nSteps;
        this.nEnvs = nEnvs;
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.costDim = costDim;
        int n = nSteps * nEnvs;
        observations = new double[n * obsDim];
        actions = new double[n * actionDim];
        logProbs = new double[n];
        values = new double[n];
        rewards = new double[n];
        episodeStarts = new boolean[n];
        advantages = new double[n];
        returns = new double[n];
        costs = new double[n * costDim];
        costValues = new double[n * costDim];
        costAdvantages = new double[n * costDim];
        costReturns = new double[n * costDim];
    }

    public int nSteps() {
        return nSteps;
    }

    public int nEnvs() {
        return nEnvs;
    }

    /** Total transitions, nSteps·nEnvs. */
    public int size() {
        return nSteps * nEnvs;
    }

    public int obsDim() {
        return obsDim;
    }

    public int actionDim() {
        return actionDim;
    }

    public int costDim() {
        return costDim;
    }

    public boolean isFull() {
        return pos == nSteps;
    }

    /** Steps stored so far. */
    public int position() {
        return pos;
    }

    /** Empties the buffer (keeps the arrays). */
    public void reset() {
        pos = 0;
    }

    /**
     * Stores one step of all envs: batched observations that were acted on (nEnvs·obsDim), actions
     * (nEnvs·actionDim), their log-probabilities and values, the rewards received, whether each observation was the
     * first of an episode, and the costs (nEnvs·costDim, ignored when costDim = 0) with their cost values.
     */
    public void add(double[] obs, double[] act, double[] logProb, double[] value, double[] reward, boolean[] episodeStart,
                    double[] cost, double[] costValue) {
        if (pos >= nSteps) {
            throw new IllegalStateException("rollout buffer is full (" + nSteps + " steps)");
        }
        int base = pos * nEnvs;
        System.arraycopy(obs, 0, observations, base * obsDim, nEnvs * obsDim);
        System.arraycopy(act, 0, actions, base * actionDim, nEnvs * actionDim);
        System.arraycopy(logProb, 0, logProbs, base, nEnvs);
        System.arraycopy(value, 0, values, base, nEnvs);
        System.arraycopy(reward, 0, rewards, base, nEnvs);
        System.arraycopy(episodeStart, 0, episodeStarts, base, nEnvs);
        if (costDim > 0) {
            System.arraycopy(cost, 0, costs, base * costDim, nEnvs * costDim);
            System.arraycopy(costValue, 0, costValues, base * costDim, nEnvs * costDim);
        }
        pos++;
    }

    /**
     * Adds γ·V(s_final) to the reward of the step just added for env {@code env}, whose episode was truncated, and
     * γ·V_c(s_final) to each of its costs (the cost values of the final observation, may be null if costDim = 0).
     */
    public void bootstrapTruncation(int env, double gamma, double finalValue, double[] finalCostValues) {
        int i = (pos - 1) * nEnvs + env;
        rewards[i] += gamma * finalValue;
        for (int c = 0; c < costDim; c++) {
            costs[i * costDim + c] += gamma * finalCostValues[c];
        }
    }

    /**
     * GAE(λ) (Schulman et al. 2016) over the stored steps:
     * δ_t = r_t + γ V(s_{t+1}) (1 - done_{t+1}) - V(s_t), Â_t = δ_t + γλ (1 - done_{t+1}) Â_{t+1}, and the λ-return
     * R_t = Â_t + V(s_t), computed backwards per env. {@code lastValues} are V of the observations following the last
     * step, {@code lastEpisodeStarts} whether those observations start new episodes (then they are not bootstrapped).
     * The same recursion runs for every cost channel with {@code lastCostValues} (nEnvs·costDim).
     */
    public void computeReturnsAndAdvantage(double[] lastValues, boolean[] lastEpisodeStarts, double[] lastCostValues,
                                           double gamma, double gaeLambda) {
        if (!isFull()) {
            throw new IllegalStateException("GAE needs a full rollout: " + pos + " of " + nSteps + " steps stored");
        }
        Gae.compute(nSteps, nEnvs, 1, rewards, values, episodeStarts, lastValues, lastEpisodeStarts, gamma, gaeLambda,
                advantages, returns);
        if (costDim > 0) {
            Gae.compute(nSteps, nEnvs, costDim, costs, costValues, episodeStarts, lastCostValues, lastEpisodeStarts,
                    gamma, gaeLambda, costAdvantages, costReturns);
        }
    }

    /** A random permutation of the transition indices, for minibatches (Fisher-Yates with the given RNG). */
    public int[] shuffledIndices(SplittableRandom rng, int[] reuse) {
        int n = size();
        int[] idx = reuse != null && reuse.length == n ? reuse : new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** Copies the observations of the given transitions into {@code out} (count·obsDim). */
    public void gatherObservations(int[] idx, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            System.arraycopy(observations, idx[from + k] * obsDim, out, k * obsDim, obsDim);
        }
    }

    /** Copies the actions of the given transitions into {@code out} (count·actionDim). */
    public void gatherActions(int[] idx, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            System.arraycopy(actions, idx[from + k] * actionDim, out, k * actionDim, actionDim);
        }
    }

    /** Copies a per-transition scalar array (one of this buffer's getters' sources) for the given transitions. */
    public static void gather(double[] source, int[] idx, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            out[k] = source[idx[from + k]];
        }
    }

    /** Observations, flat (size·obsDim); the buffer's own array, read-only by contract. */
    public double[] observations() {
        return observations;
    }

    public double[] actions() {
        return actions;
    }

    public double[] logProbs() {
        return logProbs;
    }

    public double[] values() {
        return values;
    }

    public double[] rewards() {
        return rewards;
    }

    public boolean[] episodeStarts() {
        return episodeStarts;
    }

    public double[] advantages() {
        return advantages;
    }

    public double[] returns() {
        return returns;
    }

    public double[] costs() {
        return costs;
    }

    public double[] costValues() {
        return costValues;
    }

    public double[] costAdvantages() {
        return costAdvantages;
    }

    public double[] costReturns() {
        return costReturns;
    }

    /**
     * Normalizes {@code x} in place to mean 0 and standard deviation 1 (population std + 1e-8, as SB3 does per
     * minibatch); returns the mean and std used.
     */
    public static double[] normalizeInPlace(double[] x, int from, int count) {
        double mean = 0;
        for (int i = from; i < from + count; i++) {
            mean += x[i];
        }
        mean /= count;
        double var = 0;
        for (int i = from; i < from + count; i++) {
            double d = x[i] - mean;
            var += d * d;
        }
        double std = count > 1 ? Math.sqrt(var / (count - 1)) : 0.0;
        for (int i = from; i < from + count; i++) {
            x[i] = (x[i] - mean) / (std + 1e-8);
        }
        return new double[] {mean, std};
    }

    @Override
    public String toString() {
        return "RolloutBuffer[n_steps=" + nSteps + ", n_envs=" + nEnvs + ", obs_dim=" + obsDim + ", stored=" + pos
                + ", cost_dim=" + costDim + "]";
    }
}
