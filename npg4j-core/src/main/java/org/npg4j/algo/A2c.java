package org.npg4j.algo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Adam;
import org.npg4j.nn.GradientClipping;
import org.npg4j.nn.Optimizer;
import org.npg4j.nn.RmsProp;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * A2C's update (Mnih et al. 2016, synchronous; SB3 semantics): one gradient step per rollout on
 * L = -mean(Â log π(a|s)) + vf_coef·mean((R - V)²) - ent_coef·mean(H), clipped to {@code max_grad_norm},
 * with RMSprop. At θ = θ_old this is the PPO loss with an infinite clip range, which is how it is computed.
 */
public final class A2c implements OnPolicyAlgorithm {
    private final A2cConfig config;
    private final ActorCriticPolicy policy;
    private final Optimizer optimizer;
    private final double[] grad;
    private PpoLoss loss;
    private final FullBatch full = new FullBatch();
    private long updates;

    public A2c(A2cConfig config, ActorCriticPolicy policy) {
        this.config = config;
        this.policy = policy;
        int n = policy.parameterCount();
        this.optimizer = config.useRmsProp() ? new RmsProp(n, 0.99, config.rmsPropEps()) : new Adam(n, 1e-8);
        this.grad = new double[n];
    }

    public A2cConfig config() {
        return config;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Entries: {@code optimizer} (RMSprop's or Adam's state), {@code updates}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        out.put("optimizer", optimizer.state());
        out.putLong("updates", updates);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        optimizer.restoreState(in.doubles("optimizer", optimizer.state().length));
        updates = in.longValue("updates");
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        double lr = config.learningRate().value(progressRemaining);
        if (loss == null) {
            loss = new PpoLoss(buffer.size());
        }
        Minibatch mb = full.gather(buffer, config.normalizeAdvantage());
        double[] advantages = full.advantages();
        Arrays.fill(grad, 0.0);
        PpoLoss.Terms terms = loss.evaluate(policy, mb, advantages, Double.POSITIVE_INFINITY, 0.0, config.entCoef(),
                config.vfCoef(), grad);
        double total = terms.total(config.entCoef(), config.vfCoef());
        Check.finite("A2C", updates, "loss", total);
        GradientClipping.clipGradNormInPlace(grad, config.maxGradNorm());
        optimizer.step(policy.parameters(), grad, lr);
        updates++;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKeys.ENTROPY_LOSS, terms.entropyLoss());
        m.put(MetricKeys.POLICY_LOSS, terms.policyLoss());
        m.put(MetricKeys.VALUE_LOSS, terms.valueLoss());
        m.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        m.put(MetricKeys.N_UPDATES, (double) updates);
        m.put(MetricKeys.LEARNING_RATE, lr);
        return m;
    }
}
