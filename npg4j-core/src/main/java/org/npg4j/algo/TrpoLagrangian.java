package org.npg4j.algo;

import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * TRPO-Lagrangian (Ray, Achiam and Amodei 2019; OmniSafe's and SafePO's {@code TRPOLag}), one rollout at a time:
 * <ol>
 *   <li>the multipliers λ_i ≥ 0 move once, before the policy update, by the rollout's constraint values Ĵ_{c_i}
 *       against the limits b_i ({@link LagrangeMultiplier});</li>
 *   <li>the TRPO step ({@link Trpo}, unchanged: natural direction by CG on Fisher-vector products, step scaled to
 *       {@code target_kl}, backtracking line search on the surrogate and the KL, reward critic fit) on the surrogate
 *       of the combined advantage (Â_r − Σ λ_i Â_{c_i})/(1 + Σ λ_i) ({@link CombinedAdvantage}); with
 *       {@code normalize_advantage}, over the rollout, the reward advantages standardized and the cost advantages
 *       centred (or standardized, {@code cost_advantage_normalization});</li>
 *   <li>the cost critics fitted as TRPO fits the reward critic: {@code n_critic_updates} epochs of minibatches of
 *       {@code batch_size} at the critic's learning rate ({@link CostCriticFit}).</li>
 * </ol>
 * Metrics: TRPO's plus {@code train/lagrangian_multiplier} ({@code _i} for further constraints) and
 * {@code train/cost_value_loss}.
 */
public final class TrpoLagrangian implements ConstrainedAlgorithm {
    private final Trpo trpo;
    private final LagrangianPart lagrangian;
    private final CombinedAdvantage combined = new CombinedAdvantage();
    private final FullBatch full = new FullBatch();
    private double[] advantages;

    /**
     * @param rolloutSize     n_steps · n_envs
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critics' minibatch shuffling
     */
    public TrpoLagrangian(TrpoConfig config, LagrangianConfig lagrangian, ActorCriticPolicy policy,
                          CostCritic costCritic, int rolloutSize, long shuffleSeed, long costShuffleSeed) {
        this.lagrangian = new LagrangianPart("TRPO-Lag", lagrangian, costCritic, config.batchSize(), costShuffleSeed);
        this.trpo = new Trpo(config, policy, rolloutSize, shuffleSeed);
    }

    public TrpoConfig config() {
        return trpo.config();
    }

    public LagrangianConfig lagrangianConfig() {
        return lagrangian.config();
    }

    /** The current multipliers λ_i (a copy). */
    public double[] lagrangeMultipliers() {
        return lagrangian.multipliers();
    }

    @Override
    public CostCritic costCritic() {
        return lagrangian.costCritic();
    }

    @Override
    public double[] costLimits() {
        return lagrangian.config().costLimits();
    }

    /** Stores Ĵ_{c_i} for the next {@link #train}, which moves the multipliers with them first. */
    @Override
    public void observeEpisodeCosts(double[] costs) {
        lagrangian.observeEpisodeCosts(costs);
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        // 1. The multipliers, before the policy update.
        double[] lambda = lagrangian.stepMultipliers();
        // 2. TRPO on the surrogate of the combined advantage.
        Minibatch mb = full.gather(buffer, false);
        if (advantages == null || advantages.length < mb.size()) {
            advantages = new double[mb.size()];
        }
        combined.combine(mb, lambda, trpo.config().normalizeAdvantage(), lagrangian.config().costAdvantage(),
                advantages);
        Map<String, Double> m = trpo.train(buffer, mb, advantages, progressRemaining);
        // 3. The cost critics, as TRPO fits the reward critic.
        lagrangian.fitCostCriticAndReport(buffer, trpo.config().nCriticUpdates(), trpo.config().batchSize(),
                trpo.config().learningRate().value(progressRemaining), trpo.updates(), lambda, m);
        return m;
    }

    /** Entries: TRPO's, the cost critics' under {@code cost_critic/}, the multipliers' under {@code lagrange/}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        trpo.writeCheckpoint(out);
        lagrangian.writeCheckpoint(out);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        trpo.readCheckpoint(in);
        lagrangian.readCheckpoint(in);
    }
}
