package org.npg4j.algo;

import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;

/**
 * What CPO and PCPO share besides their step: one cost constraint with its limit b and the observed episode cost
 * Ĵ_c, the reward and cost critics with their fits, the update counter, and their checkpoint entries ({@code critic/},
 * {@code cost_critic/}, {@code updates}).
 */
final class SingleConstraintPart {
    private final String algorithm;
    final CostCritic costCritic;
    private final CriticFit critic;
    private final CostCriticFit costFit;
    /** The per-episode limit b. */
    final double limit;
    /** Ĵ_c of the rollout about to be trained on (NaN before an episode has ended). */
    double episodeCost = Double.NaN;
    /** Updates so far. */
    long updates;

    /**
     * @param algorithm       the name in messages ({@code CPO})
     * @param why             why one constraint only, for the refusal of several
     * @param limits          the configured cost limits (one)
     * @param batchSize       the critics' minibatch size
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critic's minibatch shuffling
     */
    SingleConstraintPart(String algorithm, String why, double[] limits, ActorCriticPolicy policy,
                         CostCritic costCritic, int batchSize, long shuffleSeed, long costShuffleSeed) {
        if (costCritic.costCount() != 1) {
            throw new IllegalArgumentException(algorithm.toLowerCase(java.util.Locale.ROOT) + " handles exactly one "
                    + "cost constraint (" + why + "), the env reports " + costCritic.costCount() + " cost signals");
        }
        CostLimit.requireOnePerSignal(limits, 1);
        this.algorithm = algorithm;
        this.costCritic = costCritic;
        this.critic = new CriticFit(policy, batchSize, shuffleSeed);
        this.costFit = new CostCriticFit(costCritic, batchSize, costShuffleSeed);
        this.limit = limits[0];
    }

    double[] limits() {
        return new double[] {limit};
    }

    void observe(double[] costs) {
        if (costs.length != 1) {
            throw new IllegalArgumentException("expected 1 episode cost, got " + costs.length);
        }
        episodeCost = costs[0];
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
