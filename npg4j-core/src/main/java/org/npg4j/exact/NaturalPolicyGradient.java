package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * Kakade's natural policy gradient for the softmax policy, in closed form (Lemma 10.6 of the lecture notes;
 * Agarwal, Kakade, Lee, Mahajan 2021, the softmax NPG update; docs/theory.md row 24): θ ← θ + η F_μ(θ)^† ∇V(μ)
 * equals, up to a per-state constant in θ,
 * <pre>  π_{t+1}(a|s) ∝ π_t(a|s) · exp(η_t A^{π_t}(s,a) / (1-γ)),</pre>
 * multiplicative weights on the advantage; the update does not depend on μ. Step sizes are constant
 * (η_t = η; Theorem 10.7 of the notes, Agarwal et al. 2021, Theorem 16: V*(ρ) - V^T(ρ) ≤ log|A|/(ηT) + 1/((1-γ)²T) from the uniform policy) or geometric,
 * η_{t+1} = η_t/γ, which makes unregularized NPG converge linearly (Xiao 2022, Theorem 10; Lan 2022).
 * Reports the vanilla gradient norm ||∇_θ V(μ)|| (Lemma 10.2 of the notes) for comparison with plain PG.
 */
public final class NaturalPolicyGradient implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double gamma;
    private final boolean geometric;
    private double eta;
    private final double[] theta;
    private final double[] pi;
    private final double[] grad;

    private NaturalPolicyGradient(ExactProblem problem, TabularPolicy start, double eta, boolean geometric) {
        this.states = problem.states();
        this.actions = problem.actions();
        this.gamma = problem.gamma();
        this.eta = Hyper.positive("learning_rate", eta);
        this.geometric = geometric;
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    /** NPG with constant step size η. */
    public static NaturalPolicyGradient constant(ExactProblem problem, TabularPolicy start, double eta) {
        return new NaturalPolicyGradient(problem, start, eta, false);
    }

    /** NPG with geometrically increasing step sizes η_t = η_0 γ^{-t}. */
    public static NaturalPolicyGradient geometric(ExactProblem problem, TabularPolicy start, double eta0) {
        if (!(problem.gamma() > 0)) {
            throw new IllegalArgumentException("geometric step sizes need gamma > 0, got " + problem.gamma());
        }
        return new NaturalPolicyGradient(problem, start, eta0, true);
    }

    @Override
    public String name() {
        return geometric ? "npg-geometric" : "npg";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    /** The logits θ (log π_t up to per-state constants), a copy. */
    public double[] theta() {
        return theta.clone();
    }

    /** Subtracts the per-state maximum from θ (the policy is unchanged) so that long runs cannot overflow. */
    private void recenter() {
        for (int s = 0; s < states; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                max = Math.max(max, theta[s * actions + a]);
            }
            for (int a = 0; a < actions; a++) {
                theta[s * actions + a] -= max;
            }
        }
    }

    @Override
    public StepReport step(Evaluation current) {
        double used = eta;
        double scale = used / (1.0 - gamma);
        int A = actions;
        for (int sa = 0; sa < theta.length; sa++) {
            // Lemma 10.6 of the lecture notes (Agarwal et al. 2021): the natural step on θ is η A(s,a)/(1-γ) (plus a per-state constant).
            theta[sa] += scale * current.advantage(sa / A, sa % A);
        }
        recenter();
        PolicyGradients.softmax(current, grad);
        PolicyMath.softmax(states, actions, theta, pi);
        if (geometric) {
            eta = eta / gamma;
        }
        return new StepReport(PolicyMath.norm(grad), used);
    }
}
