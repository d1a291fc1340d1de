package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;

/**
 * Vanishing Fisher information (the Bernoulli example of the lecture notes' NPG chapter; Kakade 2001): a one-state
 * bandit with rewards r_1 = 1, r_2 = 0 and the Bernoulli policy π_θ(a_1) = σ(θ), a log-linear family with one feature.
 * The Fisher information is F(θ) = E[ψ²] = σ(θ)(1-σ(θ)), which vanishes as θ grows; the vanilla gradient
 * ∇V = F(θ)(r_1 - r_2)/(1-γ) vanishes with it, while the natural gradient F^{-1}∇V = (r_1 - r_2)/(1-γ) does not: a PG
 * step slows down near a deterministic policy (right or wrong), an NPG step keeps its size.
 */
class BernoulliFisherTest {
    @Test
    void fisherInformationAndGradientVanishWhileTheNaturalGradientDoesNot() {
        double gamma = 0.5;
        FiniteMdp bandit = FiniteMdp.builder(1, 2).gamma(gamma).initialState(0)
                .transition(0, 0, 0, 1).transition(0, 1, 0, 1).reward(0, 0, 1).reward(0, 1, 0).build();
        ExactProblem problem = ExactProblem.of(bandit);
        LogLinearParameterization bernoulli = LogLinearParameterization.of(1, 2, new double[][] {{1}, {0}}, null);
        for (double theta : new double[] {-8, -2, 0, 1, 4, 12}) {
            double sigma = 1 / (1 + Math.exp(-theta));
            double[] pi = new double[2];
            bernoulli.probabilities(new double[] {theta}, pi);
            Evaluation ev = problem.evaluate(pi, null);
            // F(θ) = Σ_a π(a) ψ(a)², ψ the family's score.
            double fisher = 0;
            double[] psi = new double[1];
            for (int a = 0; a < 2; a++) {
                bernoulli.score(pi, a, psi);
                fisher += pi[a] * psi[0] * psi[0];
            }
            double expected = sigma * (1 - sigma);
            assertEquals(expected, fisher, 1e-9 * expected, "theta " + theta + ": Fisher information");
            double[] gradient = new double[1];
            PolicyGradients.logLinear(ev, bernoulli, pi, gradient);
            assertEquals(fisher / (1 - gamma), gradient[0], 1e-8 * expected, "theta " + theta + ": gradient = F/(1-gamma)");
            FisherNaturalPolicyGradient npg = new FisherNaturalPolicyGradient(problem, bernoulli, new double[] {theta}, 1.0);
            npg.step(ev);
            assertEquals(1 / (1 - gamma), npg.lastDirection()[0], 1e-6, "theta " + theta + ": natural gradient");
        }
        // At θ = 12 the vanilla gradient is 1.2e-5 of the natural one.
        double sigma = 1 / (1 + Math.exp(-12));
        assertTrue(sigma * (1 - sigma) < 1e-5);
    }
}
