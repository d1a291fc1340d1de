package org.npg4j.algo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.BacktrackingLineSearch;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.LinearOperator;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActionDistribution;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.util.SideThread;

/**
 * C-TRPO, constrained TRPO with a safe trust region (Milosevic, Müller, Scherf, ICML 2025, arXiv 2411.02957,
 * Algorithm 1; semantics of the authors' code milosen/ctrpo). Per update, with Ĵ_{c_i} the mean episode cost of the
 * rollout ({@link #observeEpisodeCosts}), b_i the per-episode limit and Δb_i = b_i − Ĵ_{c_i} the slack:
 * <ol>
 *   <li><b>mode</b>: safe when every Ĵ_{c_i} &lt; b_i; after a recovery update the safe mode is re-entered only once
 *       every Ĵ_{c_i} &lt; hyst_frac·b_i (hysteresis). A run starts as if recovering (as the reference does), so the
 *       first safe update needs Ĵ_{c_i} &lt; hyst_frac·b_i. Ĵ_{c_i} = NaN (no episode has ended yet) means "no
 *       information": the constraint counts as satisfied with slack Δb_i = b_i. A constraint with Δb_i ≤ 0 forces
 *       recovery.</li>
 *   <li><b>surrogates</b>: L(θ) = mean(Â r_θ) with standardized reward advantages, and the cost-surrogate change
 *       α_i(θ) = (1−γ)^{-1} mean((r_θ − 1) Ā_{c_i}), r_θ = π_θ/π_k, Ā_{c_i} the cost GAE advantages <em>centred
 *       only</em> (as the reference's buffer does: scaling them would change α's units, which Δb_i fixes).</li>
 *   <li><b>safe step</b>: maximize L within D(θ) = KL(π_k‖π_θ) + β Σ_i φ(α_i(θ); Δb_i) ≤ target_kl
 *       ({@link SlackDivergence}; D = +∞ once some α_i ≥ Δb_i). Its Hessian at θ_k is
 *       H = F + β Σ_i φ''(0) g_{c_i} g_{c_i}ᵀ with g_{c_i} = ∇α_i(θ_k) (α_i(θ_k) = 0 and φ'(0) = 0 remove the other
 *       terms); each product H v is one Fisher-vector product plus one dot product per constraint, plus
 *       cg_damping·v. The direction x ≈ H^{-1}∇L by {@code cg_max_steps} CG steps, the step √(2 target_kl / xᵀHx)
 *       x, then backtracking (× {@code line_search_shrinking_factor}, {@code line_search_max_iter} trials) accepting
 *       the first trial whose L improves and whose D, evaluated exactly at the trial (sampled KL plus β φ(α_trial)),
 *       is ≤ target_kl; if none does, θ_k is kept.</li>
 *   <li><b>recovery step</b>: the same TRPO step with D = KL, maximizing −Σ_i mean(r_θ Ā_{c_i}) over the constraints
 *       that fail the safe test (i.e. decreasing their cost surrogates).</li>
 *   <li><b>critics</b>: reward and cost critics fitted by {@code n_critic_updates} epochs of minibatch Adam on their
 *       λ-returns.</li>
 * </ol>
 * Degenerate cases: with g_{c_i} = 0 the rank-one term vanishes (a TRPO step); with β = 0 the cost term is dropped
 * entirely (D = KL, also beyond the boundary); φ''(0) blows up as Δb_i → 0, so the curvature uses
 * max(Δb_i, {@value #MIN_SLACK_FRACTION}·b_i) (the exact D of the line search uses Δb_i itself, so the trust region
 * still excludes α_i ≥ Δb_i).
 */
public final class CTrpo implements ConstrainedAlgorithm {
    /** Floor of Δb_i / b_i in the curvature φ''(0), keeping CG's operator finite as the slack vanishes. */
    static final double MIN_SLACK_FRACTION = 1e-6;

    private final CTrpoConfig config;
    private final RolloutConfig rollout;
    private final ActorCriticPolicy policy;
    private final CostCritic costCritic;
    private final NaturalGradient natural;
    private final CriticFit critic;
    private final CostCriticFit costFit;
    private final FullBatch full = new FullBatch();
    private final int m;
    private final double[] limits;
    private final double[] episodeCosts;
    private final double[] slack;
    private final boolean[] violated;
    private final double[] curvature;
    private final double[][] costGradients;
    private final double[] thetaOld;
    private final double[] weights;
    private final double[] objectiveAdvantages;
    private final double[] costAdvantages;
    private final double[] phi;
    private final double[] psi;
    private final SideThread side;
    private boolean safe;
    private long updates;
    private double valueLoss;
    private double costValueLoss;
    private ConjugateGradient.Result cg;
    private BacktrackingLineSearch.Result<Trial> step;
    private double objective;

    /**
     * @param rollout         the collection settings (γ scales the cost surrogate; n_steps·n_envs sizes the batch)
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critics' minibatch shuffling
     */
    public CTrpo(CTrpoConfig config, RolloutConfig rollout, ActorCriticPolicy policy, CostCritic costCritic,
                 long shuffleSeed, long costShuffleSeed) {
        this(config, rollout, policy, costCritic, shuffleSeed, costShuffleSeed, new SideThread("npg4j-critic-fit"));
    }

    /** With the side thread that fits the critics beside the actor's step (tests run it without a helper too). */
    CTrpo(CTrpoConfig config, RolloutConfig rollout, ActorCriticPolicy policy, CostCritic costCritic,
          long shuffleSeed, long costShuffleSeed, SideThread side) {
        this.side = side;
        if (!(rollout.gamma() < 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1) (α carries a factor 1/(1-gamma)), got "
                    + rollout.gamma());
        }
        int rolloutSize = rollout.size();
        this.m = costCritic.costCount();
        CostLimit.requireOnePerSignal(config.costLimits(), m);
        this.config = config;
        this.rollout = rollout;
        this.policy = policy;
        this.costCritic = costCritic;
        this.natural = new NaturalGradient(policy, rolloutSize);
        this.critic = new CriticFit(policy, config.trpo().batchSize(), shuffleSeed);
        this.costFit = new CostCriticFit(costCritic, config.trpo().batchSize(), costShuffleSeed);
        this.limits = config.costLimits();
        this.episodeCosts = new double[m];
        Arrays.fill(episodeCosts, Double.NaN);
        this.slack = new double[m];
        this.violated = new boolean[m];
        this.curvature = new double[m];
        int p = policy.parameterCount();
        this.costGradients = new double[m][p];
        this.thetaOld = new double[p];
        this.weights = new double[rolloutSize];
        this.objectiveAdvantages = new double[rolloutSize];
        this.costAdvantages = new double[rolloutSize * m];
        this.phi = new double[rolloutSize * policy.distribution().parameterSize()];
        this.psi = new double[policy.distribution().sharedParameterSize()];
    }

    public CTrpoConfig config() {
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

    /** Whether the last update was in the safe mode (false before the first update: the run starts recovering). */
    public boolean safeMode() {
        return safe;
    }

    /** Entries: the critics' under {@code critic/} and {@code cost_critic/}, {@code updates}, {@code safe_mode}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        critic.writeCheckpoint(out.scope("critic"));
        costFit.writeCheckpoint(out.scope("cost_critic"));
        out.putLong("updates", updates);
        out.putLong("safe_mode", safe ? 1 : 0);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        critic.readCheckpoint(in.scope("critic"));
        costFit.readCheckpoint(in.scope("cost_critic"));
        updates = in.longValue("updates");
        safe = in.intValue("safe_mode", 0, 1) == 1;
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        // The critics' fits read the rollout and write only their own networks; the actor's step reads the rollout
        // and writes only the actor's parameters: they run side by side and compute what they compute in turn.
        double lr = config.trpo().learningRate().value(progressRemaining);
        side.run(() -> {
            valueLoss = critic.fit(buffer, config.trpo().nCriticUpdates(), config.trpo().batchSize(), lr);
            costValueLoss = costFit.fit(buffer, config.trpo().nCriticUpdates(), config.trpo().batchSize(), lr);
        }, () -> actorStep(buffer));
        double objective = this.objective;
        ConjugateGradient.Result cg = this.cg;
        BacktrackingLineSearch.Result<Trial> step = this.step;
        this.cg = null;
        this.step = null;
        // Without an accepted step θ_k stays: no change of α, D or the objective.
        Trial accepted = step.accepted() ? step.value() : new Trial(objective, 0.0, new double[m]);
        double divergence = step.accepted() ? divergence(accepted) : 0.0;
        Check.finite("C-TRPO", updates, "value loss", valueLoss);
        Check.finite("C-TRPO", updates, "cost value loss", costValueLoss);
        updates++;

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricKeys.CTRPO_MODE, safe ? 1.0 : 0.0);
        for (int i = 0; i < m; i++) {
            String suffix = i == 0 ? "" : "_" + i;
            out.put(MetricKeys.SLACK + suffix, slack[i]);
            out.put(MetricKeys.COST_SURROGATE + suffix, accepted.alphas()[i]);
        }
        out.put(MetricKeys.DIVERGENCE, divergence);
        out.put(MetricKeys.POLICY_OBJECTIVE, objective);
        out.put(MetricKeys.POLICY_OBJECTIVE_GAIN, accepted.objective() - objective);
        out.put(MetricKeys.VALUE_LOSS, valueLoss);
        out.put(MetricKeys.COST_VALUE_LOSS, costValueLoss);
        out.put(MetricKeys.KL_DIVERGENCE_LOSS, accepted.kl());
        out.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        out.put(MetricKeys.IS_LINE_SEARCH_SUCCESS, step.accepted() ? 1.0 : 0.0);
        out.put(MetricKeys.CG_ITERATIONS, (double) cg.iterations());
        out.put(MetricKeys.N_UPDATES, (double) updates);
        out.put(MetricKeys.LEARNING_RATE, lr);
        return out;
    }

    /** The mode, the direction and the line search of one update (the caller's half of {@link #train}). */
    private void actorStep(RolloutBuffer buffer) {
        chooseMode();
        Minibatch mb = prepare(buffer);
        Trial atOld = trial(mb);
        double objective = atOld.objective();
        Check.finite("C-TRPO", updates, "policy objective", objective);
        for (int i = 0; i < m; i++) {
            Check.finite("C-TRPO", updates, "cost surrogate gradient" + (i == 0 ? "" : " " + i),
                    NaturalGradient.dot(costGradients[i], costGradients[i]));
        }
        ConjugateGradient.Result cg = natural.direction(hessianOperator(mb, config.trpo().cgDamping()),
                config.trpo().cgMaxSteps());
        Check.finite("C-TRPO", updates, "x'Hx", NaturalGradient.dot(cg.x(), cg.ax()));
        double maxStep = NaturalGradient.trustRegionStep(cg, config.trpo().targetKl());
        double[] theta = policy.parameters();
        int actor = policy.actorParameterCount();
        System.arraycopy(theta, 0, thetaOld, 0, actor);
        this.step = BacktrackingLineSearch.search(theta, thetaOld, actor, cg.x(), maxStep,
                config.trpo().lineSearchShrinkingFactor(), config.trpo().lineSearchMaxIter(), () -> trial(mb),
                t -> t.objective() > objective && divergence(t) <= config.trpo().targetKl());
        this.cg = cg;
        this.objective = objective;
    }

    /**
     * Sets the mode of this update from the observed episode costs and the previous mode (hysteresis), the slacks
     * Δb_i and the constraints to recover.
     */
    void chooseMode() {
        boolean allPass = true;
        for (int i = 0; i < m; i++) {
            double jc = episodeCosts[i];
            slack[i] = Double.isNaN(jc) ? limits[i] : limits[i] - jc;
            double threshold = safe ? limits[i] : config.hystFrac() * limits[i];
            boolean pass = slack[i] > 0 && (Double.isNaN(jc) || jc < threshold);
            violated[i] = !pass;
            allPass &= pass;
        }
        safe = allPass;
        for (int i = 0; i < m; i++) {
            double s = Math.max(slack[i], MIN_SLACK_FRACTION * limits[i]);
            curvature[i] = safe ? config.beta() * config.divergence().secondDerivative(0.0, s) : 0.0;
        }
    }

    /**
     * The whole rollout as one batch at θ_k: the objective's advantages (standardized reward advantages in the safe
     * mode, minus the summed centred cost advantages of the violated constraints in recovery), the centred cost
     * advantages, π_k's snapshot, g = ∇L(θ_k) (in {@code natural.gradient}) and g_{c_i} = ∇α_i(θ_k).
     */
    Minibatch prepare(RolloutBuffer buffer) {
        Minibatch mb = full.gather(buffer, config.trpo().normalizeAdvantage());
        int n = mb.size();
        for (int i = 0; i < m; i++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += mb.costAdvantages[r * m + i];
            }
            mean /= n;
            for (int r = 0; r < n; r++) {
                costAdvantages[r * m + i] = mb.costAdvantages[r * m + i] - mean;
            }
        }
        if (safe) {
            System.arraycopy(full.advantages(), 0, objectiveAdvantages, 0, n);
        } else {
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    if (violated[i]) {
                        s -= costAdvantages[r * m + i];
                    }
                }
                objectiveAdvantages[r] = s;
            }
        }
        natural.surrogateGradient(mb, objectiveAdvantages);
        // The batch pass of surrogateGradient is still recorded: one more reverse pass per constraint.
        double scale = 1.0 / (n * (1 - rollout.gamma()));
        for (int i = 0; i < m; i++) {
            Arrays.fill(costGradients[i], 0.0);
            if (curvature[i] == 0.0) {
                continue;
            }
            for (int r = 0; r < n; r++) {
                weights[r] = costAdvantages[r * m + i] * scale;
            }
            policy.gradientOfLastEvaluation(mb.actions, n, weights, null, null, costGradients[i]);
        }
        return mb;
    }

    /** H v = (F + damping·I) v + Σ_i β φ''(0) g_{c_i} (g_{c_i}ᵀ v) at θ_k on the prepared batch (never a matrix). */
    LinearOperator hessianOperator(Minibatch mb, double damping) {
        LinearOperator fisher = policy.fisherOperator(mb.observations, mb.size(), damping);
        return (v, out) -> {
            fisher.apply(v, out);
            for (int i = 0; i < m; i++) {
                if (curvature[i] == 0.0) {
                    continue;
                }
                double[] gc = costGradients[i];
                double c = curvature[i] * NaturalGradient.dot(gc, v);
                for (int j = 0; j < out.length; j++) {
                    out[j] += c * gc[j];
                }
            }
        };
    }

    /** g_{c_i} = ∇α_i(θ_k) of the last {@link #prepare} (zero when the mode ignores constraint i); live array. */
    double[] costGradient(int i) {
        return costGradients[i];
    }

    /**
     * A trial of the line search at some θ: the objective mean(A r_θ), the mean KL(π_k‖π_θ) and the cost-surrogate
     * changes α_i(θ) = (1−γ)^{-1} mean((r_θ − 1) Ā_{c_i}).
     */
    record Trial(double objective, double kl, double[] alphas) {
    }

    /** One forward pass at the current θ. */
    Trial trial(Minibatch mb) {
        int n = mb.size();
        policy.distributionParameters(mb.observations, n, phi, psi);
        ActionDistribution dist = policy.distribution();
        int k = dist.parameterSize();
        int as = dist.actionSize();
        double s = 0;
        double kl = 0;
        double[] alphas = new double[m];
        for (int r = 0; r < n; r++) {
            double ratio = Math.exp(dist.logProb(phi, r * k, psi, 0, mb.actions, r * as) - mb.oldLogProbs[r]);
            s += objectiveAdvantages[r] * ratio;
            kl += dist.klDivergence(natural.oldPhi, r * k, natural.oldPsi, 0, phi, r * k, psi, 0);
            for (int i = 0; i < m; i++) {
                alphas[i] += (ratio - 1) * costAdvantages[r * m + i];
            }
        }
        double scale = 1.0 / (n * (1 - rollout.gamma()));
        for (int i = 0; i < m; i++) {
            alphas[i] *= scale;
        }
        return new Trial(s / n, kl / n, alphas);
    }

    /** D = KL + β Σ_i φ(α_i; Δb_i) of a trial in the safe mode (β = 0: KL), KL in recovery. */
    double divergence(Trial t) {
        if (!safe || config.beta() == 0.0) {
            return t.kl();
        }
        double d = t.kl();
        for (int i = 0; i < m; i++) {
            d += config.beta() * config.divergence().phi(t.alphas()[i], slack[i]);
        }
        return d;
    }

    /** Δb_i of the current update. */
    double slack(int i) {
        return slack[i];
    }
}
