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
 * PPO with an adaptive KL penalty (Schulman et al. 2017, section 4): minibatch Adam on
 * L = -mean(Â r_θ) + β·mean KL(π_old||π_θ) + vf_coef·L_value + ent_coef·L_ent, then β adapts to the measured KL d:
 * β ← β/2 when d &lt; kl_target/1.5, β ← 2β when d > 1.5·kl_target. Training parameters (n_epochs, batch_size, Adam,
 * clipping of the gradient norm, coefficients) are PPO's; the clip range is not used.
 */
public final class PpoKl implements OnPolicyAlgorithm {
    private final PpoConfig config;
    private final double klTarget;
    private final ActorCriticPolicy policy;
    private final Adam adam;
    private SplittableRandom rng;
    private final double[] grad;
    private final double[] klGrad;
    private final double[] advantages;
    private final int phiSize;
    private PpoLoss loss;
    private Minibatch minibatch;
    private double[] phiAll;
    private double[] phiBatch;
    private final double[] psiOld;
    private int[] order;
    private double beta;
    private long updates;

    /** @param shuffleSeed seed of the minibatch-shuffling generator */
    public PpoKl(PpoKlConfig settings, ActorCriticPolicy policy, long shuffleSeed) {
        this.config = settings.ppo();
        this.klTarget = settings.klTarget();
        this.beta = settings.klCoef();
        this.policy = policy;
        this.adam = new Adam(policy.parameterCount(), 0.9, 0.999, config.adamEpsilon());
        this.rng = new SplittableRandom(shuffleSeed);
        this.grad = new double[policy.parameterCount()];
        this.klGrad = new double[policy.parameterCount()];
        this.advantages = new double[config.batchSize()];
        this.phiSize = policy.distribution().parameterSize();
        this.psiOld = new double[policy.distribution().sharedParameterSize()];
    }

    /** The current penalty coefficient β. */
    public double klCoef() {
        return beta;
    }

    /** Entries: {@code adam}, {@code rng} (the shuffling generator), {@code updates}, {@code kl_coef} (β). */
    @Override
    public void writeCheckpoint(StateMap out) {
        out.put("adam", adam.state());
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
        out.putLong("updates", updates);
        out.putDouble("kl_coef", beta);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        adam.restoreState(in.doubles("adam", adam.state().length));
        rng = RandomState.restore(in.longValue("rng"));
        updates = in.longValue("updates");
        double b = in.doubleValue("kl_coef");
        Check.positive("kl_coef", b);
        beta = b;
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        double lr = config.learningRate().value(progressRemaining);
        int n = buffer.size();
        int b = config.batchSize();
        if (minibatch == null) {
            minibatch = Minibatch.forBuffer(buffer, b);
            loss = new PpoLoss(b);
            phiAll = new double[n * phiSize];
            phiBatch = new double[b * phiSize];
        }
        policy.distributionParameters(buffer.observations(), n, phiAll, psiOld);
        double sumPg = 0, sumV = 0, sumKl = 0;
        int batches = 0;
        for (int epoch = 0; epoch < config.nEpochs(); epoch++) {
            order = buffer.shuffledIndices(rng, order);
            for (int from = 0; from + b <= n; from += b) {
                Minibatch mb = minibatch.gather(buffer, order, from, b);
                for (int k = 0; k < b; k++) {
                    System.arraycopy(phiAll, order[from + k] * phiSize, phiBatch, k * phiSize, phiSize);
                }
                System.arraycopy(mb.advantages, 0, advantages, 0, b);
                if (config.normalizeAdvantage() && b > 1) {
                    RolloutBuffer.normalizeInPlace(advantages, 0, b);
                }
                Arrays.fill(grad, 0.0);
                PpoLoss.Terms terms = loss.evaluate(policy, mb, advantages, Double.POSITIVE_INFINITY, 0.0,
                        config.entCoef(), config.vfCoef(), grad);
                double kl = policy.meanKl(mb.observations, b, phiBatch, psiOld);
                Arrays.fill(klGrad, 0.0);
                policy.klGradient(mb.observations, b, phiBatch, psiOld, klGrad);
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += beta * klGrad[i];
                }
                Check.finite("PPO-KL", updates, "loss", terms.total(config.entCoef(), config.vfCoef()) + beta * kl);
                sumPg += terms.policyLoss();
                sumV += terms.valueLoss();
                sumKl += kl;
                batches++;
                GradientClipping.clipGradNormInPlace(grad, config.maxGradNorm());
                adam.step(policy.parameters(), grad, lr);
                updates++;
            }
        }
        double d = policy.meanKl(buffer.observations(), n, phiAll, psiOld);
        double betaUsed = beta;
        if (d < klTarget / 1.5) {
            beta /= 2;
        } else if (d > klTarget * 1.5) {
            beta *= 2;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKeys.POLICY_GRADIENT_LOSS, sumPg / batches);
        m.put(MetricKeys.VALUE_LOSS, sumV / batches);
        m.put(MetricKeys.APPROX_KL, d);
        m.put(MetricKeys.MEAN_MINIBATCH_KL, sumKl / batches);
        m.put(MetricKeys.KL_COEF, betaUsed);
        m.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        m.put(MetricKeys.N_UPDATES, (double) updates);
        m.put(MetricKeys.LEARNING_RATE, lr);
        return m;
    }
}
