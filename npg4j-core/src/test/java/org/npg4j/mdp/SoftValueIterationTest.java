package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoftValueIterationTest {
    /** Ψ(π) = (1-γ) E[Σ γ^k H(π(·|S_k))] = Σ_s d_S(s) H(π(·|s)). */
    static double discountedEntropy(FiniteMdp mdp, TabularPolicy pi, Evaluation ev) {
        double psi = 0;
        for (int s = 0; s < mdp.states(); s++) {
            double h = 0;
            for (int a = 0; a < mdp.actions(); a++) {
                double p = pi.probability(s, a);
                if (p > 0) {
                    h -= p * Math.log(p);
                }
            }
            psi += ev.stateDistribution(s) * h;
        }
        return psi;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void softOptimalPolicySatisfiesSoftBellmanOptimality(long seed) {
        FiniteMdp mdp = PolicyEvaluationTest.garnet(seed);
        double tau = 0.3;
        SoftValueIteration.Result r = SoftValueIteration.entropy(mdp, tau, 1e-11);
        int S = mdp.states(), A = mdp.actions();
        double[] q = Bellman.q(mdp, r.softValue());
        for (int s = 0; s < S; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < A; a++) {
                max = Math.max(max, q[s * A + a]);
            }
            double z = 0;
            for (int a = 0; a < A; a++) {
                z += Math.exp((q[s * A + a] - max) / tau);
            }
            double scale = 1 + Math.abs(r.softValue()[s]);
            assertEquals(max + tau * Math.log(z), r.softValue()[s], 1e-9 * scale, "V = tau logsumexp(Q/tau)");
            for (int a = 0; a < A; a++) {
                assertEquals(Math.exp((q[s * A + a] - max) / tau) / z, r.policy().probability(s, a), 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void softValueAtRhoEqualsRegularizedObjectiveOfItsPolicy(long seed) {
        // R_tau(pi_tau) = R(pi_tau) + tau Psi(pi_tau) = (1-gamma) rho . V_tau.
        FiniteMdp mdp = PolicyEvaluationTest.garnet(seed);
        double tau = 0.7;
        SoftValueIteration.Result r = SoftValueIteration.entropy(mdp, tau, 1e-12);
        Evaluation ev = r.solution().evaluation();
        double lhs = ev.expectedReturn() + tau * discountedEntropy(mdp, r.policy(), ev);
        double rhoV = 0;
        for (int s = 0; s < mdp.states(); s++) {
            rhoV += mdp.initial(s) * r.softValue()[s];
        }
        assertEquals((1 - mdp.gamma()) * rhoV, lhs, 1e-9 * (1 + Math.abs(lhs)));
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void regularizedReturnApproachesTheOptimumWithinTheEntropyBound(long seed) {
        // R* - R(pi_tau) <= tau (Psi(pi_tau) - Psi(pi*)) <= tau log|A|, since R_tau(pi_tau) >= R_tau(pi*).
        FiniteMdp mdp = PolicyEvaluationTest.garnet(seed);
        double rStar = PolicyIteration.solve(mdp).expectedReturn();
        double previousGap = Double.POSITIVE_INFINITY;
        for (double tau : new double[] {1.0, 0.1, 0.01, 0.001}) {
            double gap = rStar - SoftValueIteration.entropy(mdp, tau, 1e-11).expectedReturn();
            assertTrue(gap >= -1e-9, "pi_tau cannot beat R*");
            assertTrue(gap <= tau * Math.log(mdp.actions()) + 1e-9, "gap " + gap + " at tau " + tau);
            assertTrue(gap <= previousGap + 1e-9, "gap shrinks with tau");
            previousGap = gap;
        }
    }

    @Test
    void tinyTemperatureIsStableAndGreedy() {
        FiniteMdp mdp = PolicyEvaluationTest.garnet(5);
        SoftValueIteration.Result r = SoftValueIteration.entropy(mdp, 1e-9, 1e-10);
        for (double p : r.policy().probabilities()) {
            assertFalse(Double.isNaN(p));
        }
        assertEquals(PolicyIteration.solve(mdp).valueRho(), r.solution().valueRho(), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void klToUniformEqualsEntropyRegularization(long seed) {
        FiniteMdp mdp = PolicyEvaluationTest.garnet(seed);
        double tau = 0.2;
        SoftValueIteration.Result kl = SoftValueIteration.klRegularized(mdp,
                TabularPolicy.uniform(mdp.states(), mdp.actions()), tau, 1e-12);
        SoftValueIteration.Result ent = SoftValueIteration.entropy(mdp, tau, 1e-12);
        double shift = tau * Math.log(mdp.actions()) / (1 - mdp.gamma());
        for (int s = 0; s < mdp.states(); s++) {
            assertEquals(ent.softValue()[s], kl.softValue()[s] + shift, 1e-8 * (1 + Math.abs(shift)));
            for (int a = 0; a < mdp.actions(); a++) {
                assertEquals(ent.policy().probability(s, a), kl.policy().probability(s, a), 1e-9);
            }
        }
    }

    @Test
    void klRegularizationKeepsTheReferenceSupport() {
        FiniteMdp mdp = PolicyEvaluationTest.garnet(3);
        int S = mdp.states(), A = mdp.actions();
        if (A < 2) {
            mdp = new Garnet(6, 3, 2, 0.9, Garnet.RewardDistribution.UNIFORM, 3).generate();
            S = 6;
            A = 3;
        }
        double[][] ref = new double[S][A];
        for (int s = 0; s < S; s++) {
            ref[s][0] = 0.0;
            for (int a = 1; a < A; a++) {
                ref[s][a] = 1.0 / (A - 1);
            }
        }
        SoftValueIteration.Result r = SoftValueIteration.klRegularized(mdp, TabularPolicy.of(ref), 0.5, 1e-10);
        for (int s = 0; s < S; s++) {
            assertEquals(0.0, r.policy().probability(s, 0), 0.0);
        }
    }
}
