package org.npg4j.exact;

import java.util.Arrays;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.Solution;

/**
 * A finite (constrained) MDP set up for exact policy optimization: the MDP with its reporting distribution ρ, the
 * optimization start distribution μ (policy gradient ascends V^π(μ); the theory often optimizes under an
 * exploratory μ and reports ρ), the exact evaluator (tolerance 1e-10, {@link PolicyEvaluation.Method#AUTO}: dense
 * LU for small MDPs, GMRES warm-started from the previous iterate above), and the optimum from the LP, solved once
 * on first use.
 *
 * <p>Conventions (those of {@link Evaluation}): V^π unnormalized, R(π) = (1-γ) ρ·V^π = r·d^π, d^π normalized.
 */
public final class ExactProblem {
    /** Optimal actions are those with A*(s,a) ≥ -OPTIMAL_GAP_TOLERANCE·(1 + max|V*|). */
    static final double OPTIMAL_GAP_TOLERANCE = 1e-9;

    private final FiniteMdp mdp;
    private final FiniteMdp optimizationMdp;
    private final PolicyEvaluation evaluator;
    private Solution optimum;
    private boolean[] optimalActions;

    private ExactProblem(FiniteMdp mdp, double[] mu, PolicyEvaluation evaluator) {
        this.mdp = mdp;
        this.optimizationMdp = mu == null || Arrays.equals(mu, mdp.initialDistribution()) ? mdp : mdp.withInitial(mu);
        this.evaluator = evaluator;
    }

    private ExactProblem(ExactProblem other, PolicyEvaluation evaluator) {
        this.mdp = other.mdp;
        this.optimizationMdp = other.optimizationMdp;
        this.evaluator = evaluator;
    }

    /**
     * The same problem evaluated by another evaluator (tolerance, or the linear solver: the iterative one is the
     * faster on sparse MDPs of a few hundred states).
     */
    public ExactProblem withEvaluator(PolicyEvaluation other) {
        return new ExactProblem(this, other);
    }

    /** Optimization under ρ itself (μ = ρ), with the default evaluator. */
    public static ExactProblem of(FiniteMdp mdp) {
        return new ExactProblem(mdp, null, defaultEvaluator(mdp));
    }

    /** Optimization under the start distribution μ (validated like an MDP's ρ), reporting under ρ. */
    public static ExactProblem of(FiniteMdp mdp, double[] mu) {
        if (mu.length != mdp.states()) {
            throw new IllegalArgumentException("mu has " + mu.length + " entries, expected " + mdp.states());
        }
        return new ExactProblem(mdp, mu, defaultEvaluator(mdp));
    }

    private static PolicyEvaluation defaultEvaluator(FiniteMdp mdp) {
        return PolicyEvaluation.of(PolicyEvaluation.DEFAULT_TOLERANCE, PolicyEvaluation.Method.AUTO);
    }

    /** Optimization under the uniform start distribution μ(s) = 1/S. */
    public static ExactProblem uniformMu(FiniteMdp mdp) {
        double[] mu = new double[mdp.states()];
        Arrays.fill(mu, 1.0 / mdp.states());
        return of(mdp, mu);
    }

    /** The MDP, whose initial distribution ρ is the one reported. */
    public FiniteMdp mdp() {
        return mdp;
    }

    /** The same MDP started from μ: the one whose V^π(μ) the optimizers ascend. */
    public FiniteMdp optimizationMdp() {
        return optimizationMdp;
    }

    /** Whether μ = ρ. */
    public boolean optimizesRho() {
        return optimizationMdp == mdp;
    }

    public int states() {
        return mdp.states();
    }

    public int actions() {
        return mdp.actions();
    }

    public double gamma() {
        return mdp.gamma();
    }

    /** Exact evaluation of π (flat S·A, row-stochastic) under ρ, optionally warm-started. */
    public Evaluation evaluate(double[] pi, Evaluation warmStart) {
        return evaluator.run(mdp, pi, warmStart);
    }

    /** Exact evaluation of π under μ (the same object as under ρ when μ = ρ is passed as {@code underRho}). */
    public Evaluation evaluateUnderMu(double[] pi, Evaluation underRho, Evaluation warmStart) {
        if (optimizesRho() && underRho != null) {
            return underRho;
        }
        return evaluator.run(optimizationMdp, pi, warmStart);
    }

    /** The optimum from the LP over state-action distributions (with the cost constraints of a CMDP). */
    public synchronized Solution optimum() {
        if (optimum == null) {
            optimum = LinearProgram.solve(mdp);
        }
        return optimum;
    }

    /** V*(ρ) from the LP. */
    public double optimalValueRho() {
        return optimum().valueRho();
    }

    /**
     * The optimal actions O(s) = argmax_a Q*(s,a), flat S·A, for an unconstrained MDP (the optimal policies are
     * exactly those supported on O(s) in every state reached).
     */
    synchronized boolean[] optimalActions() {
        if (optimalActions == null) {
            Evaluation star = optimum().evaluation();
            double[] v = star.values();
            double scale = 1.0;
            for (double x : v) {
                scale = Math.max(scale, 1.0 + Math.abs(x));
            }
            double[] adv = star.advantages();
            boolean[] o = new boolean[adv.length];
            for (int sa = 0; sa < adv.length; sa++) {
                o[sa] = adv[sa] >= -OPTIMAL_GAP_TOLERANCE * scale;
            }
            optimalActions = o;
        }
        return optimalActions;
    }

    /**
     * Δ = min{|A*(s,a)| : A*(s,a) ≠ 0}, the smallest gap between an optimal and a suboptimal action (unnormalized
     * advantages, the scale of the rates e^{-Δηk/(1-γ)} of constant-step NPG and e^{-Δ/τ} of the regularization
     * error); +∞ when every action is optimal. Unconstrained MDPs only.
     */
    public double optimalActionGap() {
        if (mdp.isConstrained()) {
            throw new IllegalArgumentException("the optimal-action gap is defined for unconstrained MDPs only");
        }
        boolean[] o = optimalActions();
        double[] adv = optimum().evaluation().advantages();
        double gap = Double.POSITIVE_INFINITY;
        for (int sa = 0; sa < adv.length; sa++) {
            if (!o[sa]) {
                gap = Math.min(gap, -adv[sa]);
            }
        }
        return gap;
    }

    /**
     * The d*-weighted KL from the set Π* of optimal policies to π: Σ_s d*_S(s) min_{p ∈ Π*_s} KL(p || π(·|s))
     * = -Σ_s d*_S(s) log π(O(s)|s), since the KL from a face of the simplex to π is minimized by π conditioned
     * on that face. d* is the state distribution of the LP's optimal policy under ρ. NaN for a CMDP, whose
     * optimal set is not a product of faces.
     */
    public double klFromOptimalSet(double[] pi) {
        if (mdp.isConstrained()) {
            return Double.NaN;
        }
        boolean[] o = optimalActions();
        Evaluation star = optimum().evaluation();
        int A = actions();
        double total = 0.0;
        for (int s = 0; s < states(); s++) {
            double w = star.stateDistribution(s);
            if (w > 0) {
                double mass = 0.0;
                for (int a = 0; a < A; a++) {
                    if (o[s * A + a]) {
                        mass += pi[s * A + a];
                    }
                }
                total += w * (mass > 0 ? -Math.log(Math.min(1.0, mass)) : Double.POSITIVE_INFINITY);
            }
        }
        return total;
    }
}
