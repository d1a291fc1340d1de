package org.npg4j.algo;

import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;

/**
 * PPO-Lagrangian (Ray, Achiam and Amodei 2019; OmniSafe's and SafePO's {@code PPOLag}): the constrained problem
 * max R(π) s.t. J_{c_i}(π) ≤ b_i through its Lagrangian, one rollout at a time:
 * <ol>
 *   <li>the multipliers λ_i ≥ 0 move once, <em>before</em> the policy update, by the rollout's constraint values Ĵ_{c_i}
 *       (mean undiscounted episode cost, see {@link ConstrainedAlgorithm}) against the limits b_i
 *       ({@link LagrangeMultiplier}: projected gradient ascent on Ĵ_c − b, or PID);</li>
 *   <li>the PPO-Clip update ({@link Ppo}, unchanged: epochs, minibatches, clipping, value loss, entropy, Adam) with the
 *       advantage of each minibatch replaced by the combined advantage (Â_r − Σ λ_i Â_{c_i})/(1 + Σ λ_i)
 *       ({@link CombinedAdvantage}); with {@code normalize_advantage}, per minibatch, the reward advantages
 *       standardized and the cost advantages centred (or standardized, {@code cost_advantage_normalization});</li>
 *   <li>the cost critics fitted to the cost λ-returns as PPO fits the reward critic: {@code n_epochs} epochs of
 *       minibatches of {@code batch_size} at PPO's learning rate ({@link CostCriticFit}, its own Adam).</li>
 * </ol>
 * Metrics: PPO's plus {@code train/lagrangian_multiplier} (λ_1; {@code _i} suffixes for further constraints) and
 * {@code train/cost_value_loss}.
 */
public final class PpoLagrangian implements ConstrainedAlgorithm {
    private final Ppo ppo;
    private final LagrangianPart lagrangian;
    private final CombinedAdvantage combined = new CombinedAdvantage();

    /**
     * @param config          PPO's hyperparameters
     * @param lagrangian      the limits and the multiplier's settings (one limit per cost critic output)
     * @param policy          the policy and reward critic
     * @param costCritic      the cost critics V_{c_i}
     * @param shuffleSeed     seed of PPO's minibatch shuffling
     * @param costShuffleSeed seed of the cost critics' minibatch shuffling
     */
    public PpoLagrangian(PpoConfig config, LagrangianConfig lagrangian, ActorCriticPolicy policy,
                         CostCritic costCritic, long shuffleSeed, long costShuffleSeed) {
        this.lagrangian = new LagrangianPart("PPO-Lag", lagrangian, costCritic, config.batchSize(), costShuffleSeed);
        this.ppo = new Ppo(config, policy, shuffleSeed);
    }

    public PpoConfig config() {
        return ppo.config();
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
        // 1. The multipliers, once per rollout, before the policy update (OmniSafe's order).
        double[] lambda = lagrangian.stepMultipliers();
        // 2. PPO on the combined advantage.
        boolean normalize = ppo.config().normalizeAdvantage();
        LagrangianConfig c = lagrangian.config();
        Map<String, Double> m = ppo.train(buffer, progressRemaining,
                (mb, out) -> combined.combine(mb, lambda, normalize, c.costAdvantage(), out), null);
        // 3. The cost critics, as PPO fits the reward critic.
        lagrangian.fitCostCriticAndReport(buffer, ppo.config().nEpochs(), ppo.config().batchSize(),
                ppo.config().learningRate().value(progressRemaining), ppo.updates(), lambda, m);
        return m;
    }

    /** Entries: PPO's, the cost critics' under {@code cost_critic/}, the multipliers' under {@code lagrange/}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        ppo.writeCheckpoint(out);
        lagrangian.writeCheckpoint(out);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        ppo.readCheckpoint(in);
        lagrangian.readCheckpoint(in);
    }
}
