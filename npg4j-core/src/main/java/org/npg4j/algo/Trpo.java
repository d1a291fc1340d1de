package org.npg4j.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.BacktrackingLineSearch;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.util.SideThread;

/**
 * TRPO's update (Schulman et al. 2015; sb3-contrib semantics) on the whole rollout:
 * <ol>
 *   <li>surrogate L(θ) = mean(Â r_θ) with normalized advantages, its gradient g at θ_old;</li>
 *   <li>direction x = (F + λI)^{-1} g by {@code cg_max_steps} conjugate-gradient steps on Fisher-vector products
 *       (λ = {@code cg_damping});</li>
 *   <li>maximal step β = √(2δ / xᵀ(F+λI)x), δ = {@code target_kl};</li>
 *   <li>backtracking: θ = θ_old + c β x for c = 1, f, f², ... ({@code line_search_shrinking_factor},
 *       {@code line_search_max_iter} trials), accepting the first θ whose sampled mean KL(π_old||π_θ) is below δ
 *       and whose surrogate improves; if none does, θ_old is kept;</li>
 *   <li>the critic: {@code n_critic_updates} epochs of minibatch Adam on the value loss.</li>
 * </ol>
 */
public final class Trpo implements OnPolicyAlgorithm {
    private final TrpoConfig config;
    private final ActorCriticPolicy policy;
    private final NaturalGradient natural;
    private final CriticFit critic;
    private final double[] thetaOld;
    private final FullBatch full = new FullBatch();
    private long updates;
    private final SideThread side;
    /** Results of the two halves of an update, read after both have finished. */
    private double objective;
    private ConjugateGradient.Result cg;
    private BacktrackingLineSearch.Result<NaturalGradient.Trial> step;
    private double valueLoss;

    public Trpo(TrpoConfig config, ActorCriticPolicy policy, int rolloutSize, long shuffleSeed) {
        this(config, policy, rolloutSize, shuffleSeed, new SideThread("npg4j-critic-fit"));
    }

    /** As the public constructor, with the critic's fit run on {@code side} (tests compare with and without). */
    Trpo(TrpoConfig config, ActorCriticPolicy policy, int rolloutSize, long shuffleSeed, SideThread side) {
        this.side = side;
        this.config = config;
        this.policy = policy;
        this.natural = new NaturalGradient(policy, rolloutSize);
        this.critic = new CriticFit(policy, config.batchSize(), shuffleSeed);
        this.thetaOld = new double[policy.parameterCount()];
    }

    public TrpoConfig config() {
        return config;
    }

    /** Number of updates so far (train/n_updates). */
    public long updates() {
        return updates;
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
        return train(buffer, mb, full.advantages(), progressRemaining);
    }

    /**
     * The TRPO update of the rollout {@code buffer}, gathered whole into {@code mb}, with the surrogate's advantages
     * supplied by the caller ({@link #train(RolloutBuffer, double)} passes the normalized reward advantages, the
     * Lagrangian variant its combined reward-cost advantages); the critic is fitted to the reward returns.
     */
    Map<String, Double> train(RolloutBuffer buffer, Minibatch mb, double[] advantages, double progressRemaining) {
        // The actor's step reads and writes only the actor's parameters, the critic's fit only the critic's (on its
        // own tape): they run side by side, and compute what they compute one after the other.
        double[] theta = policy.parameters();
        System.arraycopy(theta, 0, thetaOld, 0, policy.actorParameterCount());
        double learningRate = config.learningRate().value(progressRemaining);
        side.run(() -> valueLoss = critic.fit(buffer, config.nCriticUpdates(), config.batchSize(), learningRate),
                () -> actorStep(mb, advantages));
        double objective = this.objective;
        ConjugateGradient.Result cg = this.cg;
        BacktrackingLineSearch.Result<NaturalGradient.Trial> step = this.step;
        double valueLoss = this.valueLoss;
        this.cg = null;
        this.step = null;
        double kl = step.accepted() ? step.value().kl() : 0.0;
        Check.finite("TRPO", updates, "value loss", valueLoss);
        updates++;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKeys.POLICY_OBJECTIVE, objective);
        m.put(MetricKeys.VALUE_LOSS, valueLoss);
        m.put(MetricKeys.KL_DIVERGENCE_LOSS, kl);
        m.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        m.put(MetricKeys.IS_LINE_SEARCH_SUCCESS, step.accepted() ? 1.0 : 0.0);
        m.put(MetricKeys.CG_ITERATIONS, (double) cg.iterations());
        m.put(MetricKeys.N_UPDATES, (double) updates);
        m.put(MetricKeys.LEARNING_RATE, config.learningRate().value(progressRemaining));
        return m;
    }

    /** The policy step: surrogate gradient, conjugate gradient on the Fisher operator, line search. */
    private void actorStep(Minibatch mb, double[] advantages) {
        double objective = natural.surrogateGradient(mb, advantages);
        ConjugateGradient.Result cg = natural.direction(mb, config.cgMaxSteps(), config.cgDamping());
        Check.finite("TRPO", updates, "x'Fx", NaturalGradient.dot(cg.x(), cg.ax()));
        double maxStep = NaturalGradient.trustRegionStep(cg, config.targetKl());
        this.objective = objective;
        this.cg = cg;
        this.step = BacktrackingLineSearch.search(policy.parameters(), thetaOld, policy.actorParameterCount(), cg.x(),
                maxStep, config.lineSearchShrinkingFactor(), config.lineSearchMaxIter(),
                () -> natural.surrogateAndKl(mb, advantages),
                t -> t.kl() < config.targetKl() && t.surrogate() > objective);
    }
}
