package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * C3PO with exact quantities (Milosevic, Müller, Scherf 2025, arXiv 2506.00700), softmax policy, one cost, μ = ρ.
 * C3PO replaces C-TRPO's trust region by the penalty κ·ReLU(α(θ) - min(Δb, wΔb)) on the cost surrogate α, Δb = b - C.
 * At θ_k the surrogate is α = 0, so the penalty's (sub)gradient is κ∇α when C(π_k) > b and 0 otherwise; a natural
 * step on the penalized objective is then the multiplicative-weights step
 * <pre>  π_{k+1}(a|s) ∝ π_k(a|s) exp(η (A_r(s,a) - κ 1[C(π_k) > b] A_c(s,a)) / (1-γ)),</pre>
 * natural policy ascent on the exact penalty function R(π) - κ (C(π) - b)^+. Exact-penalty theorem (e.g. Nocedal,
 * Wright, "Numerical optimization", Theorem 17.3, here for the linear program over state-action distributions): for
 * κ greater than the optimal multiplier λ* of the constraint, the maximizers of R - κ(C - b)^+ are the constrained
 * optima, so the iterates approach the constrained solution (chattering across the boundary by O(η)); for κ &lt; λ*
 * the penalized optimum violates the constraint. Reports ||∇_θ V(ρ)|| and η.
 */
public final class ExactC3po implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double gamma;
    private final double eta;
    private final double kappa;
    private final double limit;
    private final double[] theta;
    private final double[] pi;
    private final double[] grad;

    /**
     * @param eta   step size η > 0 (on A/(1-γ), as {@link NaturalPolicyGradient})
     * @param kappa penalty weight κ ≥ 0
     */
    public ExactC3po(ExactProblem problem, TabularPolicy start, double eta, double kappa) {
        FiniteMdp mdp = problem.mdp();
        if (!problem.optimizesRho()) {
            throw new IllegalArgumentException("C3PO needs mu = rho: the constraint C = c.d is defined under rho");
        }
        if (mdp.costCount() != 1) {
            throw new IllegalArgumentException("exact C3PO needs a constrained MDP with exactly one cost, got "
                    + mdp.costCount());
        }
        this.states = mdp.states();
        this.actions = mdp.actions();
        this.gamma = mdp.gamma();
        this.eta = Hyper.positive("learning_rate", eta);
        this.kappa = Hyper.nonNegative("kappa", kappa);
        this.limit = mdp.cost(0).limit();
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    @Override
    public String name() {
        return "c3po";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        double weight = current.costReturn(0) > limit ? kappa : 0.0;
        double scale = eta / (1.0 - gamma);
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                double costAdvantage = current.costQ(0, s, a) - current.costValue(0, s);
                theta[s * actions + a] += scale * (current.advantage(s, a) - weight * costAdvantage);
            }
        }
        PolicyMath.normalizeLogits(states, actions, theta);
        PolicyMath.softmax(states, actions, theta, pi);
        PolicyGradients.softmax(current, grad);
        return new StepReport(PolicyMath.norm(grad), eta);
    }
}
