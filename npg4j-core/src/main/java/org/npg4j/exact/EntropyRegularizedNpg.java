package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * Entropy-regularized NPG (Cen, Cheng, Chen, Wei, Chi 2021, eq. (13)): with Q_τ^{(t)} the regularized action values
 * of π_t ({@link SoftEvaluation}),
 * <pre>  π_{t+1}(a|s) ∝ π_t(a|s)^{1 - ητ/(1-γ)} · exp(η Q_τ^{(t)}(s,a) / (1-γ)),   0 &lt; η ≤ (1-γ)/τ;</pre>
 * η = (1-γ)/τ is soft policy iteration. It converges linearly to π*_τ, the maximizer of V^π + τ·(discounted
 * entropy), at rate (1-ητ) (Theorem 1 there; see {@link TheoryBounds#cenQError}). Reports the norm of the
 * regularized softmax gradient (1-γ)^{-1} d_μ^π(s,a) (Q_τ(s,a) - τ log π(a|s) - V_τ(s)).
 */
public final class EntropyRegularizedNpg implements ExactOptimizer {
    private final ExactProblem problem;
    private final int states;
    private final int actions;
    private final double eta;
    private final double tau;
    private final double[] logPi;
    private final double[] pi;

    public EntropyRegularizedNpg(ExactProblem problem, TabularPolicy start, double eta, double tau) {
        this.problem = problem;
        this.states = problem.states();
        this.actions = problem.actions();
        this.tau = Hyper.positive("tau", tau);
        this.eta = Hyper.positive("learning_rate", eta);
        double max = (1.0 - problem.gamma()) / tau;
        if (eta > max * (1.0 + 1e-12)) {
            throw new IllegalArgumentException("learning_rate " + eta + " exceeds (1-gamma)/tau = " + max);
        }
        this.logPi = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[logPi.length];
        PolicyMath.softmax(states, actions, logPi, pi);
    }

    @Override
    public String name() {
        return "regnpg";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    public double tau() {
        return tau;
    }

    @Override
    public StepReport step(Evaluation current) {
        SoftEvaluation soft = SoftEvaluation.of(problem.mdp(), pi, tau);
        double scale = 1.0 / (1.0 - problem.gamma());
        double gradSq = 0.0;
        for (int sa = 0; sa < pi.length; sa++) {
            int s = sa / actions;
            double g = scale * current.d(s, sa % actions) * (soft.q()[sa] - tau * logPi[sa] - soft.value()[s]);
            gradSq += g * g;
        }
        // log π_{t+1} = (1 - ητ/(1-γ)) log π_t + η Q_τ/(1-γ), then normalized per state.
        double keep = 1.0 - eta * tau * scale;
        for (int sa = 0; sa < logPi.length; sa++) {
            logPi[sa] = keep * logPi[sa] + eta * scale * soft.q()[sa];
        }
        PolicyMath.normalizeLogits(states, actions, logPi);
        for (int sa = 0; sa < logPi.length; sa++) {
            pi[sa] = Math.exp(logPi[sa]);
        }
        return new StepReport(Math.sqrt(gradSq), eta);
    }
}
