package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * Regularized NPG with the decaying temperature τ_k = √(2Δ/(η'k)), η' = η/(1-γ) (Müller and Montúfar, "Geometry
 * and convergence of natural policy gradient methods"): the unregularized suboptimality decays like
 * p(η'k)·e^{-√(Δη'k/2)}, so log(V* - V^k) is linear in √k with slope -√(Δη'/2) up to the logarithm of a
 * polynomial. On 8 fixture Garnets, with η' = c/Δ for c = 0.5 and 2 (predicted slopes -0.5 and -1 in √k), the
 * slope fitted over k ∈ [K/4, K] (K = 600/c, the gap reaching 1e-7 to 1e-9) is within 10% of the prediction.
 */
class DecayingTemperatureNpgTest {
    @Test
    void decayingTemperatureNpgConvergesLikeExpOfMinusSqrtDeltaEtaKOverTwo() {
        int within2Percent = 0;
        for (long seed = 0; seed < 8; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            double delta = problem.optimalActionGap();
            double vStar = problem.optimum().evaluation().valueRho();
            TabularPolicy start = Fixtures.randomPolicy(mdp, seed, 1.0);
            for (double c : new double[] {0.5, 2.0}) {
                double eta = c / delta * (1 - mdp.gamma());
                EntropyRegularizedNpg opt = EntropyRegularizedNpg.decayingTemperature(problem, start, eta, delta);
                Evaluation ev = problem.evaluate(opt.policy(), null);
                List<double[]> points = new ArrayList<>();
                int iterations = (int) (600 / c);
                for (int k = 0; k <= iterations; k++) {
                    if (k >= iterations / 4) {
                        points.add(new double[] {Math.sqrt(k), Math.log(vStar - ev.valueRho())});
                    }
                    opt.step(ev);
                    ev = problem.evaluate(opt.policy(), ev);
                }
                double slope = Regression.slope(points);
                double predicted = -TheoryBounds.decayingTemperatureRate(eta, delta, mdp.gamma());
                assertEquals(predicted, slope, 0.1 * Math.abs(predicted), "seed " + seed + ", c " + c);
                within2Percent += Math.abs(slope / predicted - 1) <= 0.02 ? 1 : 0;
            }
        }
        // Measured: 14 of 16 within 2% (0.997 to 1.019 of it); seed 4 is 8% steeper, the polynomial factor.
        assertTrue(within2Percent >= 13, within2Percent + " of 16 slopes within 2%");
    }

    @Test
    void scheduleIsCappedAtSoftPolicyIterationAndDecaysLikeOneOverSqrtK() {
        FiniteMdp mdp = Fixtures.garnet(1);
        ExactProblem problem = ExactProblem.of(mdp);
        double eta = 0.5;
        double etaQ = eta / (1 - mdp.gamma());
        double delta = 2.0;
        EntropyRegularizedNpg opt = EntropyRegularizedNpg.decayingTemperature(problem, Fixtures.randomPolicy(mdp, 1, 1.0),
                eta, delta);
        assertEquals("regnpg-decaying", opt.name());
        for (int k = 1; k <= 100; k++) {
            // Step k-1 uses τ_k; while 2Δ/(η'k) > 1/η'² the cap (1-γ)/η = 1/η' binds (soft policy iteration).
            double expected = Math.min(1 / etaQ, Math.sqrt(2 * delta / (etaQ * k)));
            assertEquals(expected, opt.tau(), 1e-15, "k " + k);
            opt.step(problem.evaluate(opt.policy(), null));
        }
        assertThrows(IllegalArgumentException.class,
                () -> EntropyRegularizedNpg.decayingTemperature(problem, TabularPolicy.uniform(mdp.states(), mdp.actions()),
                        eta, 0.0));
    }
}
