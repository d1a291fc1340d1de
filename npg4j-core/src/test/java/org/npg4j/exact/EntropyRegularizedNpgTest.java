package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.SoftValueIteration;
import org.npg4j.mdp.TabularPolicy;

/**
 * Cen, Cheng, Chen, Wei, Chi 2021, Theorem 1 (docs/theory.md row 37): for 0 &lt; η ≤ (1-γ)/τ, every iterate satisfies
 * ||Q*_τ - Q_τ^{(t+1)}||∞ ≤ C₁γ(1-ητ)^t and ||log π*_τ - log π^{(t+1)}||∞ ≤ 2C₁τ^{-1}(1-ητ)^t, with
 * C₁ = ||Q*_τ - Q_τ^{(0)}||∞ + 2τ(1 - ητ/(1-γ))||log π*_τ - log π^{(0)}||∞; π*_τ and Q*_τ from soft value iteration.
 */
class EntropyRegularizedNpgTest {
    private static double supLogDistance(double[] p, double[] q) {
        double m = 0;
        for (int i = 0; i < p.length; i++) {
            m = Math.max(m, Math.abs(Math.log(p[i]) - Math.log(q[i])));
        }
        return m;
    }

    @Test
    void regularizedNpgMeetsCenBoundAtEveryIteration() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            double gamma = mdp.gamma();
            double tau = 0.1 + 0.05 * seed;
            SoftValueIteration.Result star = SoftValueIteration.entropy(mdp, tau, 1e-13);
            double[] piStar = star.policy().probabilities();
            for (double fraction : new double[] {0.2, 1.0}) {
                double eta = fraction * (1 - gamma) / tau;
                TabularPolicy start = Fixtures.randomPolicy(mdp, seed, 1.0);
                EntropyRegularizedNpg opt = new EntropyRegularizedNpg(problem, start, eta, tau);
                double[] q0 = SoftEvaluation.of(mdp, start.probabilities(), tau).q();
                double c1 = Fixtures.supDistance(star.softQ(), q0)
                        + 2 * tau * (1 - eta * tau / (1 - gamma)) * supLogDistance(piStar, start.probabilities());
                for (int t = 0; t < 60; t++) {
                    opt.step(problem.evaluate(opt.policy(), null));
                    double[] pi = opt.policy();
                    double qError = Fixtures.supDistance(star.softQ(), SoftEvaluation.of(mdp, pi, tau).q());
                    double logError = supLogDistance(piStar, pi);
                    // Floors for the accuracy of soft VI and of the evaluations (1e-13 and 1e-10).
                    assertTrue(qError <= TheoryBounds.cenQError(c1, eta, tau, gamma, t) + 1e-9,
                            "seed " + seed + ", eta " + eta + ", t " + t + ": Q error " + qError);
                    assertTrue(logError <= TheoryBounds.cenLogPolicyError(c1, eta, tau, t) + 1e-8,
                            "seed " + seed + ", eta " + eta + ", t " + t + ": log-policy error " + logError);
                }
            }
        }
    }

    @Test
    void softPolicyIterationStepLandsOnTheSoftGreedyPolicy() {
        // η = (1-γ)/τ: π_{t+1} ∝ exp(Q_τ^{(t)}/τ).
        FiniteMdp mdp = Fixtures.garnet(3);
        ExactProblem problem = ExactProblem.of(mdp);
        double tau = 0.5;
        TabularPolicy start = Fixtures.randomPolicy(mdp, 3, 1.0);
        EntropyRegularizedNpg opt = new EntropyRegularizedNpg(problem, start, (1 - mdp.gamma()) / tau, tau);
        double[] q = SoftEvaluation.of(mdp, start.probabilities(), tau).q();
        double[] logits = q.clone();
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= tau;
        }
        opt.step(problem.evaluate(start.probabilities(), null));
        double[] expected = TabularPolicy.softmax(mdp.states(), mdp.actions(), logits).probabilities();
        assertTrue(Fixtures.supDistance(expected, opt.policy()) < 1e-12);
    }

    @Test
    void stepSizeAboveSoftPolicyIterationIsRefused() {
        FiniteMdp mdp = Fixtures.garnet(1);
        ExactProblem problem = ExactProblem.of(mdp);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EntropyRegularizedNpg(
                problem, TabularPolicy.uniform(mdp.states(), mdp.actions()), 0.5, 0.5));
        assertEquals("learning_rate 0.5 exceeds (1-gamma)/tau = " + (1 - 0.9) / 0.5, e.getMessage());
    }
}
