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
    private final LagrangianConfig lagrangian;
    private final LagrangeMultiplier multiplier;
    private final CostCriticFit costFit;
    private final CombinedAdvantage combined = new CombinedAdvantage();
    private final FullBatch full = new FullBatch();
    private double[] advantages;
    private double[] episodeCosts;

    /**
     * @param rolloutSize     n_steps · n_envs
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critics' minibatch shuffling
     */
    public TrpoLagrangian(TrpoConfig config, LagrangianConfig lagrangian, ActorCriticPolicy policy,
                          CostCritic costCritic, int rolloutSize, long shuffleSeed, long costShuffleSeed) {
        if (costCritic.costCount() != lagrangian.costCount()) {
            throw new IllegalArgumentException("cost_limit has " + lagrangian.costCount() + " values, the cost critic "
                    + costCritic.costCount() + " outputs");
        }
        this.trpo = new Trpo(config, policy, rolloutSize, shuffleSeed);
        this.lagrangian = lagrangian;
        this.multiplier = new LagrangeMultiplier(lagrangian);
        this.costFit = new CostCriticFit(costCritic, config.batchSize(), costShuffleSeed);
        this.episodeCosts = PpoLagrangian.nan(lagrangian.costCount());
    }

    public TrpoConfig config() {
        return trpo.config();
    }

    public LagrangianConfig lagrangianConfig() {
        return lagrangian;
    }

    /** The current multipliers λ_i (a copy). */
    public double[] lagrangeMultipliers() {
        return multiplier.values().clone();
    }

    @Override
    public String name() {
        return "trpo-lag";
    }

    @Override
    public int nSteps() {
        return trpo.nSteps();
    }

    @Override
    public double gamma() {
        return trpo.gamma();
    }

    @Override
    public double gaeLambda() {
        return trpo.gaeLambda();
    }

    @Override
    public CostCritic costCritic() {
        return costFit.critic();
    }

    @Override
    public double[] costLimits() {
        return lagrangian.costLimits();
    }

    /** Stores Ĵ_{c_i} for the next {@link #train}, which moves the multipliers with them first. */
    @Override
    public void observeEpisodeCosts(double[] costs) {
        if (costs.length != lagrangian.costCount()) {
            throw new IllegalArgumentException("expected " + lagrangian.costCount() + " constraint values, got "
                    + costs.length);
        }
        episodeCosts = costs.clone();
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        // 1. The multipliers, before the policy update.
        multiplier.update(episodeCosts);
        episodeCosts = PpoLagrangian.nan(episodeCosts.length);
        double[] lambda = multiplier.values();
        // 2. TRPO on the surrogate of the combined advantage.
        Minibatch mb = full.gather(buffer, false);
        if (advantages == null || advantages.length < mb.size()) {
            advantages = new double[mb.size()];
        }
        combined.combine(mb, lambda, trpo.config().normalizeAdvantage(), lagrangian.costAdvantage(), advantages);
        Map<String, Double> m = trpo.train(buffer, mb, advantages, progressRemaining);
        // 3. The cost critics, as TRPO fits the reward critic.
        double costLoss = costFit.fit(buffer, trpo.config().nCriticUpdates(), trpo.config().batchSize(),
                trpo.config().learningRate().value(progressRemaining));
        Check.finite("TRPO-Lag", trpo.updates(), "cost value loss", costLoss);
        PpoLagrangian.putMultipliers(m, lambda);
        m.put("train/cost_value_loss", costLoss);
        return m;
    }

    /** Entries: TRPO's, the cost critics' under {@code cost_critic/}, the multipliers' under {@code lagrange/}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        trpo.writeCheckpoint(out);
        costFit.writeCheckpoint(out.scope("cost_critic"));
        multiplier.writeCheckpoint(out.scope("lagrange"));
    }

    @Override
    public void readCheckpoint(StateMap in) {
        trpo.readCheckpoint(in);
        costFit.readCheckpoint(in.scope("cost_critic"));
        multiplier.readCheckpoint(in.scope("lagrange"));
    }
}
