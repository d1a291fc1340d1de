package org.npg4j.algo;

import java.util.Arrays;
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
    private final LagrangianConfig lagrangian;
    private final LagrangeMultiplier multiplier;
    private final CostCriticFit costFit;
    private final CombinedAdvantage combined = new CombinedAdvantage();
    private double[] episodeCosts;

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
        if (costCritic.costCount() != lagrangian.costCount()) {
            throw new IllegalArgumentException("cost_limit has " + lagrangian.costCount() + " values, the cost critic "
                    + costCritic.costCount() + " outputs");
        }
        this.ppo = new Ppo(config, policy, shuffleSeed);
        this.lagrangian = lagrangian;
        this.multiplier = new LagrangeMultiplier(lagrangian);
        this.costFit = new CostCriticFit(costCritic, config.batchSize(), costShuffleSeed);
        this.episodeCosts = nan(lagrangian.costCount());
    }

    static double[] nan(int m) {
        double[] v = new double[m];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    public PpoConfig config() {
        return ppo.config();
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
        return "ppo-lag";
    }

    @Override
    public int nSteps() {
        return ppo.nSteps();
    }

    @Override
    public double gamma() {
        return ppo.gamma();
    }

    @Override
    public double gaeLambda() {
        return ppo.gaeLambda();
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
        // 1. The multipliers, once per rollout, before the policy update (OmniSafe's order).
        multiplier.update(episodeCosts);
        episodeCosts = nan(episodeCosts.length);
        double[] lambda = multiplier.values();
        // 2. PPO on the combined advantage.
        boolean normalize = ppo.config().normalizeAdvantage();
        Map<String, Double> m = ppo.train(buffer, progressRemaining,
                (mb, out) -> combined.combine(mb, lambda, normalize, lagrangian.costAdvantage(), out));
        // 3. The cost critics, as PPO fits the reward critic.
        double costLoss = costFit.fit(buffer, ppo.config().nEpochs(), ppo.config().batchSize(),
                ppo.config().learningRate().value(progressRemaining));
        Check.finite("PPO-Lag", ppo.updates(), "cost value loss", costLoss);
        putMultipliers(m, lambda);
        m.put("train/cost_value_loss", costLoss);
        return m;
    }

    static void putMultipliers(Map<String, Double> m, double[] lambda) {
        for (int i = 0; i < lambda.length; i++) {
            m.put(i == 0 ? "train/lagrangian_multiplier" : "train/lagrangian_multiplier_" + i, lambda[i]);
        }
    }

    /** Entries: PPO's, the cost critics' under {@code cost_critic/}, the multipliers' under {@code lagrange/}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        ppo.writeCheckpoint(out);
        costFit.writeCheckpoint(out.scope("cost_critic"));
        multiplier.writeCheckpoint(out.scope("lagrange"));
    }

    @Override
    public void readCheckpoint(StateMap in) {
        ppo.readCheckpoint(in);
        costFit.readCheckpoint(in.scope("cost_critic"));
        multiplier.readCheckpoint(in.scope("lagrange"));
    }
}
