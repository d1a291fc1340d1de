package org.npg4j.algo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Adam;
import org.npg4j.nn.GradientClipping;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * Vanilla policy gradient / REINFORCE with a learned baseline (Williams 1992; Lemma 9.9 of the notes): one Adam step
 * on -mean(Â ∇log π(a|s)) with Â the reward-to-go minus V(s) (GAE with λ = 1), then the baseline is fitted to the
 * returns. Only the actor's parameters take the policy step.
 */
public final class Vpg implements OnPolicyAlgorithm {
    private final VpgConfig config;
    private final ActorCriticPolicy policy;
    private final Adam adam;
    private final CriticFit critic;
    private final double[] grad;
    private final double[] actorParams;
    private final double[] actorGrad;
    private PpoLoss loss;
    private final FullBatch full = new FullBatch();
    private long updates;

    public Vpg(VpgConfig config, ActorCriticPolicy policy, long shuffleSeed) {
        this.config = config;
        this.policy = policy;
        int actor = policy.actorParameterCount();
        this.adam = new Adam(actor, 0.9, 0.999, 1e-8);
        this.critic = new CriticFit(policy, config.batchSize(), shuffleSeed);
        this.grad = new double[policy.parameterCount()];
        this.actorParams = new double[actor];
        this.actorGrad = new double[actor];
    }

    public VpgConfig config() {
        return config;
    }

    /** Entries: {@code adam} (the actor's Adam), the critic's under {@code critic/}, {@code updates}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        out.put("adam", adam.state());
        critic.writeCheckpoint(out.scope("critic"));
        out.putLong("updates", updates);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        adam.restoreState(in.doubles("adam", adam.state().length));
        critic.readCheckpoint(in.scope("critic"));
        updates = in.longValue("updates");
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        if (loss == null) {
            loss = new PpoLoss(buffer.size());
        }
        Minibatch mb = full.gather(buffer, config.normalizeAdvantage());
        double[] advantages = full.advantages();
        Arrays.fill(grad, 0.0);
        PpoLoss.Terms terms = loss.evaluate(policy, mb, advantages, Double.POSITIVE_INFINITY, 0.0, 0.0, 0.0, grad);
        Check.finite("VPG", updates, "policy loss", terms.policyLoss());
        int actor = actorParams.length;
        double[] theta = policy.parameters();
        System.arraycopy(theta, 0, actorParams, 0, actor);
        System.arraycopy(grad, 0, actorGrad, 0, actor);
        if (config.maxGradNorm() > 0) {
            GradientClipping.clipGradNormInPlace(actorGrad, config.maxGradNorm());
        }
        adam.step(actorParams, actorGrad, config.learningRate().value(progressRemaining));
        System.arraycopy(actorParams, 0, theta, 0, actor);
        double valueLoss = critic.fit(buffer, config.nCriticUpdates(), config.batchSize(),
                config.vfLearningRate().value(progressRemaining));
        Check.finite("VPG", updates, "value loss", valueLoss);
        updates++;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKeys.POLICY_GRADIENT_LOSS, terms.policyLoss());
        m.put(MetricKeys.ENTROPY_LOSS, terms.entropyLoss());
        m.put(MetricKeys.VALUE_LOSS, valueLoss);
        m.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        m.put(MetricKeys.N_UPDATES, (double) updates);
        return m;
    }
}
