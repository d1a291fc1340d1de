package org.npg4j.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * The natural policy gradient (Kakade 2001) on sampled data: g the policy gradient of the surrogate, the natural
 * direction x = (F + λI)^{-1} g by conjugate gradient on Fisher-vector products — the least-squares solution of
 * compatible function approximation (Lemma 11.2 of the lecture notes; Kakade 2001) — and θ ← θ + η x with a fixed η or η = √(2δ / xᵀFx).
 */
public final class Npg implements OnPolicyAlgorithm {
    private final NpgConfig config;
    private final ActorCriticPolicy policy;
    private final NaturalGradient natural;
    private final CriticFit critic;
    private final FullBatch full = new FullBatch();
    private long updates;

    public Npg(NpgConfig config, ActorCriticPolicy policy, int rolloutSize, long shuffleSeed) {
        this.config = config;
        this.policy = policy;
        this.natural = new NaturalGradient(policy, rolloutSize);
        this.critic = new CriticFit(policy, config.batchSize(), shuffleSeed);
    }

    public NpgConfig config() {
        return config;
    }

    /** Entries: the critic's under {@code critic/}, {@code updates}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        critic.writeCheckpoint(out.scope("critic"));
        out.putLong("updates", updates);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        critic.readCheckpoint(in.scope("critic"));
        updates = in.longValue("updates");
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        Minibatch mb = full.gather(buffer, config.normalizeAdvantage());
        double[] advantages = full.advantages();
        natural.surrogateGradient(mb, advantages);
        ConjugateGradient.Result cg = natural.direction(mb, config.cgMaxSteps(), config.cgDamping());
        double[] x = cg.x();
        Check.finite("NPG", updates, "x'Fx", NaturalGradient.dot(x, cg.ax()));
        double eta = config.targetKl() == null ? config.stepSize()
                : NaturalGradient.trustRegionStep(cg, config.targetKl());
        double[] theta = policy.parameters();
        for (int i = 0, actor = policy.actorParameterCount(); i < actor; i++) {
            theta[i] += eta * x[i];
        }
        double kl = natural.meanKl(mb);
        double valueLoss = critic.fit(buffer, config.nCriticUpdates(), config.batchSize(),
                config.learningRate().value(progressRemaining));
        Check.finite("NPG", updates, "value loss", valueLoss);
        updates++;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKeys.POLICY_GRADIENT_NORM, Math.sqrt(NaturalGradient.dot(natural.gradient, natural.gradient)));
        m.put(MetricKeys.STEP_SIZE, eta);
        m.put(MetricKeys.KL_DIVERGENCE_LOSS, kl);
        m.put(MetricKeys.VALUE_LOSS, valueLoss);
        m.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        m.put(MetricKeys.CG_ITERATIONS, (double) cg.iterations());
        m.put(MetricKeys.N_UPDATES, (double) updates);
        return m;
    }
}
