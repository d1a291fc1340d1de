package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * C-TRPO with exact quantities (Milosevic, Müller, Scherf, "Embedding safety into RL: a new take on trust region
 * methods", ICML 2025), softmax policy, one cost, μ = ρ. At π_k, with d_S = d^{π_k}_S, A_r and A_c the reward and
 * cost advantages, C = c·d^{π_k} and the slack Δb = b - C:
 * <pre>
 *   maximize   L(π) = Σ_s d_S(s) Σ_a π(a|s) A_r(s,a)
 *   subject to D(π) = Σ_s d_S(s) KL(π_k(·|s) || π(·|s)) + β φ(α(π)) ≤ δ,   α(π) = Σ_s d_S(s) Σ_a π(a|s) A_c(s,a),
 * </pre>
 * φ(α) = ψ(Δb - α) - ψ(Δb) + ψ'(Δb) α the Bregman divergence of ψ(x) = x ln x on the slack (+∞ once α ≥ Δb); α
 * is the first-order change of C (performance difference lemma), so the trust region keeps C(π) below b to first
 * order. Its Hessian at π_k is F + (β/Δb) g_c g_cᵀ (F the Fisher matrix of the surrogate, g_c = ∇α); the direction is
 * that metric's natural gradient, in closed form by Sherman–Morrison since F^† g_r = A_r and F^† g_c = A_c (up to
 * per-state constants, Kakade's closed form):
 * <pre>  x = A_r - κ A_c,   κ = (β/Δb) Cov(A_c, A_r) / (1 + (β/Δb) Var(A_c)),</pre>
 * Cov and Var the d_S-weighted per-state (co)variances under π_k; step √(2δ / xᵀHx), backtracking ×0.8 until the
 * exact D is ≤ δ and L improves (at most 15 times). When C ≥ b (recovery) the step is TRPO's on the negated cost
 * surrogate. Reports ||∇_θ V(ρ)|| and the accepted step.
 *
 * <p>Every accepted safe step has KL ≤ D ≤ δ and L ≥ 0, so the trust-region bounds of Achiam, Held, Tamar, Abbeel
 * (2017, "Constrained policy optimization", Corollaries 1 and 2), in npg4j's normalized R and C, hold:
 * R(π_{k+1}) ≥ R(π_k) - √(2δ) γ ε_r/(1-γ) and C(π_{k+1}) ≤ b + √(2δ) γ ε_c/(1-γ), ε = max_s |E_{a~π_{k+1}} A(s,a)|.
 */
public final class ExactCTrpo implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double maxKl;
    private final double beta;
    private final double limit;
    private final double[] theta;
    private final double[] pi;
    private final double[] candidateTheta;
    private final double[] candidate;
    private final double[] direction;
    private final double[] grad;
    private boolean lastSafe;

    /**
     * @param maxKl δ, the trust-region radius (target_kl)
     * @param beta  β ≥ 0, the weight of the slack divergence (β = 0 is TRPO with a recovery mode)
     */
    public ExactCTrpo(ExactProblem problem, TabularPolicy start, double maxKl, double beta) {
        FiniteMdp mdp = problem.mdp();
        if (!problem.optimizesRho()) {
            throw new IllegalArgumentException("C-TRPO needs mu = rho: the constraint C = c.d is defined under rho");
        }
        if (mdp.costCount() != 1) {
            throw new IllegalArgumentException("exact C-TRPO needs a constrained MDP with exactly one cost, got "
                    + mdp.costCount());
        }
        this.states = mdp.states();
        this.actions = mdp.actions();
        this.maxKl = Hyper.positive("target_kl", maxKl);
        this.beta = Hyper.nonNegative("beta", beta);
        this.limit = mdp.cost(0).limit();
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[theta.length];
        this.candidateTheta = new double[theta.length];
        this.candidate = new double[theta.length];
        this.direction = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    @Override
    public String name() {
        return "ctrpo";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    /** Whether the last step was taken in safe mode (C(π_k) &lt; b) rather than recovery. */
    public boolean lastStepSafe() {
        return lastSafe;
    }

    /** The Bregman divergence of x ln x at the slack: φ(α) = (Δb-α)ln(Δb-α) - Δb ln Δb + (ln Δb + 1)α, +∞ if α ≥ Δb. */
    static double slackDivergence(double alpha, double slack) {
        if (alpha >= slack) {
            return Double.POSITIVE_INFINITY;
        }
        double rest = slack - alpha;
        return rest * Math.log(rest) - slack * Math.log(slack) + (Math.log(slack) + 1.0) * alpha;
    }

    /** Σ_s d_S(s) Cov_{π(·|s)}(x(s,·), y(s,·)). */
    private double covariance(double[] dS, double[] x, double[] y) {
        double total = 0.0;
        for (int s = 0; s < states; s++) {
            double mx = 0.0;
            double my = 0.0;
            double mxy = 0.0;
            for (int a = 0; a < actions; a++) {
                int sa = s * actions + a;
                mx += pi[sa] * x[sa];
                my += pi[sa] * y[sa];
                mxy += pi[sa] * x[sa] * y[sa];
            }
            total += dS[s] * (mxy - mx * my);
        }
        return total;
    }

    /** Σ_s d_S(s) Σ_a p(a|s) x(s,a). */
    private double surrogate(double[] dS, double[] p, double[] x) {
        double total = 0.0;
        for (int sa = 0; sa < p.length; sa++) {
            total += dS[sa / actions] * p[sa] * x[sa];
        }
        return total;
    }

    @Override
    public StepReport step(Evaluation current) {
        double[] dS = current.stateDistribution();
        double[] ar = current.advantages();
        double[] ac = current.costQValues(0);
        for (int sa = 0; sa < ac.length; sa++) {
            ac[sa] -= current.costValue(0, sa / actions);
        }
        double slack = limit - current.costReturn(0);
        lastSafe = slack > 0;
        double[] objective;
        double curvatureWeight;
        if (lastSafe) {
            objective = ar;
            curvatureWeight = beta / slack;
            double kappa = curvatureWeight * covariance(dS, ac, ar) / (1.0 + curvatureWeight * covariance(dS, ac, ac));
            for (int sa = 0; sa < ar.length; sa++) {
                direction[sa] = ar[sa] - kappa * ac[sa];
            }
        } else {
            // Recovery: TRPO on the negated cost surrogate.
            objective = new double[ac.length];
            for (int sa = 0; sa < ac.length; sa++) {
                objective[sa] = -ac[sa];
            }
            curvatureWeight = 0.0;
            System.arraycopy(objective, 0, direction, 0, ac.length);
        }
        double cx = covariance(dS, ac, direction);
        double quadratic = covariance(dS, direction, direction) + curvatureWeight * cx * cx;
        if (!(quadratic > 0)) {
            return new StepReport(PolicyMath.norm(grad), 0.0);
        }
        PolicyGradients.softmax(current, grad);
        double gradientNorm = PolicyMath.norm(grad);
        double step = Math.sqrt(2.0 * maxKl / quadratic);
        for (int i = 0; i <= 15; i++, step *= 0.8) {
            for (int sa = 0; sa < theta.length; sa++) {
                candidateTheta[sa] = theta[sa] + step * direction[sa];
            }
            PolicyMath.softmax(states, actions, candidateTheta, candidate);
            double gain = surrogate(dS, candidate, objective) - surrogate(dS, pi, objective);
            double divergence = PolicyMath.weightedKl(states, actions, dS, pi, candidate);
            if (lastSafe && beta > 0) {
                double alpha = surrogate(dS, candidate, ac);
                divergence += beta * slackDivergence(alpha, slack);
            }
            if (divergence <= maxKl && gain > 0) {
                System.arraycopy(candidateTheta, 0, theta, 0, theta.length);
                PolicyMath.normalizeLogits(states, actions, theta);
                System.arraycopy(candidate, 0, pi, 0, pi.length);
                return new StepReport(gradientNorm, step);
            }
        }
        return new StepReport(gradientNorm, 0.0);
    }
}
