package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * Softmax policy gradient ascent, θ ← θ + η ∇_θ V^{π_θ}(μ), with the exact gradient of Lemma 10.2 of the
 * lecture notes (Agarwal, Kakade, Lee, Mahajan 2021)
 * (see {@link PolicyGradients#softmax}). θ starts at log π_0. Reports ||∇_θ V(μ)||.
 */
public final class SoftmaxPolicyGradient implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double eta;
    private final double[] theta;
    private final double[] pi;
    private final double[] grad;

    /** Starts at θ = log π_0 (π_0 > 0) with constant step size η. */
    public SoftmaxPolicyGradient(ExactProblem problem, TabularPolicy start, double eta) {
        this.states = problem.states();
        this.actions = problem.actions();
        this.eta = Hyper.positive("learning_rate", eta);
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    @Override
    public String name() {
        return "pg";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    /** θ, a copy. */
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        PolicyGradients.softmax(current, grad);
        for (int sa = 0; sa < theta.length; sa++) {
            theta[sa] += eta * grad[sa];
        }
        PolicyMath.softmax(states, actions, theta, pi);
        return new StepReport(PolicyMath.norm(grad), eta);
    }
}
