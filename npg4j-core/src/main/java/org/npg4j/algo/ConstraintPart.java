package org.npg4j.algo;

import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;

/**
 * What CPO and PCPO share besides their step: the m ≥ 1 cost constraints with their limits b_i and the observed
 * episode costs Ĵ_{c_i}, the reward and cost critics with their fits, the update counter, and their checkpoint entries
 * ({@code critic/}, {@code cost_critic/}, {@code updates}).
 */
final class ConstraintPart {
    private final String algorithm;
    final CostCritic costCritic;
    private final CriticFit critic;
    private final CostCriticFit costFit;
    /** The number of constraints m. */
    final int m;
    /** The per-episode limits b_i. */
    private final double[] limits;
    /** Ĵ_{c_i} of the rollout about to be trained on (NaN before an episode has ended). */
    private final double[] episodeCosts;
    /** Updates so far. */
    long updates;

    /**
     * @param algorithm       the name in messages ({@code CPO})
     * @param limits          the configured cost limits, one per cost signal of the critic
     * @param batchSize       the critics' minibatch size
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critic's minibatch shuffling
     */
    ConstraintPart(String algorithm, double[] limits, ActorCriticPolicy policy, CostCritic costCritic, int batchSize,
                   long shuffleSeed, long costShuffleSeed) {
        this.m = costCritic.costCount();
        DualQp.checkSize(m);
        CostLimit.requireOnePerSignal(limits, m);
        this.algorithm = algorithm;
        this.costCritic = costCritic;
        this.critic = new CriticFit(policy, batchSize, shuffleSeed);
        this.costFit = new CostCriticFit(costCritic, batchSize, costShuffleSeed);
        this.limits = limits.clone();
        this.episodeCosts = new double[m];
        java.util.Arrays.fill(episodeCosts, Double.NaN);
    }

    double[] limits() {
        return limits.clone();
    }

    /** The limit b_i. */
    double limit(int i) {
        return limits[i];
    }

    /** Ĵ_{c_i} of the last {@link #observe} (NaN before an episode has ended). */
    double episodeCost(int i) {
        return episodeCosts[i];
    }

    /** c_i = Ĵ_{c_i} − b_i of every constraint ({@link LinearizedCost#constraintValue}). */
    double[] constraintValues() {
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            c[i] = LinearizedCost.constraintValue(episodeCosts[i], limits[i]);
        }
        return c;
    }

    void observe(double[] costs) {
        if (costs.length != m) {
            throw new IllegalArgumentException("expected " + m + " episode cost" + (m == 1 ? "" : "s") + ", got "
                    + costs.length);
        }
        System.arraycopy(costs, 0, episodeCosts, 0, m);
    }

    /**
     * Fits both critics by {@code epochs} epochs of minibatch Adam at step size {@code lr}, counts the update and
     * returns {value loss, cost value loss}.
     */
    double[] fitCriticsAndCount(RolloutBuffer buffer, int epochs, int batchSize, double lr) {
        double valueLoss = critic.fit(buffer, epochs, batchSize, lr);
        Check.finite(algorithm, updates, "value loss", valueLoss);
        double costValueLoss = costFit.fit(buffer, epochs, batchSize, lr);
        Check.finite(algorithm, updates, "cost value loss", costValueLoss);
        updates++;
        return new double[] {valueLoss, costValueLoss};
    }

    void writeCheckpoint(StateMap out) {
        critic.writeCheckpoint(out.scope("critic"));
        costFit.writeCheckpoint(out.scope("cost_critic"));
        out.putLong("updates", updates);
    }

    void readCheckpoint(StateMap in) {
        critic.readCheckpoint(in.scope("critic"));
        costFit.readCheckpoint(in.scope("cost_critic"));
        updates = in.longValue("updates");
    }
}
