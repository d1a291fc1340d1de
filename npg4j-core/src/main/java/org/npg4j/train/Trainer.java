package org.npg4j.train;

import org.npg4j.algo.MetricKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.npg4j.algo.ConstrainedAlgorithm;
import org.npg4j.algo.CostLimit;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.env.VectorEnv;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

/**
 * The on-policy training loop shared by every algorithm: collect a rollout (n_steps × n_envs) → GAE → the
 * algorithm's update → one row of metrics → callbacks, until the requested number of env steps is reached.
 * {@code learn(total)} can be called again to continue to a larger total.
 *
 * <p>With a {@link ConstrainedAlgorithm} the collector bootstraps cost GAE with the algorithm's cost critics, the
 * algorithm is told the rollout's constraint values Ĵ_{c_i} before its update, and every row also carries
 * {@code safety/episode_cost} (Ĵ_{c_i}), {@code safety/cost_limit} (b_i) and {@code safety/cumulative_violation}
 * (Σ over the updates so far of max(0, Ĵ_{c_i} − b_i), the number that tells safe methods from the others), with a
 * suffix {@code _i} for constraints after the first.
 */
public final class Trainer {
    private final VectorEnv env;
    private final ActorCriticPolicy policy;
    private final OnPolicyAlgorithm algorithm;
    private final RolloutConfig rollout;
    private final RolloutCollector collector;
    private final RolloutBuffer buffer;
    private final List<MetricsLogger> loggers = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private final ConstrainedAlgorithm constrained;
    private final double[] cumulativeViolation;
    private int episodeCostWindow;
    private long iterations;
    private Map<String, Double> lastMetrics = Map.of();
    /** The callbacks' part of the last checkpoint read, for stateful callbacks added after it. */
    private StateMap restoredCallbackState;

    /**
     * @param env        the training envs (each wrapped in {@code RecordEpisodeStatistics} for episode metrics),
     *                   already reset with the run's seed
     * @param policy     the policy being trained
     * @param algorithm  its update
     * @param rollout    the collection settings: n_steps per env, γ and λ of GAE (its n_envs must be the env's)
     * @param actionSeed seed of the action-sampling generator
     */
    public Trainer(VectorEnv env, ActorCriticPolicy policy, OnPolicyAlgorithm algorithm, RolloutConfig rollout,
                   long actionSeed) {
        if (rollout.nEnvs() != env.numEnvs()) {
            throw new IllegalArgumentException("the rollout settings have n_envs = " + rollout.nEnvs() + ", the vector "
                    + "env has " + env.numEnvs() + " envs");
        }
        this.env = env;
        this.policy = policy;
        this.algorithm = algorithm;
        this.rollout = rollout;
        this.collector = new RolloutCollector(env, policy, actionSeed);
        this.constrained = algorithm instanceof ConstrainedAlgorithm c ? c : null;
        if (constrained != null) {
            if (env.costCount() == 0) {
                throw new IllegalArgumentException("a constrained algorithm needs an env "
                        + "with costs (see npg4j envs), not " + env.getClass().getSimpleName());
            }
            CostLimit.requireOnePerSignal(constrained.costLimits(), env.costCount());
            collector.useCostCritic(constrained.costCritic());
        }
        this.cumulativeViolation = new double[env.costCount()];
        this.buffer = new RolloutBuffer(rollout.nSteps(), env.numEnvs(), env.singleObservationSpace().dim(),
                policy.distribution().actionSize(), env.costCount());
    }

    /**
     * How a constrained algorithm's constraint values Ĵ_{c_i} are estimated: 0 (the default) = the mean cost of the
     * episodes that ended in the rollout; k in 1..100 = the mean over the last k finished episodes, as the C-TRPO
     * reference does with k = 50 (smoother when a rollout holds few episodes). The metrics
     * {@code safety/episode_cost} and {@code safety/cumulative_violation} always use the rollout's episodes, so that
     * they measure every algorithm alike.
     */
    public Trainer episodeCostWindow(int k) {
        if (k < 0 || k > 100) {
            throw new IllegalArgumentException("cost_window must be in 0..100 (0: the rollout's episodes), got " + k);
        }
        this.episodeCostWindow = k;
        return this;
    }

    public Trainer addLogger(MetricsLogger logger) {
        loggers.add(logger);
        return this;
    }

    /**
     * Adds a callback; one with {@linkplain Callback#stateName state} added after {@link #readCheckpoint} gets its
     * part of that checkpoint (if the checkpoint has one).
     */
    public Trainer addCallback(Callback callback) {
        if (callback.stateName() != null) {
            for (Callback c : callbacks) {
                if (callback.stateName().equals(c.stateName())) {
                    throw new IllegalArgumentException("two callbacks keep their state under the name '"
                            + callback.stateName() + "'");
                }
            }
            restoreCallback(callback);
        }
        callbacks.add(callback);
        return this;
    }

    private void restoreCallback(Callback c) {
        if (restoredCallbackState != null && restoredCallbackState.scope(c.stateName()).has("present")) {
            c.readState(restoredCallbackState.scope(c.stateName()));
        }
    }

    public ActorCriticPolicy policy() {
        return policy;
    }

    /** The collection settings. */
    public RolloutConfig rollout() {
        return rollout;
    }

    public OnPolicyAlgorithm algorithm() {
        return algorithm;
    }

    public RolloutCollector collector() {
        return collector;
    }

    public long timesteps() {
        return collector.timesteps();
    }

    public long iterations() {
        return iterations;
    }

    public Map<String, Double> lastMetrics() {
        return lastMetrics;
    }

    /**
     * Writes the whole training state between two updates (for checkpoints), under the scopes {@code policy/}
     * ({@code parameters}), {@code algorithm/}, {@code collector/} and {@code env/}, plus {@code iterations}.
     * Writing does not change what training does next: a run that writes checkpoints and one that does not end
     * with the same parameters.
     */
    public void writeCheckpoint(StateMap out) {
        out.putLong("iterations", iterations);
        if (constrained != null) {
            out.put("cumulative_violation", cumulativeViolation);
        }
        out.scope("policy").put("parameters", policy.parameters());
        algorithm.writeCheckpoint(out.scope("algorithm"));
        collector.writeCheckpoint(out.scope("collector"));
        env.writeCheckpoint(out.scope("env"));
        for (Callback c : callbacks) {
            if (c.stateName() != null) {
                StateMap scope = out.scope("callback").scope(c.stateName());
                scope.putLong("present", 1);
                c.writeState(scope);
            }
        }
    }

    /**
     * Restores a state written by {@link #writeCheckpoint} of a like trainer (same algorithm, env, number of envs,
     * architecture), after which {@link #learn} continues exactly as the trainer that wrote it would have. The states
     * of stateful callbacks go to the callbacks of the same name, now or when they are added.
     */
    public void readCheckpoint(StateMap in) {
        long it = in.longValue("iterations");
        if (it < 0) {
            throw new IllegalArgumentException("checkpoint iterations must be non-negative, got " + it);
        }
        double[] theta = in.scope("policy").doubles("parameters", policy.parameterCount());
        double[] violation = constrained != null ? in.doubles("cumulative_violation", cumulativeViolation.length) : null;
        algorithm.readCheckpoint(in.scope("algorithm"));
        collector.readCheckpoint(in.scope("collector"));
        env.readCheckpoint(in.scope("env"));
        System.arraycopy(theta, 0, policy.parameters(), 0, theta.length);
        if (violation != null) {
            System.arraycopy(violation, 0, cumulativeViolation, 0, violation.length);
        }
        iterations = it;
        restoredCallbackState = in.scope("callback");
        for (Callback c : callbacks) {
            if (c.stateName() != null) {
                restoreCallback(c);
            }
        }
    }

    /** Trains until {@code totalTimesteps} env steps (summed over envs) have been taken, or a callback stops it. */
    public Trainer learn(long totalTimesteps) {
        long start = System.nanoTime();
        long startSteps = collector.timesteps();
        while (collector.timesteps() < totalTimesteps) {
            collector.collect(buffer, rollout.gamma(), rollout.gaeLambda());
            iterations++;
            boolean go = true;
            for (Callback c : callbacks) {
                go &= c.onRolloutEnd(this);
            }
            double progressRemaining = Math.max(0.0, 1.0 - (double) collector.timesteps() / totalTimesteps);
            double[] episodeCost = new double[env.costCount()];
            for (int i = 0; i < episodeCost.length; i++) {
                episodeCost[i] = collector.rolloutEpisodeCost(i);
            }
            if (constrained != null) {
                double[] estimate = episodeCost;
                if (episodeCostWindow > 0) {
                    estimate = new double[episodeCost.length];
                    for (int i = 0; i < estimate.length; i++) {
                        estimate[i] = collector.meanEpisodeCost(i, episodeCostWindow);
                    }
                }
                constrained.observeEpisodeCosts(estimate);
            }
            Map<String, Double> trained = algorithm.train(buffer, progressRemaining);
            double elapsed = (System.nanoTime() - start) * 1e-9;
            Map<String, Double> row = new LinkedHashMap<>();
            row.put(MetricKeys.ITERATIONS, (double) iterations);
            row.put(MetricKeys.TOTAL_TIMESTEPS, (double) collector.timesteps());
            row.put(MetricKeys.TIME_ELAPSED, elapsed);
            row.put(MetricKeys.FPS, (collector.timesteps() - startSteps) / Math.max(elapsed, 1e-9));
            row.put(MetricKeys.EP_REW_MEAN, collector.meanEpisodeReturn());
            row.put(MetricKeys.EP_LEN_MEAN, collector.meanEpisodeLength());
            for (int i = 0; i < env.costCount(); i++) {
                row.put(MetricKeys.indexed(MetricKeys.EP_COST_MEAN, i), collector.meanEpisodeCost(i));
            }
            if (constrained != null) {
                double[] limits = constrained.costLimits();
                for (int i = 0; i < episodeCost.length; i++) {
                    String suffix = i == 0 ? "" : "_" + i;
                    if (!Double.isNaN(episodeCost[i])) {
                        cumulativeViolation[i] += Math.max(0.0, episodeCost[i] - limits[i]);
                    }
                    row.put(MetricKeys.EPISODE_COST + suffix, episodeCost[i]);
                    row.put(MetricKeys.COST_LIMIT + suffix, limits[i]);
                    row.put(MetricKeys.CUMULATIVE_VIOLATION + suffix, cumulativeViolation[i]);
                }
            }
            row.putAll(trained);
            lastMetrics = row;
            for (MetricsLogger l : loggers) {
                l.record(row);
            }
            for (Callback c : callbacks) {
                go &= c.afterUpdate(this, row);
            }
            if (!go) {
                break;
            }
        }
        return this;
    }
}
