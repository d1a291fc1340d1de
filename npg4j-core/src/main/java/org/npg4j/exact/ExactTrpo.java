package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * TRPO with exact quantities (Schulman et al. 2015), softmax policy. At π_k, with d = d_μ^{π_k} and A = A^{π_k}:
 * <pre>
 *   maximize   L(π) = Σ_s d_S(s) Σ_a π(a|s) A(s,a)                    (the surrogate; L(π_k) = 0)
 *   subject to D̄(π) = Σ_s d_S(s) KL(π_k(·|s) || π(·|s)) ≤ δ            (max_kl)
 * </pre>
 * Direction: the natural gradient, which for softmax is Δθ = A (Lemma 10.6 of the lecture notes; Kakade 2001; up to per-state constants). Step:
 * β = √(2δ / ΔθᵀF̄Δθ) with the quadratic KL model ½ΔθᵀF̄Δθ = ½ Σ_s d_S(s) Var_{π_k(·|s)}(A(s,·)); then
 * backtracking β ← β·ratio (at most {@code maxBacktracks} times) until the exact KL is ≤ δ and the exact
 * surrogate improves. If no candidate passes, the policy stays (step size 0). Reports ||∇_θ V(μ)|| and β.
 *
 * <p>Near the optimum the advantages are tiny and β = √(2δ/ΔθᵀF̄Δθ) is large (10³ and more), so a candidate moves
 * the logits of clearly suboptimal actions by hundreds. Their probabilities would underflow to exactly 0 where
 * π_k's are still positive (1e-200, say), the exact KL from the probabilities would be +∞, every candidate would be
 * rejected and the iteration would freeze at a gap of 1e-5 to 1e-8, although the true KL, Σ π_k (log π_k - log π),
 * is tiny. So θ is kept as normalized logits (θ = log π), floored at {@link PolicyMath#MIN_LOG_PROBABILITY}
 * (a probability of 1e-304, which changes no reported quantity), and the KL is computed from them.
 */
public final class ExactTrpo implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double maxKl;
    private final double backtrackRatio;
    private final int maxBacktracks;
    private final double[] theta;
    private final double[] pi;
    private final double[] candidateTheta;
    private final double[] candidate;
    private final double[] grad;

    /**
     * @param maxKl          δ, the trust region radius on the average KL (SB3's {@code target_kl} of TRPO, default 0.01)
     * @param backtrackRatio the line search shrink factor, in (0, 1) (default 0.8)
     * @param maxBacktracks  the number of shrinks tried (default 10)
     */
    public ExactTrpo(ExactProblem problem, TabularPolicy start, double maxKl, double backtrackRatio,
                     int maxBacktracks) {
        this.states = problem.states();
        this.actions = problem.actions();
        this.maxKl = Hyper.positive("max_kl", maxKl);
        if (!(backtrackRatio > 0 && backtrackRatio < 1)) {
            throw new IllegalArgumentException("line_search_shrinking_factor " + backtrackRatio + " must be in (0, 1)");
        }
        this.backtrackRatio = backtrackRatio;
        this.maxBacktracks = Hyper.positive("line_search_max_iter", maxBacktracks);
        this.theta = PolicyMath.logits(actions, Hyper.start(problem, start));
        PolicyMath.normalizeLogitsWithFloor(states, actions, theta);
        this.pi = new double[theta.length];
        this.candidateTheta = new double[theta.length];
        this.candidate = new double[theta.length];
        this.grad = new double[theta.length];
        PolicyMath.softmax(states, actions, theta, pi);
    }

    /** TRPO with δ = max_kl and the defaults ratio 0.8, 10 backtracks. */
    public ExactTrpo(ExactProblem problem, TabularPolicy start, double maxKl) {
        this(problem, start, maxKl, 0.8, 10);
    }

    @Override
    public String name() {
        return "trpo";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        PolicyGradients.softmax(current, grad);
        double[] dS = current.stateDistribution();
        double quadratic = 0.0;
        for (int s = 0; s < states; s++) {
            double mean = 0.0;
            double second = 0.0;
            for (int a = 0; a < actions; a++) {
                double adv = current.advantage(s, a);
                mean += pi[s * actions + a] * adv;
                second += pi[s * actions + a] * adv * adv;
            }
            quadratic += dS[s] * (second - mean * mean);
        }
        if (!(quadratic > 0)) {
            return new StepReport(PolicyMath.norm(grad), 0.0);
        }
        double beta = Math.sqrt(2.0 * maxKl / quadratic);
        for (int i = 0; i <= maxBacktracks; i++, beta *= backtrackRatio) {
            for (int sa = 0; sa < theta.length; sa++) {
                candidateTheta[sa] = theta[sa] + beta * current.advantage(sa / actions, sa % actions);
            }
            PolicyMath.normalizeLogitsWithFloor(states, actions, candidateTheta);
            PolicyMath.softmax(states, actions, candidateTheta, candidate);
            double surrogate = 0.0;
            for (int sa = 0; sa < theta.length; sa++) {
                surrogate += dS[sa / actions] * candidate[sa] * current.advantage(sa / actions, sa % actions);
            }
            double kl = PolicyMath.weightedKlOfLogProbabilities(states, actions, dS, theta, candidateTheta);
            if (kl <= maxKl && surrogate > 0) {
                System.arraycopy(candidateTheta, 0, theta, 0, theta.length);
                System.arraycopy(candidate, 0, pi, 0, pi.length);
                return new StepReport(PolicyMath.norm(grad), beta);
            }
        }
        return new StepReport(PolicyMath.norm(grad), 0.0);
    }
}
