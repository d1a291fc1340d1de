package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * Gradient ascent on the log-barrier regularized objective
 * L_λ(θ) = V^{π_θ}(μ) + λ/(|S||A|) Σ_{s,a} log π_θ(a|s) (Agarwal et al. 2021, §5.2), softmax parameters,
 * exact gradient ({@link PolicyGradients#logBarrier}). Reports ||∇_θ L_λ||.
 */
public final class LogBarrierPolicyGradient implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double eta;
    private final double lambda;
    private final double[] theta;
    private final double[] pi;
    private final double[] grad;

    public LogBarrierPolicyGradient(ExactProblem problem, TabularPolicy start, double eta, double lambda) {
        this.states = problem.states();
        this.actions = problem.actions();
        this.eta = Hyper.positive("learning_rate", eta);
        this.lambda = Hyper.nonNegative("lambda", lambda);
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    @Override
    public String name() {
        return "logbarrier";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        PolicyGradients.logBarrier(current, pi, lambda, grad);
        for (int sa = 0; sa < theta.length; sa++) {
            theta[sa] += eta * grad[sa];
        }
        PolicyMath.softmax(states, actions, theta, pi);
        return new StepReport(PolicyMath.norm(grad), eta);
    }
}
