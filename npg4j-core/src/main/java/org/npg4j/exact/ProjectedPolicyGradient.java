package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * Projected gradient ascent in the direct parameterization θ_{s,a} = π(a|s):
 * π(·|s) ← Proj_Δ(π(·|s) + η ∂V^π(μ)/∂π(·|s)) per state, with ∂V/∂π(a|s) = (1-γ)^{-1} d_μ^π(s) Q^π(s,a) and
 * Proj_Δ the Euclidean projection onto the simplex. Reports the norm of that gradient.
 */
public final class ProjectedPolicyGradient implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double eta;
    private final double[] pi;
    private final double[] grad;
    private final double[] scratch;

    public ProjectedPolicyGradient(ExactProblem problem, TabularPolicy start, double eta) {
        this.states = problem.states();
        this.actions = problem.actions();
        this.eta = Hyper.positive("learning_rate", eta);
        this.pi = Hyper.start(problem, start);
        this.grad = new double[pi.length];
        this.scratch = new double[actions];
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        PolicyGradients.direct(current, grad);
        for (int sa = 0; sa < pi.length; sa++) {
            pi[sa] += eta * grad[sa];
        }
        for (int s = 0; s < states; s++) {
            PolicyMath.projectOntoSimplexInPlace(pi, s * actions, actions, scratch);
        }
        return new StepReport(PolicyMath.norm(grad), eta);
    }
}
