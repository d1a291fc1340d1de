package org.npg4j.train;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;
import org.npg4j.env.Box;
import org.npg4j.env.EpisodeStatistics;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.VectorEnv;
import org.npg4j.math.RandomState;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActionDistribution;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;

/**
 * Collects on-policy rollouts from a vector env into a {@link RolloutBuffer} (SB3's {@code collect_rollouts}):
 * per step, one batched forward pass gives the action distributions and values of all envs; actions are sampled
 * with the collector's own generator; Box actions are clipped to the space before stepping (the buffer keeps the
 * sampled action); a truncated episode's last reward is bootstrapped with γ·V(final observation). Finished
 * episodes' statistics (from {@link RecordEpisodeStatistics} wrappers) feed the last-100-episodes means.
 *
 * <p>On a constrained env the costs are stored too. With a {@link CostCritic} ({@link #useCostCritic}), its cost
 * values V_{c_i}(s) are stored beside them and bootstrap the cost GAE exactly as V does the reward's (truncation:
 * γ·V_{c_i}(final observation) added to the last cost; after the last step: V_{c_i} of the next observations);
 * without one the cost values are 0, so cost advantages are discounted cost-to-go sums.
 */
public final class RolloutCollector {
    private final VectorEnv env;
    private final ActorCriticPolicy policy;
    private SplittableRandom rng;
    private final int n;
    private final int obsDim;
    private final int actionDim;
    private final int costDim;
    private final boolean discrete;
    private final Box actionBox;
    private final double[] obs;
    private final double[] phi;
    private final double[] psi;
    private final double[] actions;
    private final double[] clipped;
    private final int[] discreteActions;
    private final double[] logProbs;
    private final double[] values;
    private final double[] rewards;
    private final double[] zeroCostValues;
    private CostCritic costCritic;
    private double[] costValues;
    private double[] finalCostValues;
    private final double[] rolloutCostSums;
    private int rolloutEpisodes;
    private final boolean[] episodeStarts;
    private final double[] finalValue = new double[1];
    private final ArrayDeque<EpisodeStatistics> episodes = new ArrayDeque<>(100);
    private long timesteps;
    private long episodeCount;

    /**
     * @param env    the vector env, already reset
     * @param policy the policy acting
     * @param seed   the seed of the action-sampling generator
     */
    public RolloutCollector(VectorEnv env, ActorCriticPolicy policy, long seed) {
        this.env = env;
        this.policy = policy;
        this.rng = new SplittableRandom(seed);
        this.n = env.numEnvs();
        this.obsDim = env.singleObservationSpace().dim();
        this.actionDim = policy.distribution().actionSize();
        this.costDim = env.costCount();
        this.discrete = !(env.singleActionSpace() instanceof Box);
        this.actionBox = discrete ? null : (Box) env.singleActionSpace();
        this.obs = new double[n * obsDim];
        this.phi = new double[n * policy.distribution().parameterSize()];
        this.psi = new double[policy.distribution().sharedParameterSize()];
        this.actions = new double[n * actionDim];
        this.clipped = new double[n * actionDim];
        this.discreteActions = new int[n];
        this.logProbs = new double[n];
        this.values = new double[n];
        this.rewards = new double[n];
        this.zeroCostValues = new double[Math.max(1, n * costDim)];
        this.rolloutCostSums = new double[costDim];
        this.episodeStarts = new boolean[n];
        java.util.Arrays.fill(episodeStarts, true);
        System.arraycopy(env.observations(), 0, obs, 0, n * obsDim);
    }

    /**
     * Uses {@code critic} for the cost values of a constrained env (see the class comment).
     *
     * @throws IllegalArgumentException if its number of constraints is not the env's
     */
    public void useCostCritic(CostCritic critic) {
        if (critic.costCount() != costDim) {
            throw new IllegalArgumentException("the env reports " + costDim + " cost signals, the cost critic has "
                    + critic.costCount());
        }
        this.costCritic = critic;
        this.costValues = new double[n * costDim];
        this.finalCostValues = new double[costDim];
    }

    /** Env steps taken so far, summed over envs. */
    public long timesteps() {
        return timesteps;
    }

    public long episodes() {
        return episodeCount;
    }

    /** Restores the step and episode counters (for a resumed run). */
    public void restoreCounters(long steps, long episodes) {
        this.timesteps = steps;
        this.episodeCount = episodes;
    }

    /**
     * Writes the collector's state between rollouts: {@code observations} (the policy's next inputs, as the
     * wrappers returned them), {@code episode_starts}, {@code timesteps}, {@code episodes}, {@code recent}
     * (the last 100 episodes, {@link EpisodeStatistics#flatten}) and {@code rng} (the action-sampling generator).
     */
    public void writeCheckpoint(StateMap out) {
        out.put("observations", obs);
        out.put("episode_starts", episodeStarts);
        out.putLong("timesteps", timesteps);
        out.putLong("episodes", episodeCount);
        out.put("recent", EpisodeStatistics.flatten(episodes, costDim));
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
    }

    /** Restores what {@link #writeCheckpoint} wrote (the vector env is restored separately). */
    public void readCheckpoint(StateMap in) {
        double[] o = in.doubles("observations", obs.length);
        boolean[] starts = in.flags("episode_starts", n);
        long steps = in.longValue("timesteps");
        long count = in.longValue("episodes");
        var recent = EpisodeStatistics.unflatten(in.doubles("recent", -1), costDim);
        if (steps < 0 || count < 0 || recent.size() > 100) {
            throw new IllegalArgumentException("checkpoint collector counters are invalid: timesteps " + steps
                    + ", episodes " + count + ", recent " + recent.size());
        }
        SplittableRandom r = RandomState.restore(in.longValue("rng"));
        System.arraycopy(o, 0, obs, 0, obs.length);
        System.arraycopy(starts, 0, episodeStarts, 0, n);
        timesteps = steps;
        episodeCount = count;
        episodes.clear();
        episodes.addAll(recent);
        rng = r;
    }

    /** Statistics of the last (up to) 100 finished episodes. */
    public ArrayDeque<EpisodeStatistics> recentEpisodes() {
        return episodes;
    }

    /** Fills the buffer with {@code buffer.nSteps()} steps of every env and computes GAE. */
    public void collect(RolloutBuffer buffer, double gamma, double gaeLambda) {
        buffer.reset();
        java.util.Arrays.fill(rolloutCostSums, 0.0);
        rolloutEpisodes = 0;
        double[] stepCostValues = costCritic != null ? costValues : zeroCostValues;
        double[] truncationCostValues = costCritic != null ? finalCostValues : zeroCostValues;
        ActionDistribution dist = policy.distribution();
        int ps = dist.parameterSize();
        while (!buffer.isFull()) {
            policy.distributionParameters(obs, n, phi, psi);
            policy.predictValues(obs, n, values);
            if (costCritic != null) {
                costCritic.predict(obs, n, costValues);
            }
            for (int i = 0; i < n; i++) {
                dist.sample(phi, i * ps, psi, 0, rng, actions, i * actionDim);
                logProbs[i] = dist.logProb(phi, i * ps, psi, 0, actions, i * actionDim);
            }
            if (discrete) {
                for (int i = 0; i < n; i++) {
                    discreteActions[i] = (int) actions[i];
                }
                env.step(discreteActions);
            } else {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < actionDim; j++) {
                        double a = actions[i * actionDim + j];
                        clipped[i * actionDim + j] = Math.min(Math.max(a, actionBox.low(j)), actionBox.high(j));
                    }
                }
                env.step(clipped);
            }
            timesteps += n;
            System.arraycopy(env.rewards(), 0, rewards, 0, n);
            buffer.add(obs, actions, logProbs, values, rewards, episodeStarts, env.costs(), stepCostValues);
            boolean[] term = env.terminated();
            boolean[] trunc = env.truncated();
            for (int i = 0; i < n; i++) {
                boolean done = term[i] || trunc[i];
                if (done) {
                    recordEpisode(env.finalInfo(i));
                    if (trunc[i] && !term[i]) {
                        policy.predictValues(env.finalObservation(i), 1, finalValue);
                        if (costCritic != null) {
                            costCritic.predictOne(env.finalObservation(i), 0, finalCostValues);
                        }
                        buffer.bootstrapTruncation(i, gamma, finalValue[0], truncationCostValues);
                    }
                }
                episodeStarts[i] = done;
            }
            System.arraycopy(env.observations(), 0, obs, 0, n * obsDim);
        }
        policy.predictValues(obs, n, values);
        if (costCritic != null) {
            costCritic.predict(obs, n, costValues);
        }
        buffer.computeReturnsAndAdvantage(values, episodeStarts, stepCostValues, gamma, gaeLambda);
    }

    private void recordEpisode(Map<String, Object> info) {
        Object e = info.get(RecordEpisodeStatistics.EPISODE);
        if (e instanceof EpisodeStatistics stats) {
            if (episodes.size() == 100) {
                episodes.removeFirst();
            }
            episodes.addLast(stats);
            episodeCount++;
            for (int c = 0; c < costDim; c++) {
                rolloutCostSums[c] += stats.costReturns()[c];
            }
            rolloutEpisodes++;
        }
    }

    /** Mean return of the recent episodes, NaN before the first one ends. */
    public double meanEpisodeReturn() {
        return episodes.stream().mapToDouble(EpisodeStatistics::episodeReturn).average().orElse(Double.NaN);
    }

    /** Mean length of the recent episodes, NaN before the first one ends. */
    public double meanEpisodeLength() {
        return episodes.stream().mapToDouble(EpisodeStatistics::length).average().orElse(Double.NaN);
    }

    /** Episodes that ended during the last {@link #collect}. */
    public int rolloutEpisodes() {
        return rolloutEpisodes;
    }

    /**
     * The constraint value Ĵ_{c_i} of the last rollout: the mean undiscounted cost of constraint {@code i} over the
     * episodes that ended during it; when none did, the mean over the last 100 episodes (NaN before the first).
     */
    public double rolloutEpisodeCost(int i) {
        return rolloutEpisodes > 0 ? rolloutCostSums[i] / rolloutEpisodes : meanEpisodeCost(i);
    }

    /**
     * Mean undiscounted cost of constraint {@code i} over the last {@code k} finished episodes (fewer when fewer have
     * ended, at most the 100 kept); NaN before the first.
     */
    public double meanEpisodeCost(int i, int k) {
        int skip = Math.max(0, episodes.size() - k);
        return episodes.stream().skip(skip).mapToDouble(s -> s.costReturns()[i]).average().orElse(Double.NaN);
    }

    /** Mean undiscounted episode cost of constraint {@code i} over the recent episodes. */
    public double meanEpisodeCost(int i) {
        return episodes.stream().mapToDouble(s -> s.costReturns()[i]).average().orElse(Double.NaN);
    }
}
