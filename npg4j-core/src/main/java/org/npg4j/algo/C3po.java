package org.npg4j.algo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.npg4j.math.RandomState;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Adam;
import org.npg4j.nn.GradientClipping;
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
 *       {@link C3poLoss}: SB3's PPO-Clip loss (per-minibatch standardized reward advantages, joint value loss) plus
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
    private final CostCritic costCritic;
    private final CostCriticFit costFit;
    private final Adam adam;
    private final C3poLoss loss;
    private final int m;
    private final double[] limits;
    private final double[] episodeCosts;
    private final double[] thresholds;
    private final double[] grad;
    private final double[] advantages;
    private final double[] costAdvantages;
    private final double[] costMeans;
    private SplittableRandom rng;
    private Minibatch minibatch;
    private int[] order;
    private double[] oldPhi;
    private double[] oldPsi;
    private long updates;

    /** @param shuffleSeed seed of the minibatch-shuffling generators */
    public C3po(C3poConfig config, ActorCriticPolicy policy, CostCritic costCritic, long shuffleSeed,
                long costShuffleSeed) {
        this.m = costCritic.costCount();
        if (config.costLimits().length != m) {
            throw new IllegalArgumentException("cost_limit has " + config.costLimits().length
                    + " limits, the env reports " + m + " cost signals");
        }
        this.config = config;
        this.policy = policy;
        this.costCritic = costCritic;
        this.costFit = new CostCriticFit(costCritic, config.ppo().batchSize(), costShuffleSeed);
        this.adam = new Adam(policy.parameterCount(), 0.9, 0.999, config.ppo().adamEpsilon());
        this.loss = new C3poLoss(config.ppo().batchSize(), m);
        this.limits = config.costLimits();
        this.episodeCosts = new double[m];
        Arrays.fill(episodeCosts, Double.NaN);
        this.thresholds = new double[m];
        this.grad = new double[policy.parameterCount()];
        this.advantages = new double[config.ppo().batchSize()];
        this.costAdvantages = new double[config.ppo().batchSize() * m];
        this.costMeans = new double[m];
        this.rng = new SplittableRandom(shuffleSeed);
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

    /** The thresholds τ_i = min(b̃_i, w·b̃_i) of the last update. */
    double threshold(int i) {
        return thresholds[i];
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        double lr = config.ppo().learningRate().value(progressRemaining);
        double clip = config.ppo().clipRange().value(progressRemaining);
        double kappa = config.kappaAt(progressRemaining);
        for (int i = 0; i < m; i++) {
            double slack = Double.isNaN(episodeCosts[i]) ? limits[i] : limits[i] - episodeCosts[i];
            thresholds[i] = Math.min(slack, config.w() * slack);
        }
        int n = buffer.size();
        int b = config.ppo().batchSize();
        if (minibatch == null) {
            minibatch = Minibatch.forBuffer(buffer, b);
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
        if (config.ppo().targetKl() != null) {
            policy.distributionParameters(buffer.observations(), n, oldPhi, oldPsi);
        }
        double sumPg = 0, sumV = 0, sumEnt = 0, sumClip = 0, sumPenalty = 0, lastLoss = 0, kl = 0;
        double[] sumAlpha = new double[m];
        int batches = 0;
        int epoch = 0;
        while (epoch < config.ppo().nEpochs()) {
            order = buffer.shuffledIndices(rng, order);
            for (int from = 0; from + b <= n; from += b) {
                Minibatch mb = minibatch.gather(buffer, order, from, b);
                System.arraycopy(mb.advantages, 0, advantages, 0, b);
                if (config.ppo().normalizeAdvantage() && b > 1) {
                    RolloutBuffer.normalizeInPlace(advantages, 0, b);
                }
                for (int r = 0; r < b; r++) {
                    for (int i = 0; i < m; i++) {
                        costAdvantages[r * m + i] = mb.costAdvantages[r * m + i] - costMeans[i];
                    }
                }
                Arrays.fill(grad, 0.0);
                lastLoss = loss.evaluate(policy, mb, advantages, costAdvantages, clip, config.ppo().entCoef(),
                        config.ppo().vfCoef(), kappa, thresholds, grad);
                Check.finite("C3PO", updates, "loss", lastLoss);
                for (int i = 0; i < m; i++) {
                    Check.finite("C3PO", updates, "cost surrogate" + (i == 0 ? "" : " " + i), loss.costSurrogates[i]);
                }
                sumPg += loss.ppo.policyLoss;
                sumV += loss.ppo.valueLoss;
                sumEnt += loss.ppo.entropyLoss;
                sumClip += loss.ppo.clipFraction;
                sumPenalty += loss.penalty;
                for (int i = 0; i < m; i++) {
                    sumAlpha[i] += loss.costSurrogates[i];
                }
                batches++;
                GradientClipping.clipGradNormInPlace(grad, config.ppo().maxGradNorm());
                adam.step(policy.parameters(), grad, lr);
                updates++;
            }
            epoch++;
            if (config.ppo().targetKl() != null) {
                kl = policy.meanKl(buffer.observations(), n, oldPhi, oldPsi);
                if (kl > config.ppo().targetKl()) {
                    break;
                }
            }
        }
        double costValueLoss = costFit.fit(buffer, config.ppo().nEpochs(), b, lr);
        Check.finite("C3PO", updates, "cost value loss", costValueLoss);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("train/entropy_loss", sumEnt / batches);
        out.put("train/policy_gradient_loss", sumPg / batches);
        out.put("train/value_loss", sumV / batches);
        out.put("train/cost_value_loss", costValueLoss);
        out.put("train/cost_penalty", sumPenalty / batches);
        for (int i = 0; i < m; i++) {
            String suffix = i == 0 ? "" : "_" + i;
            out.put("train/cost_surrogate" + suffix, sumAlpha[i] / batches);
            out.put("train/cost_threshold" + suffix, thresholds[i]);
        }
        out.put("train/kappa", kappa);
        out.put("train/approx_kl", kl);
        out.put("train/clip_fraction", sumClip / batches);
        out.put("train/loss", lastLoss);
        out.put("train/explained_variance", Ppo.explainedVariance(buffer.values(), buffer.returns()));
        out.put("train/n_updates", (double) updates);
        out.put("train/clip_range", clip);
        out.put("train/learning_rate", lr);
        out.put("train/epochs", (double) epoch);
        return out;
    }

    /** Entries: {@code adam}, {@code rng} (the shuffling generator), {@code updates}, the cost critic's under
     * {@code cost_critic/}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        out.put("adam", adam.state());
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
        out.putLong("updates", updates);
        costFit.writeCheckpoint(out.scope("cost_critic"));
    }

    @Override
    public void readCheckpoint(StateMap in) {
        adam.restoreState(in.doubles("adam", adam.state().length));
        rng = RandomState.restore(in.longValue("rng"));
        updates = in.longValue("updates");
        costFit.readCheckpoint(in.scope("cost_critic"));
    }
}
