package org.npg4j.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.LinearOperator;
import org.npg4j.math.StateMap;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

/**
 * PCPO, Projection-Based Constrained Policy Optimization (Yang, Rosca, Narasimhan, Ramadge, ICLR 2020, Algorithm 1
 * and eq. 12), for m ≥ 1 cost constraints. Per update, on the whole rollout at θ_k:
 * <ol>
 *   <li><b>linearization</b>: the reward surrogate's gradient g (standardized reward advantages, as TRPO), the cost
 *       surrogate's gradient a = ∇α(θ_k) ({@link LinearizedCost}: centred cost advantages, scaled by (1−γ)^{-1}) and
 *       the constraint value c = Ĵ_c − b_limit;</li>
 *   <li><b>reward step</b>: TRPO's, x_r = √(2δ / vᵀHv) v with v = H⁻¹g by {@code cg_max_steps} CG steps on
 *       H = F + {@code cg_damping}·I and δ = {@code target_kl};</li>
 *   <li><b>projection</b> onto the linearized constraint set {x : aᵀx + c ≤ 0} in the metric L (H for
 *       {@code projection: kl}, I for {@code l2}): x = x_r − max(0, (aᵀx_r + c)/(aᵀL⁻¹a)) L⁻¹a, with L⁻¹a by CG
 *       for kl. The projected step is taken whole, θ_{k+1} = θ_k + x, as in the paper's Algorithm 1: there is no
 *       line search (when θ_k violates the constraint the projection may need more KL than δ to reach the
 *       set);</li>
 *   <li><b>critics</b>: reward and cost critics fitted by {@code n_critic_updates} epochs of minibatch Adam.</li>
 * </ol>
 * With m ≥ 2 constraints (one per cost signal, {@code cost_limit} a list) the reward step is projected onto the
 * intersection of the half-spaces {x : a_iᵀx + c_i ≤ 0} in the metric L ({@link #projectInPlace(double[], double[][],
 * double[][], double[])}, the projection's m-dimensional dual solved exactly); one constraint keeps the closed form.
 */
public final class Pcpo implements ConstrainedAlgorithm {
    private final PcpoConfig config;
    private final ActorCriticPolicy policy;
    private final ConstraintPart constraint;
    private final NaturalGradient natural;
    private final LinearizedCost cost;
    private final FullBatch full = new FullBatch();
    private final ConjugateGradient.Workspace costWorkspace;
    private final double[] x;

    /**
     * @param rollout         the collection settings (γ scales the cost surrogate; n_steps·n_envs sizes the batch)
     * @param shuffleSeed     seed of the reward critic's minibatch shuffling
     * @param costShuffleSeed seed of the cost critic's minibatch shuffling
     */
    public Pcpo(PcpoConfig config, RolloutConfig rollout, ActorCriticPolicy policy, CostCritic costCritic,
                long shuffleSeed, long costShuffleSeed) {
        this.config = config;
        this.policy = policy;
        this.constraint = new ConstraintPart("PCPO", config.costLimits(), policy, costCritic,
                config.trpo().batchSize(), shuffleSeed, costShuffleSeed);
        this.natural = new NaturalGradient(policy, rollout.size());
        this.cost = new LinearizedCost(policy, natural, rollout.gamma(), rollout.size(), constraint.m);
        this.costWorkspace = new ConjugateGradient.Workspace(policy.parameterCount());
        this.x = new double[policy.parameterCount()];
    }

    public PcpoConfig config() {
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
        // 1. Linearization at θ_k: g, a and c.
        Minibatch mb = full.gather(buffer, trpo.normalizeAdvantage());
        double[] advantages = full.advantages();
        double objective = natural.surrogateGradient(mb, advantages);
        Check.finite("PCPO", constraint.updates, "policy objective", objective);
        cost.prepare(mb);
        double[] a = cost.gradient();
        Check.finite("PCPO", constraint.updates, "cost surrogate gradient", NaturalGradient.dot(a, a));
        double c = LinearizedCost.constraintValue(constraint.episodeCost(0), constraint.limit(0));

        // 2. The reward step x_r = β H⁻¹g.
        LinearOperator h = policy.fisherOperator(mb.observations, mb.size(), trpo.cgDamping());
        ConjugateGradient.Result cg = natural.direction(h, trpo.cgMaxSteps());
        Check.finite("PCPO", constraint.updates, "x'Hx", NaturalGradient.dot(cg.x(), cg.ax()));
        double beta = NaturalGradient.trustRegionStep(cg, trpo.targetKl());
        for (int i = 0; i < x.length; i++) {
            x[i] = beta * cg.x()[i];
        }

        // 3. The projection onto aᵀx + c ≤ 0 in the metric L.
        int cgSteps = cg.iterations();
        double[] metricInverseA = a;
        if (config.projection() == PcpoProjection.KL) {
            ConjugateGradient.Result cgA = ConjugateGradient.solve(h, a, trpo.cgMaxSteps(), 1e-10, costWorkspace);
            metricInverseA = cgA.x();
            cgSteps = Math.max(cgSteps, cgA.iterations());
        }
        double projection = projectInPlace(x, a, metricInverseA, c);

        // 4. θ_{k+1} = θ_k + x.
        double[] theta = policy.parameters();
        int actor = policy.actorParameterCount();
        for (int i = 0; i < actor; i++) {
            theta[i] += x[i];
        }
        LinearizedCost.Trial after = cost.trial(mb, advantages);
        Check.finite("PCPO", constraint.updates, "KL after the step", after.kl());

        // 5. Critics.
        double lr = trpo.learningRate().value(progressRemaining);
        double[] losses = constraint.fitCriticsAndCount(buffer, trpo.nCriticUpdates(), trpo.batchSize(), lr);
        double valueLoss = losses[0];
        double costValueLoss = losses[1];

        Map<String, Double> out = new LinkedHashMap<>();
        out.put(MetricKeys.PROJECTION_SIZE, projection);
        out.put(MetricKeys.SLACK, -c);
        out.put(MetricKeys.COST_SURROGATE, after.alpha());
        out.put(MetricKeys.POLICY_OBJECTIVE, objective);
        out.put(MetricKeys.POLICY_OBJECTIVE_GAIN, after.surrogate() - objective);
        out.put(MetricKeys.VALUE_LOSS, valueLoss);
        out.put(MetricKeys.COST_VALUE_LOSS, costValueLoss);
        out.put(MetricKeys.KL_DIVERGENCE_LOSS, after.kl());
        out.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        out.put(MetricKeys.CG_ITERATIONS, (double) cgSteps);
        out.put(MetricKeys.N_UPDATES, (double) constraint.updates);
        out.put(MetricKeys.LEARNING_RATE, lr);
        return out;
    }

    /**
     * Projects the step {@code x} onto {x : aᵀx + c ≤ 0} in the metric L, given L⁻¹a: x ← x − t L⁻¹a with
     * t = max(0, (aᵀx + c)/(aᵀL⁻¹a)) (Yang et al. 2020, eq. 9 with the KKT conditions of a single half-space), and
     * returns t. With aᵀL⁻¹a = 0 (no cost gradient) no projection can change aᵀx, and x is left as it is.
     *
     * @param x              the step, modified
     * @param a              the constraint's normal
     * @param metricInverseA L⁻¹a
     * @param c              the constraint's offset
     */
    static double projectInPlace(double[] x, double[] a, double[] metricInverseA, double c) {
        double curvature = NaturalGradient.dot(a, metricInverseA);
        if (!(curvature > 0)) {
            return 0.0;
        }
        double t = Math.max(0.0, (NaturalGradient.dot(a, x) + c) / curvature);
        for (int i = 0; i < x.length; i++) {
            x[i] -= t * metricInverseA[i];
        }
        return t;
    }

    /** The update with m ≥ 2 constraints: as {@link #train}, projected onto all linearized constraints. */
    private Map<String, Double> trainSeveral(RolloutBuffer buffer, double progressRemaining) {
        TrpoConfig trpo = config.trpo();
        int m = constraint.m;
        // 1. Linearization at θ_k: g, every a_i and c_i.
        Minibatch mb = full.gather(buffer, trpo.normalizeAdvantage());
        double[] advantages = full.advantages();
        double objective = natural.surrogateGradient(mb, advantages);
        Check.finite("PCPO", constraint.updates, "policy objective", objective);
        cost.prepare(mb);
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = cost.gradient(i);
            Check.finite("PCPO", constraint.updates, "cost surrogate gradient " + i, NaturalGradient.dot(a[i], a[i]));
        }
        double[] c = constraint.constraintValues();

        // 2. The reward step x_r = β H⁻¹g.
        LinearOperator h = policy.fisherOperator(mb.observations, mb.size(), trpo.cgDamping());
        ConjugateGradient.Result cg = natural.direction(h, trpo.cgMaxSteps());
        Check.finite("PCPO", constraint.updates, "x'Hx", NaturalGradient.dot(cg.x(), cg.ax()));
        double beta = NaturalGradient.trustRegionStep(cg, trpo.targetKl());
        for (int i = 0; i < x.length; i++) {
            x[i] = beta * cg.x()[i];
        }

        // 3. The projection onto the intersection of a_iᵀx + c_i ≤ 0 in the metric L.
        int cgSteps = cg.iterations();
        double[][] metricInverseA = a;
        if (config.projection() == PcpoProjection.KL) {
            metricInverseA = new double[m][];
            for (int i = 0; i < m; i++) {
                ConjugateGradient.Result cgA = ConjugateGradient.solve(h, a[i], trpo.cgMaxSteps(), 1e-10,
                        costWorkspace);
                metricInverseA[i] = cgA.x().clone();
                cgSteps = Math.max(cgSteps, cgA.iterations());
            }
        }
        double[] projection = projectInPlace(x, a, metricInverseA, c);

        // 4. θ_{k+1} = θ_k + x.
        double[] theta = policy.parameters();
        int actor = policy.actorParameterCount();
        for (int i = 0; i < actor; i++) {
            theta[i] += x[i];
        }
        LinearizedCost.Trial after = cost.trial(mb, advantages);
        Check.finite("PCPO", constraint.updates, "KL after the step", after.kl());

        // 5. Critics.
        double lr = trpo.learningRate().value(progressRemaining);
        double[] losses = constraint.fitCriticsAndCount(buffer, trpo.nCriticUpdates(), trpo.batchSize(), lr);

        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            out.put(MetricKeys.indexed(MetricKeys.PROJECTION_SIZE, i), projection[i]);
            out.put(MetricKeys.indexed(MetricKeys.SLACK, i), -c[i]);
            out.put(MetricKeys.indexed(MetricKeys.COST_SURROGATE, i), after.alphas()[i]);
        }
        out.put(MetricKeys.POLICY_OBJECTIVE, objective);
        out.put(MetricKeys.POLICY_OBJECTIVE_GAIN, after.surrogate() - objective);
        out.put(MetricKeys.VALUE_LOSS, losses[0]);
        out.put(MetricKeys.COST_VALUE_LOSS, losses[1]);
        out.put(MetricKeys.KL_DIVERGENCE_LOSS, after.kl());
        out.put(MetricKeys.EXPLAINED_VARIANCE, Ppo.explainedVariance(buffer.values(), buffer.returns()));
        out.put(MetricKeys.CG_ITERATIONS, (double) cgSteps);
        out.put(MetricKeys.N_UPDATES, (double) constraint.updates);
        out.put(MetricKeys.LEARNING_RATE, lr);
        return out;
    }

    /**
     * Projects the step {@code x} onto the intersection of the half-spaces {x : a_iᵀx + c_i ≤ 0} in the metric L,
     * given every L⁻¹a_i: x ← x − Σ t_i L⁻¹a_i with t ≥ 0 the maximizer of the projection's dual
     * tᵀ(Ax + c) − ½ tᵀGt, G_ij = a_iᵀL⁻¹a_j ({@link DualQp#maximizeOnOrthant}; with one half-space its closed form
     * max(0, (aᵀx + c)/(aᵀL⁻¹a)) of the single-constraint method), and returns t. A constraint with a_iᵀL⁻¹a_i = 0 (no
     * cost gradient) cannot be changed by any step and is left out (t_i = 0).
     *
     * @param x              the step, modified
     * @param a              the constraints' normals
     * @param metricInverseA every L⁻¹a_i
     * @param c              the constraints' offsets
     */
    static double[] projectInPlace(double[] x, double[][] a, double[][] metricInverseA, double[] c) {
        int m = c.length;
        int[] keep = new int[m];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (NaturalGradient.dot(a[i], metricInverseA[i]) > 0) {
                keep[kept++] = i;
            }
        }
        double[] t = new double[m];
        if (kept == 0) {
            return t;
        }
        double[][] g = new double[kept][kept];
        double[] excess = new double[kept];
        for (int p = 0; p < kept; p++) {
            int i = keep[p];
            excess[p] = NaturalGradient.dot(a[i], x) + c[i];
            for (int q = 0; q <= p; q++) {
                int j = keep[q];
                double gij = 0.5 * (NaturalGradient.dot(a[i], metricInverseA[j])
                        + NaturalGradient.dot(a[j], metricInverseA[i]));
                g[p][q] = gij;
                g[q][p] = gij;
            }
        }
        double[] tk = DualQp.maximizeOnOrthant(g, excess);
        for (int p = 0; p < kept; p++) {
            int i = keep[p];
            t[i] = tk[p];
            for (int k = 0; k < x.length; k++) {
                x[k] -= tk[p] * metricInverseA[i][k];
            }
        }
        return t;
    }
}
