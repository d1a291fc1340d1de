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
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * PPO-Clip's update (Schulman et al. 2017), with Stable-Baselines3's semantics: {@code n_epochs} passes over the
 * rollout in shuffled minibatches of {@code batch_size}; per minibatch, advantages normalized (optional), the
 * clipped surrogate plus {@code vf_coef}·value loss plus {@code ent_coef}·entropy loss ({@link PpoLoss}), the
 * gradient clipped to {@code max_grad_norm}, one Adam step. With {@code target_kl}, the epochs stop as soon as a
 * minibatch's approx_kl exceeds 1.5·target_kl (checked before its step, as SB3 does).
 */
public final class Ppo implements OnPolicyAlgorithm {
    private final String label;
    private final PpoConfig config;
    private final ActorCriticPolicy policy;
    private final Adam adam;
    private SplittableRandom rng;
    private final PpoLoss loss;
    private final double[] grad;
    private final double[] advantages;
    private Minibatch minibatch;
    private int[] order;
    private long updates;

    /** @param shuffleSeed seed of the minibatch-shuffling generator (one generator per component) */
    public Ppo(PpoConfig config, ActorCriticPolicy policy, long shuffleSeed) {
        this(config, policy, shuffleSeed, "PPO");
    }

    /** A PPO update inside a variant named {@code label} in error messages (C3PO). */
    Ppo(PpoConfig config, ActorCriticPolicy policy, long shuffleSeed, String label) {
        this.label = label;
        this.config = config;
        this.policy = policy;
        this.adam = new Adam(policy.parameterCount(), 0.9, 0.999, config.adamEpsilon());
        this.rng = new SplittableRandom(shuffleSeed);
        this.loss = new PpoLoss(config.batchSize());
        this.grad = new double[policy.parameterCount()];
        this.advantages = new double[config.batchSize()];
    }

    public PpoConfig config() {
        return config;
    }

    public Adam optimizer() {
        return adam;
    }

    /** Number of epochs run so far (SB3's train/n_updates). */
    public long updates() {
        return updates;
    }

    /**
     * One PPO update on a full rollout whose advantages and returns are computed. Returns SB3's train/ metrics.
     *
     * @param progressRemaining 1 at the start of training, 0 at the end (for the schedules)
     */
    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        return train(buffer, progressRemaining, this::normalizedAdvantages, null);
    }

    /** The advantages a minibatch's policy loss uses. */
    @FunctionalInterface
    interface MinibatchAdvantages {
        /** Writes the advantages of the {@code mb.size()} samples of {@code mb} into {@code out}. */
        void fill(Minibatch mb, double[] out);
    }

    /** PPO's own advantages: the minibatch's reward advantages, normalized per minibatch when configured. */
    void normalizedAdvantages(Minibatch mb, double[] out) {
        int b = mb.size();
        System.arraycopy(mb.advantages, 0, out, 0, b);
        if (config.normalizeAdvantage() && b > 1) {
            RolloutBuffer.normalizeInPlace(out, 0, b);
        }
    }

    /**
     * What a variant adds to PPO's epochs (C3PO: a cost penalty per minibatch and its own early stop). The variant's
     * loss is evaluated right after PPO's, whose forward pass is still recorded, and stepped with it.
     */
    interface Variant {
        /**
         * Adds the variant's loss of minibatch {@code mb} to {@code grad} and returns its value.
         *
         * @param logProbs the log-probabilities of PPO's evaluation of the minibatch at the current θ
         * @param clip     the clip range ε of this update
         */
        double addLoss(Minibatch mb, double[] logProbs, double clip, double[] grad);

        /** Whether the epochs go on after one (the variant's early stop replaces SB3's per-minibatch one). */
        boolean continueAfterEpoch();
    }

    /**
     * The PPO update with the policy loss's advantages supplied per minibatch by {@code advantagesOf} (the
     * Lagrangian variant passes its combined reward-cost advantages) and, when {@code variant} is not null, its extra
     * loss and early stop; everything else as {@link #train}. Metrics with SB3's keys mean what SB3's mean:
     * {@code train/n_updates} counts epochs, {@code train/approx_kl} is the mean over the last epoch's minibatches, the
     * loss means run over every evaluated minibatch (the one that stops the epochs included) and {@code train/loss}
     * is the last evaluated minibatch's.
     */
    Map<String, Double> train(RolloutBuffer buffer, double progressRemaining, MinibatchAdvantages advantagesOf,
                              Variant variant) {
        double lr = config.learningRate().value(progressRemaining);
        double clip = config.clipRange().value(progressRemaining);
        double clipVf = config.clipRangeVf() == null ? 0.0 : config.clipRangeVf().value(progressRemaining);
        boolean minibatchKlStop = variant == null && config.targetKl() != null;
        int n = buffer.size();
        int b = config.batchSize();
        if (minibatch == null) {
            minibatch = Minibatch.forBuffer(buffer, b);
        }
        double sumPg = 0, sumV = 0, sumEnt = 0, sumClip = 0, lastLoss = Double.NaN;
        double epochKl = 0;
        int batches = 0;
        int epochBatches = 0;
        boolean continueTraining = true;
        int epoch = 0;
        for (; epoch < config.nEpochs() && continueTraining; epoch++) {
            order = buffer.shuffledIndices(rng, order);
            epochKl = 0;
            epochBatches = 0;
            for (int from = 0; from + b <= n; from += b) {
                Minibatch mb = minibatch.gather(buffer, order, from, b);
                advantagesOf.fill(mb, advantages);
                Arrays.fill(grad, 0.0);
                PpoLoss.Terms terms = loss.evaluate(policy, mb, advantages, clip, clipVf, config.entCoef(),
                        config.vfCoef(), grad);
                lastLoss = terms.total(config.entCoef(), config.vfCoef());
                if (variant != null) {
                    lastLoss += variant.addLoss(mb, loss.logProbs, clip, grad);
                }
                sumPg += terms.policyLoss();
                sumV += terms.valueLoss();
                sumEnt += terms.entropyLoss();
                sumClip += terms.clipFraction();
                epochKl += terms.approxKl();
                batches++;
                epochBatches++;
                if (minibatchKlStop && terms.approxKl() > 1.5 * config.targetKl()) {
                    continueTraining = false;
                    break;
                }
                Check.finite(label, updates, "loss", lastLoss);
                GradientClipping.clipGradNormInPlace(grad, config.maxGradNorm());
                adam.step(policy.parameters(), grad, lr);
            }
            updates++;
            if (continueTraining && variant != null) {
                continueTraining = variant.continueAfterEpoch();
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKeys.ENTROPY_LOSS, sumEnt / batches);
        m.put(MetricKeys.POLICY_GRADIENT_LOSS, sumPg / batches);
        m.put(MetricKeys.VALUE_LOSS, sumV / batches);
        m.put(MetricKeys.APPROX_KL, epochKl / epochBatches);
        m.put(MetricKeys.CLIP_FRACTION, sumClip / batches);
        m.put(MetricKeys.LOSS, lastLoss);
        m.put(MetricKeys.EXPLAINED_VARIANCE, explainedVariance(buffer.values(), buffer.returns()));
        m.put(MetricKeys.N_UPDATES, (double) updates);
        m.put(MetricKeys.CLIP_RANGE, clip);
        m.put(MetricKeys.LEARNING_RATE, lr);
        m.put(MetricKeys.EPOCHS, (double) epoch);
        return m;
    }

    /** Entries: {@code adam} (its state), {@code rng} (the shuffling generator), {@code updates}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        out.put("adam", adam.state());
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
        out.putLong("updates", updates);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        adam.restoreState(in.doubles("adam", adam.state().length));
        rng = RandomState.restore(in.longValue("rng"));
        updates = in.longValue("updates");
    }

    /** 1 - Var(y - ŷ)/Var(y), NaN when Var(y) = 0 (SB3's explained_variance). */
    static double explainedVariance(double[] predicted, double[] actual) {
        int n = actual.length;
        double my = 0, md = 0;
        for (int i = 0; i < n; i++) {
            my += actual[i];
            md += actual[i] - predicted[i];
        }
        my /= n;
        md /= n;
        double vy = 0, vd = 0;
        for (int i = 0; i < n; i++) {
            double a = actual[i] - my;
            double d = actual[i] - predicted[i] - md;
            vy += a * a;
            vd += d * d;
        }
        return vy == 0 ? Double.NaN : 1 - vd / vy;
    }
}
