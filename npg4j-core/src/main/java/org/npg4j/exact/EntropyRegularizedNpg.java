package org.npg4j.exact;

import java.util.function.IntToDoubleFunction;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.TabularPolicy;

/**
 * Entropy-regularized NPG (Cen, Cheng, Chen, Wei, Chi 2021, eq. (13)): with Q_τ^{(t)} the regularized action values
 * of π_t ({@link SoftEvaluation}),
 * <pre>  π_{t+1}(a|s) ∝ π_t(a|s)^{1 - ητ/(1-γ)} · exp(η Q_τ^{(t)}(s,a) / (1-γ)),   0 &lt; η ≤ (1-γ)/τ;</pre>
 * η = (1-γ)/τ is soft policy iteration. It converges linearly to π*_τ, the maximizer of V^π + τ·(discounted
 * entropy), at rate (1-ητ) (Theorem 1 there; see {@link TheoryBounds#cenQError}). Reports the norm of the
 * regularized softmax gradient (1-γ)^{-1} d_μ^π(s,a) (Q_τ(s,a) - τ log π(a|s) - V_τ(s)).
 *
 * <p><b>Decaying temperature</b> ({@link #decayingTemperature}): step k uses τ_{k+1}, with
 * <pre>  τ_k = min((1-γ)/η, √(2Δ/(η' k))),   η' = η/(1-γ),</pre>
 * Δ the smallest nonzero optimal-action gap |A*(s,a)|. The regularization error R* - R(π*_τ) decays like e^{-Δ/τ}
 * (Müller and Montúfar, "Geometry and convergence of natural policy gradient methods", 2023, the
 * regularization-error theorem) while the regularized iteration contracts by (1 - η'τ_k) per step; this τ_k balances
 * the two and makes unregularized suboptimality decay like p(η'k)·e^{-√(Δη'k/2)}, p a polynomial. The schedule is
 * stated for the step η' on Q of π ∝ π^{1-η'τ} e^{η'Q_τ}; in npg4j's steps η = (1-γ)η'. The cap keeps every step
 * within Cen et al.'s range η ≤ (1-γ)/τ_k (it binds only while k &lt; 2Δη').
 */
public final class EntropyRegularizedNpg implements ExactOptimizer {
    private final ExactProblem problem;
    private final int states;
    private final int actions;
    private final double eta;
    private final IntToDoubleFunction schedule;
    private final boolean decaying;
    private int k;
    private double tau;
    private final double[] logPi;
    private final double[] pi;

    /** Constant temperature τ and step 0 &lt; η ≤ (1-γ)/τ. */
    public EntropyRegularizedNpg(ExactProblem problem, TabularPolicy start, double eta, double tau) {
        this(problem, start, eta, constant(problem, eta, tau), false);
    }

    /**
     * The decaying temperature τ_k = min((1-γ)/η, √(2Δ(1-γ)/(ηk))) (see the class comment).
     *
     * @param delta the optimal-action gap Δ > 0 the schedule is tuned to ({@link ExactProblem#optimalActionGap()})
     */
    public static EntropyRegularizedNpg decayingTemperature(ExactProblem problem, TabularPolicy start, double eta,
            double delta) {
        Hyper.positive("learning_rate", eta);
        Hyper.positive("delta", delta);
        double gamma = problem.gamma();
        IntToDoubleFunction schedule = k -> TheoryBounds.decayingTemperature(eta, delta, gamma, k);
        return new EntropyRegularizedNpg(problem, start, eta, schedule, true);
    }

    private static IntToDoubleFunction constant(ExactProblem problem, double eta, double tau) {
        Hyper.positive("tau", tau);
        Hyper.positive("learning_rate", eta);
        double max = (1.0 - problem.gamma()) / tau;
        if (eta > max * (1.0 + 1e-12)) {
            throw new IllegalArgumentException("learning_rate " + eta + " exceeds (1-gamma)/tau = " + max);
        }
        return k -> tau;
    }

    private EntropyRegularizedNpg(ExactProblem problem, TabularPolicy start, double eta, IntToDoubleFunction schedule,
            boolean decaying) {
        this.problem = problem;
        this.states = problem.states();
        this.actions = problem.actions();
        this.eta = eta;
        this.schedule = schedule;
        this.decaying = decaying;
        this.tau = schedule.applyAsDouble(1);
        this.logPi = PolicyMath.logits(actions, Hyper.start(problem, start));
        this.pi = new double[logPi.length];
        PolicyMath.softmax(states, actions, logPi, pi);
    }

    @Override
    public String name() {
        return decaying ? "regnpg-decaying" : "regnpg";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    /** The temperature of the next step (τ_{k+1} for a decaying schedule). */
    public double tau() {
        return tau;
    }

    @Override
    public StepReport step(Evaluation current) {
        SoftEvaluation soft = SoftEvaluation.of(problem.mdp(), pi, logPi, tau);
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
        k++;
        tau = schedule.applyAsDouble(k + 1);
        return new StepReport(Math.sqrt(gradSq), eta);
    }
}
