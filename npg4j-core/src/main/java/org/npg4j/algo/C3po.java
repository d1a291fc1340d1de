package org.npg4j.algo;

import java.util.Arrays;
import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * C3PO, the PPO-style first-order version of C-TRPO (Milosevic, Müller, Scherf 2025, arXiv 2506.00700; semantics of
 * the authors' code, c3po branch of milosen/ctrpo). Per update, with b̃_i = b_i − Ĵ_{c_i} the slack of the
 * observed mean episode cost (NaN, i.e. no episode ended yet: b̃_i = b_i):
 * <ol>
 *   <li>{@code n_epochs} passes of shuffled minibatches of {@code batch_size}; per minibatch the loss of
 *       PPO's update ({@link Ppo}, whose epochs it reuses) with {@link C3poLoss} added: SB3's PPO-Clip loss (per-minibatch standardized reward advantages, joint value loss) plus
 *       κ_t·ReLU(α_clip,i − min(b̃_i, w·b̃_i)) per constraint, with α_clip computed on the minibatch (as the
 *       reference does) from the cost advantages centred over the rollout; gradient clipped to
 *       {@code max_grad_norm}, one Adam step;</li>
 *   <li>κ_t grows linearly from 0.1κ to κ over training ({@link C3poConfig#kappaAt});</li>
 *   <li>early stop (the reference's rule): after an epoch, when the rollout's mean KL(π_k‖π_θ) exceeds
 *       {@code target_kl}, the remaining epochs are skipped;</li>
 *   <li>the cost critics: {@code n_epochs} epochs of minibatch Adam on the cost λ-returns at the same learning
 *       rate.</li>
 * </ol>
 * Differences from the reference, for consistency with npg4j's PPO: the reward critic shares the actor's Adam
 * through vf_coef (SB3), and the critics' learning rate follows the actor's schedule.
 */
public final class C3po implements ConstrainedAlgorithm {
    private final C3poConfig config;
    private final ActorCriticPolicy policy;
    private final Ppo ppo;
    private final CostCritic costCritic;
    private final CostCriticFit costFit;
    private final C3poLoss penalty;
    private final int m;
    private final double[] limits;
    private final double[] episodeCosts;
    private final double[] thresholds;
    private final double[] costAdvantages;
    private final double[] costMeans;
    private double[] oldPhi;
    private double[] oldPsi;

    /**
     * @param shuffleSeed     seed of PPO's minibatch shuffling
     * @param costShuffleSeed seed of the cost critics' minibatch shuffling
     */
    public C3po(C3poConfig config, ActorCriticPolicy policy, CostCritic costCritic, long shuffleSeed,
                long costShuffleSeed) {
        this.m = costCritic.costCount();
        CostLimit.requireOnePerSignal(config.costLimits(), m);
        this.config = config;
        this.policy = policy;
        this.ppo = new Ppo(config.ppo(), policy, shuffleSeed, "C3PO");
        this.costCritic = costCritic;
        this.costFit = new CostCriticFit(costCritic, config.ppo().batchSize(), costShuffleSeed);
        this.penalty = new C3poLoss(config.ppo().batchSize(), m);
        this.limits = config.costLimits();
        this.episodeCosts = new double[m];
        Arrays.fill(episodeCosts, Double.NaN);
        this.thresholds = new double[m];
        this.costAdvantages = new double[config.ppo().batchSize() * m];
        this.costMeans = new double[m];
    }

    public C3poConfig config() {
        return config;
    }

    @Override
    public CostCritic costCritic() {
        return costCritic;
    }

    @Override
    public double[] costLimits() {
        return limits.clone();
    }

    @Override
    public void observeEpisodeCosts(double[] costs) {
        if (costs.length != m) {
            throw new IllegalArgumentException("expected " + m + " episode costs, got " + costs.length);
        }
        System.arraycopy(costs, 0, episodeCosts, 0, m);
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        double lr = config.ppo().learningRate().value(progressRemaining);
        double kappa = config.kappaAt(progressRemaining);
        // τ_i = min(b̃_i, w·b̃_i): w·b̃ while safe, b̃ < 0 while not.
        for (int i = 0; i < m; i++) {
            double slack = Double.isNaN(episodeCosts[i]) ? limits[i] : limits[i] - episodeCosts[i];
            thresholds[i] = Math.min(slack, config.w() * slack);
        }
        int n = buffer.size();
        if (oldPhi == null) {
            oldPhi = new double[n * policy.distribution().parameterSize()];
            oldPsi = new double[policy.distribution().sharedParameterSize()];
        }
        double[] ca = buffer.costAdvantages();
        Arrays.fill(costMeans, 0.0);
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < m; i++) {
                costMeans[i] += ca[r * m + i] / n;
            }
        }
        Double targetKl = config.ppo().targetKl();
        if (targetKl != null) {
            policy.distributionParameters(buffer.observations(), n, oldPhi, oldPsi);
        }
        PenaltyTerms terms = new PenaltyTerms(kappa, targetKl, buffer);
        Map<String, Double> out = ppo.train(buffer, progressRemaining, ppo::normalizedAdvantages, terms);
        double costValueLoss = costFit.fit(buffer, config.ppo().nEpochs(), config.ppo().batchSize(), lr);
        Check.finite("C3PO", ppo.updates(), "cost value loss", costValueLoss);
        out.put(MetricKeys.COST_VALUE_LOSS, costValueLoss);
        out.put(MetricKeys.COST_PENALTY, terms.sumPenalty / terms.batches);
        for (int i = 0; i < m; i++) {
            String suffix = i == 0 ? "" : "_" + i;
            out.put(MetricKeys.COST_SURROGATE + suffix, terms.sumAlpha[i] / terms.batches);
            out.put(MetricKeys.COST_THRESHOLD + suffix, thresholds[i]);
        }
        out.put(MetricKeys.KAPPA, kappa);
        out.put(MetricKeys.ROLLOUT_KL, terms.rolloutKl);
        return out;
    }

    /** C3PO's additions to PPO's epochs in one update: the penalty per minibatch and the rollout-KL stop. */
    private final class PenaltyTerms implements Ppo.Variant {
        private final double kappa;
        private final Double targetKl;
        private final RolloutBuffer buffer;
        private final double[] sumAlpha = new double[m];
        private double sumPenalty;
        private int batches;
        private double rolloutKl;

        PenaltyTerms(double kappa, Double targetKl, RolloutBuffer buffer) {
            this.kappa = kappa;
            this.targetKl = targetKl;
            this.buffer = buffer;
        }

        @Override
        public double addLoss(Minibatch mb, double[] logProbs, double clip, double[] grad) {
            int b = mb.size();
            for (int r = 0; r < b; r++) {
                for (int i = 0; i < m; i++) {
                    costAdvantages[r * m + i] = mb.costAdvantages[r * m + i] - costMeans[i];
                }
            }
            C3poLoss.Terms t = penalty.evaluate(policy, mb, logProbs, costAdvantages, clip, kappa, thresholds, grad);
            for (int i = 0; i < m; i++) {
                Check.finite("C3PO", ppo.updates(), "cost surrogate" + (i == 0 ? "" : " " + i),
                        t.costSurrogates()[i]);
                sumAlpha[i] += t.costSurrogates()[i];
            }
            sumPenalty += t.penalty();
            batches++;
            return t.penalty();
        }

        /** The reference's early stop: after an epoch, the rollout's mean KL(π_k‖π_θ) above target_kl. */
        @Override
        public boolean continueAfterEpoch() {
            if (targetKl == null) {
                return true;
            }
            rolloutKl = policy.meanKl(buffer.observations(), buffer.size(), oldPhi, oldPsi);
            return rolloutKl <= targetKl;
        }
    }

    /** Entries: PPO's ({@code adam}, {@code rng}, {@code updates}) and the cost critics' under {@code cost_critic/}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        ppo.writeCheckpoint(out);
        costFit.writeCheckpoint(out.scope("cost_critic"));
    }

    @Override
    public void readCheckpoint(StateMap in) {
        ppo.readCheckpoint(in);
        costFit.readCheckpoint(in.scope("cost_critic"));
    }
}
