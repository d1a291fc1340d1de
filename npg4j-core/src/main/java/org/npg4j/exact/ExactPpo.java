package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * PPO-Clip with exact quantities (Schulman et al. 2017), softmax policy. At π_k, with d = d_μ^{π_k},
 * A = A^{π_k} and ratio ρ_θ(s,a) = π_θ(a|s)/π_k(a|s), it takes {@code epochs} full-batch gradient ascent steps
 * on the clipped surrogate
 * <pre>  L^clip(θ) = (1-γ)^{-1} Σ_s d_S(s) Σ_a π_k(a|s) min(ρ_θ A, clip(ρ_θ, 1-ε, 1+ε) A),</pre>
 * scaled by (1-γ)^{-1} so that at θ_k its gradient is exactly ∇_θ V^{π_θ}(μ) (Lemma 10.2 of the lecture notes; Agarwal et al. 2021) and the learning rate
 * is comparable to plain PG's. A pair contributes gradient only while its ratio is unclipped on the side A
 * favours. Reports the norm of the first epoch's gradient (= ||∇V(μ)||) and the learning rate.
 */
public final class ExactPpo implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double clipRange;
    private final int epochs;
    private final double learningRate;
    private final double scale;
    private final double[] theta;
    private final double[] pi;
    private final double[] old;
    private final double[] grad;

    /**
     * @param clipRange    ε ({@code clip_range}, SB3 default 0.2)
     * @param epochs       gradient steps per iteration ({@code n_epochs}, SB3 default 10)
     * @param learningRate the step size of each gradient step ({@code learning_rate})
     */
    public ExactPpo(ExactProblem problem, TabularPolicy start, double clipRange, int epochs, double learningRate) {
        this.states = problem.states();
        this.actions = problem.actions();
        this.clipRange = Hyper.positive("clip_range", clipRange);
        this.epochs = Hyper.positive("n_epochs", epochs);
        this.learningRate = Hyper.positive("learning_rate", learningRate);
        this.scale = 1.0 / (1.0 - problem.gamma());
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[theta.length];
        this.old = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    @Override
    public String name() {
        return "ppo";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        System.arraycopy(pi, 0, old, 0, pi.length);
        double[] dS = current.stateDistribution();
        double firstNorm = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            clippedSurrogateGradient(current, dS);
            if (epoch == 0) {
                firstNorm = PolicyMath.norm(grad);
            }
            for (int sa = 0; sa < theta.length; sa++) {
                theta[sa] += learningRate * grad[sa];
            }
            PolicyMath.softmax(states, actions, theta, pi);
        }
        return new StepReport(firstNorm, learningRate);
    }

    /** ∇_θ L^clip at the current θ into {@code grad}: ∂ρ_a/∂θ_{s,b} = ρ_a (1[a=b] - π_θ(b|s)). */
    private void clippedSurrogateGradient(Evaluation current, double[] dS) {
        for (int s = 0; s < states; s++) {
            int o = s * actions;
            // c_a = d(s) π_k(a|s) A(s,a) ρ_a on active pairs, so ∂L/∂θ_{s,b} = scale (c_b - π_θ(b|s) Σ_a c_a).
            double total = 0.0;
            for (int a = 0; a < actions; a++) {
                double adv = current.advantage(s, a);
                double ratio = pi[o + a] / old[o + a];
                boolean active = adv >= 0 ? ratio < 1.0 + clipRange : ratio > 1.0 - clipRange;
                double c = active ? dS[s] * old[o + a] * adv * ratio : 0.0;
                grad[o + a] = c;
                total += c;
            }
            for (int b = 0; b < actions; b++) {
                grad[o + b] = scale * (grad[o + b] - pi[o + b] * total);
            }
        }
    }
}
