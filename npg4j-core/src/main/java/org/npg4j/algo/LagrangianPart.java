package org.npg4j.algo;

import java.util.Arrays;
import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;

/**
 * What the Lagrangian baselines add around an unconstrained update, shared by {@link PpoLagrangian} and
 * {@link TrpoLagrangian}: the limits and the multipliers λ_i ({@link LagrangeMultiplier}), the constraint values
 * Ĵ_{c_i} handed over before each update, the cost critics and their fit, their metrics and checkpoint entries.
 */
final class LagrangianPart {
    private final LagrangianConfig config;
    private final LagrangeMultiplier multiplier;
    private final CostCriticFit costFit;
    private final String algorithm;
    private double[] episodeCosts;

    LagrangianPart(String algorithm, LagrangianConfig config, CostCritic costCritic, int batchSize,
                   long costShuffleSeed) {
        CostLimit.requireOnePerSignal(config.costLimits(), costCritic.costCount());
        this.algorithm = algorithm;
        this.config = config;
        this.multiplier = new LagrangeMultiplier(config);
        this.costFit = new CostCriticFit(costCritic, batchSize, costShuffleSeed);
        this.episodeCosts = nan(config.costCount());
    }

    LagrangianConfig config() {
        return config;
    }

    CostCritic costCritic() {
        return costFit.critic();
    }

    /** The current multipliers λ_i (a copy). */
    double[] multipliers() {
        return multiplier.values().clone();
    }

    /** Stores Ĵ_{c_i} for the next {@link #stepMultipliers}. */
    void observeEpisodeCosts(double[] costs) {
        if (costs.length != config.costCount()) {
            throw new IllegalArgumentException("expected " + config.costCount() + " constraint values, got "
                    + costs.length);
        }
        episodeCosts = costs.clone();
    }

    /** Moves the multipliers with the stored Ĵ_{c_i} (then forgotten) and returns λ (live array). */
    double[] stepMultipliers() {
        multiplier.update(episodeCosts);
        episodeCosts = nan(episodeCosts.length);
        return multiplier.values();
    }

    /**
     * Fits the cost critics ({@code epochs} of minibatches of {@code batchSize}) and adds λ and the cost value loss to
     * the update's metrics: {@code train/lagrangian_multiplier} ({@code _i} for further constraints),
     * {@code train/cost_value_loss}.
     */
    void fitCostCriticAndReport(RolloutBuffer buffer, int epochs, int batchSize, double learningRate, long update,
                                double[] lambda, Map<String, Double> metrics) {
        double costLoss = costFit.fit(buffer, epochs, batchSize, learningRate);
        Check.finite(algorithm, update, "cost value loss", costLoss);
        for (int i = 0; i < lambda.length; i++) {
            metrics.put(i == 0 ? MetricKeys.LAGRANGIAN_MULTIPLIER : MetricKeys.LAGRANGIAN_MULTIPLIER + "_" + i, lambda[i]);
        }
        metrics.put(MetricKeys.COST_VALUE_LOSS, costLoss);
    }

    /** Entries: the cost critics' under {@code cost_critic/}, the multipliers' under {@code lagrange/}. */
    void writeCheckpoint(StateMap out) {
        costFit.writeCheckpoint(out.scope("cost_critic"));
        multiplier.writeCheckpoint(out.scope("lagrange"));
    }

    void readCheckpoint(StateMap in) {
        costFit.readCheckpoint(in.scope("cost_critic"));
        multiplier.readCheckpoint(in.scope("lagrange"));
    }

    private static double[] nan(int m) {
        double[] v = new double[m];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
