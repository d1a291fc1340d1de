package org.npg4j.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.util.SideThread;

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
    private final SideThread side;
    private long updates;
    private double valueLoss;
    private ConjugateGradient.Result cg;
    private double eta;

    public Npg(NpgConfig config, ActorCriticPolicy policy, int rolloutSize, long shuffleSeed) {
        this(config, policy, rolloutSize, shuffleSeed, new SideThread("npg4j-critic-fit"));
    }

    /** With the side thread that fits the critic beside the actor's step (tests run it without a helper too). */
    Npg(NpgConfig config, ActorCriticPolicy policy, int rolloutSize, long shuffleSeed, SideThread side) {
        this.side = side;
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
        // The actor's step reads the gathered batch and writes only the actor's parameters, the critic's fit only
        // the critic's (on its own tape): they run side by side and compute what they compute in turn.
        double learningRate = config.learningRate().value(progressRemaining);
        side.run(() -> valueLoss = critic.fit(buffer, config.nCriticUpdates(), config.batchSize(), learningRate),
                () -> actorStep(mb, advantages));
        ConjugateGradient.Result cg = this.cg;
        double eta = this.eta;
        this.cg = null;
        double kl = natural.meanKl(mb);
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

    /** g, x = (F + λI)^{-1} g, θ ← θ + η x on the actor's parameters (the caller's half of {@link #train}). */
    private void actorStep(Minibatch mb, double[] advantages) {
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
        this.cg = cg;
        this.eta = eta;
    }
}
