package org.npg4j.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.BacktrackingLineSearch;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.LinearOperator;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

/**
 * CPO, Constrained Policy Optimization (Achiam, Held, Tamar, Abbeel, ICML 2017, Algorithm 1; line search as the
 * authors' code), for m ≥ 1 cost constraints. Per update, on the whole rollout at θ_k:
 * <ol>
 *   <li><b>linearization</b>: the reward surrogate's gradient g (standardized reward advantages, as TRPO), the cost
 *       surrogate's gradient b = ∇α(θ_k) ({@link LinearizedCost}: centred cost advantages, scaled by (1−γ)^{-1}) and
 *       the constraint value c = Ĵ_c − b_limit;</li>
 *   <li><b>curvature</b>: v = H⁻¹g and w = H⁻¹b by {@code cg_max_steps} CG steps on H = F + {@code cg_damping}·I,
 *       then q = gᵀv, r = gᵀw, s = bᵀw;</li>
 *   <li><b>step</b>: the solution of max gᵀx s.t. bᵀx + c ≤ 0, ½xᵀHx ≤ {@code target_kl} from its dual in closed
 *       form ({@link CpoDual}), x = (v − νw)/λ; when no x is feasible, the recovery step x = −√(2δ/s) w;</li>
 *   <li><b>line search</b>: θ = θ_k + f^j x for j = 0, 1, … ({@code line_search_shrinking_factor},
 *       {@code line_search_max_iter} trials), accepting the first θ whose sampled KL(π_k‖π_θ) ≤ target_kl, whose
 *       cost-surrogate change α(θ) ≤ max(−c, 0), and, when θ_k satisfies the linearized constraint, whose reward
 *       surrogate improves; if none does, θ_k is kept;</li>
 *   <li><b>critics</b>: reward and cost critics fitted by {@code n_critic_updates} epochs of minibatch Adam.</li>
 * </ol>
 * With m ≥ 2 constraints (one per cost signal, {@code cost_limit} a list) the same update runs with the linearized
 * constraints b_iᵀx + c_i ≤ 0 of all of them: w_i = H⁻¹b_i by CG for each, the step from the m-dimensional dual
 * ({@link CpoDual#solve(double, double[], double[][], double[], double, double[])}), whose recovery step, when no
 * point of the trust region satisfies every linearized constraint, heads for the nearest point of their intersection;
 * the line search asks α_i(θ) ≤ max(−c_i, 0) of each. One constraint keeps the closed form.
 */
public final class Cpo implements ConstrainedAlgorithm {
    private final CpoConfig config;
    private final ActorCriticPolicy policy;
    private final ConstraintPart constraint;
    private final NaturalGradient natural;
    private final LinearizedCost cost;
    private final FullBatch full = new FullBatch();
    private final ConjugateGradient.Workspace costWorkspace;
    private final double[] thetaOld;
    private final double[] v;
    private final double[] x;
    /** w_i = H⁻¹b_i of the update with m ≥ 2 constraints. */
    private final double[][] ws;

    /**
     * @param rollout         the collection settings (γ scales the cost surrogate; n_steps·n_envs sizes the batch)
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critic's minibatch shuffling
     */
    public Cpo(CpoConfig config, RolloutConfig rollout, ActorCriticPolicy policy, CostCritic costCritic,
               long shuffleSeed, long costShuffleSeed) {
        this.config = config;
        this.policy = policy;
        this.constraint = new ConstraintPart("CPO", config.costLimits(), policy, costCritic,
                config.trpo().batchSize(), shuffleSeed, costShuffleSeed);
        this.natural = new NaturalGradient(policy, rollout.size());
        this.cost = new LinearizedCost(policy, natural, rollout.gamma(), rollout.size(), constraint.m);
        int p = policy.parameterCount();
        this.costWorkspace = new ConjugateGradient.Workspace(p);
        this.ws = new double[constraint.m][];
        this.thetaOld = new double[p];
        this.v = new double[p];
        this.x = new double[p];
    }

    public CpoConfig config() {
        return config;
    }

    @Override
    public CostCritic costCritic() {
        return constraint.costCritic;
    }

    @Override
    public double[] costLimits() {
        return constraint.limits();
    }

    @Override
    public void observeEpisodeCosts(double[] costs) {
        constraint.observe(costs);
    }

    /** Entries: the critics' under {@code critic/} and {@code cost_critic/}, {@code updates}. */
    @Override
    public void writeCheckpoint(StateMap out) {
        constraint.writeCheckpoint(out);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        constraint.readCheckpoint(in);
    }

    @Override
    public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
        if (constraint.m > 1) {
            return trainSeveral(buffer, progressRemaining);
        }
        TrpoConfig trpo = config.trpo();
        // 1. Linearization at θ_k: g, b and c.
        Minibatch mb = full.gather(buffer, trpo.normalizeAdvantage());
        double[] advantages = full.advantages();
        double objective = natural.surrogateGradient(mb, advantages);
        Check.finite("CPO", constraint.updates, "policy objective", objective);
        cost.prepare(mb);
        double[] b = cost.gradient();
        double bb = NaturalGradient.dot(b, b);
        Check.finite("CPO", constraint.updates, "cost surrogate gradient", bb);
        double c = LinearizedCost.constraintValue(constraint.episodeCost(0), constraint.limit(0));

        // 2. v = H⁻¹g and w = H⁻¹b on one Fisher operator at θ_k.
        LinearOperator h = policy.fisherOperator(mb.observations, mb.size(), trpo.cgDamping());
        ConjugateGradient.Result cgV = natural.direction(h, trpo.cgMaxSteps());
        System.arraycopy(cgV.x(), 0, v, 0, v.length);
        ConjugateGradient.Result cgW = ConjugateGradient.solve(h, b, trpo.cgMaxSteps(), 1e-10, costWorkspace);
        double[] w = cgW.x();
        double q = NaturalGradient.dot(natural.gradient, v);
        double r = NaturalGradient.dot(natural.gradient, w);
        double s = NaturalGradient.dot(b, w);
        Check.finite("CPO", constraint.updates, "g'H^-1g", q);
        Check.finite("CPO", constraint.updates, "b'H^-1b", s);

        // 3. The step problem's solution.
        CpoDual.Step dual = CpoDual.solve(q, r, s, c, trpo.targetKl(), bb);
        for (int i = 0; i < x.length; i++) {
            x[i] = dual.vCoef() * v[i] + dual.wCoef() * w[i];
        }

        // 4. Backtracking from the full step.
        double[] theta = policy.parameters();
        int actor = policy.actorParameterCount();
        System.arraycopy(theta, 0, thetaOld, 0, actor);
        double costBound = Math.max(-c, 0.0);
        boolean needGain = dual.kind().startsFeasible();
        boolean moves = dual.vCoef() != 0 || dual.wCoef() != 0;
        BacktrackingLineSearch.Result<LinearizedCost.Trial> step = BacktrackingLineSearch.search(theta, thetaOld,
                actor, x, moves ? 1.0 : 0.0, trpo.lineSearchShrinkingFactor(), trpo.lineSearchMaxIter(),
                () -> cost.trial(mb, advantages),
                t -> t.kl() <= trpo.targetKl() && t.alpha() <= costBound && (!needGain || t.surrogate() > objective));
        LinearizedCost.Trial accepted = step.accepted() ? step.value() : new LinearizedCost.Trial(objective, 0, new double[1]);

        // 5. Critics.
        double lr = trpo.learningRate().value(progressRemaining);
        double[] losses = constraint.fitCriticsAndCount(buffer, trpo.nCriticUpdates(), trpo.batchSize(), lr);
        double valueLoss = losses[0];
        double costValueLoss = losses[1];

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricKeys.CPO_CASE, (double) dual.kind().ordinal());
        out.put(MetricKeys.COST_MULTIPLIER, dual.nu());
        out.put(MetricKeys.SLACK, -c);
        out.put(MetricKeys.COST_SURROGATE, accepted.alpha());
        out.put(MetricKeys.POLICY_OBJECTIVE, objective);
        out.put(MetricKeys.POLICY_OBJECTIVE_GAIN, accepted.surrogate() - objective);
        out.put(MetricKeys.VALUE_LOSS, valueLoss);
        out.put(MetricKeys.COST_VALUE_LOSS, costValueLoss);
        out.put(MetricKeys.KL_DIVERGENCE_LOSS, accepted.kl());
        out.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        out.put(MetricKeys.IS_LINE_SEARCH_SUCCESS, step.accepted() ? 1.0 : 0.0);
        out.put(MetricKeys.CG_ITERATIONS, (double) Math.max(cgV.iterations(), cgW.iterations()));
        out.put(MetricKeys.N_UPDATES, (double) constraint.updates);
        out.put(MetricKeys.LEARNING_RATE, lr);
        return out;
    }

    /** The update with m ≥ 2 constraints: as {@link #train} with every constraint linearized. */
    private Map<String, Double> trainSeveral(RolloutBuffer buffer, double progressRemaining) {
        TrpoConfig trpo = config.trpo();
        int m = constraint.m;
        // 1. Linearization at θ_k: g, every b_i and c_i.
        Minibatch mb = full.gather(buffer, trpo.normalizeAdvantage());
        double[] advantages = full.advantages();
        double objective = natural.surrogateGradient(mb, advantages);
        Check.finite("CPO", constraint.updates, "policy objective", objective);
        cost.prepare(mb);
        double[] bb = new double[m];
        for (int i = 0; i < m; i++) {
            bb[i] = NaturalGradient.dot(cost.gradient(i), cost.gradient(i));
            Check.finite("CPO", constraint.updates, "cost surrogate gradient " + i, bb[i]);
        }
        double[] c = constraint.constraintValues();

        // 2. v = H⁻¹g and w_i = H⁻¹b_i on one Fisher operator at θ_k.
        LinearOperator h = policy.fisherOperator(mb.observations, mb.size(), trpo.cgDamping());
        ConjugateGradient.Result cgV = natural.direction(h, trpo.cgMaxSteps());
        System.arraycopy(cgV.x(), 0, v, 0, v.length);
        int cgSteps = cgV.iterations();
        for (int i = 0; i < m; i++) {
            ConjugateGradient.Result cgW = ConjugateGradient.solve(h, cost.gradient(i), trpo.cgMaxSteps(), 1e-10,
                    costWorkspace);
            ws[i] = cgW.x().clone();
            cgSteps = Math.max(cgSteps, cgW.iterations());
        }
        double q = NaturalGradient.dot(natural.gradient, v);
        Check.finite("CPO", constraint.updates, "g'H^-1g", q);
        double[] r = new double[m];
        double[][] s = new double[m][m];
        for (int i = 0; i < m; i++) {
            r[i] = NaturalGradient.dot(natural.gradient, ws[i]);
            for (int j = 0; j <= i; j++) {
                // Symmetrized: CG's w_i are approximate, so b_iᵀw_j and b_jᵀw_i differ slightly.
                double sij = 0.5 * (NaturalGradient.dot(cost.gradient(i), ws[j])
                        + NaturalGradient.dot(cost.gradient(j), ws[i]));
                s[i][j] = sij;
                s[j][i] = sij;
            }
            Check.finite("CPO", constraint.updates, "b'H^-1b " + i, s[i][i]);
        }

        // 3. The step problem's solution.
        CpoDual.MultiStep dual = CpoDual.solve(q, r, s, c, trpo.targetKl(), bb);
        boolean moves = dual.vCoef() != 0;
        for (int k = 0; k < x.length; k++) {
            x[k] = dual.vCoef() * v[k];
        }
        for (int i = 0; i < m; i++) {
            double wc = dual.wCoefs()[i];
            moves |= wc != 0;
            for (int k = 0; k < x.length; k++) {
                x[k] += wc * ws[i][k];
            }
        }

        // 4. Backtracking from the full step.
        double[] theta = policy.parameters();
        int actor = policy.actorParameterCount();
        System.arraycopy(theta, 0, thetaOld, 0, actor);
        double[] costBounds = new double[m];
        for (int i = 0; i < m; i++) {
            costBounds[i] = Math.max(-c[i], 0.0);
        }
        boolean needGain = dual.kind().startsFeasible();
        BacktrackingLineSearch.Result<LinearizedCost.Trial> step = BacktrackingLineSearch.search(theta, thetaOld,
                actor, x, moves ? 1.0 : 0.0, trpo.lineSearchShrinkingFactor(), trpo.lineSearchMaxIter(),
                () -> cost.trial(mb, advantages),
                t -> t.kl() <= trpo.targetKl() && withinBounds(t.alphas(), costBounds)
                        && (!needGain || t.surrogate() > objective));
        LinearizedCost.Trial accepted = step.accepted() ? step.value()
                : new LinearizedCost.Trial(objective, 0, new double[m]);

        // 5. Critics.
        double lr = trpo.learningRate().value(progressRemaining);
        double[] losses = constraint.fitCriticsAndCount(buffer, trpo.nCriticUpdates(), trpo.batchSize(), lr);

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricKeys.CPO_CASE, (double) dual.kind().ordinal());
        for (int i = 0; i < m; i++) {
            out.put(MetricKeys.indexed(MetricKeys.COST_MULTIPLIER, i), dual.nus()[i]);
            out.put(MetricKeys.indexed(MetricKeys.SLACK, i), -c[i]);
            out.put(MetricKeys.indexed(MetricKeys.COST_SURROGATE, i), accepted.alphas()[i]);
        }
        out.put(MetricKeys.POLICY_OBJECTIVE, objective);
        out.put(MetricKeys.POLICY_OBJECTIVE_GAIN, accepted.surrogate() - objective);
        out.put(MetricKeys.VALUE_LOSS, losses[0]);
        out.put(MetricKeys.COST_VALUE_LOSS, losses[1]);
        out.put(MetricKeys.KL_DIVERGENCE_LOSS, accepted.kl());
        out.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        out.put(MetricKeys.IS_LINE_SEARCH_SUCCESS, step.accepted() ? 1.0 : 0.0);
        out.put(MetricKeys.CG_ITERATIONS, (double) cgSteps);
        out.put(MetricKeys.N_UPDATES, (double) constraint.updates);
        out.put(MetricKeys.LEARNING_RATE, lr);
        return out;
    }

    /** Whether every α_i ≤ bound_i. */
    static boolean withinBounds(double[] alphas, double[] bounds) {
        for (int i = 0; i < alphas.length; i++) {
            if (!(alphas[i] <= bounds[i])) {
                return false;
            }
        }
        return true;
    }
}
