package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.SoftValueIteration;
import org.npg4j.mdp.TabularPolicy;
import org.npg4j.mdp.TiedOptima;

/**
 * Implicit bias where the optimal policy is not unique (Müller and Montúfar, "Geometry and convergence of natural
 * policy gradient methods", the central-path theorem and its limit t → ∞; Milosevic, Müller, Scherf, "Embedding
 * safety into RL: a new take on trust region methods", for safe NPG): Kakade's NPG flow from π_0 follows the central
 * path π_t = argmax {R(π) - D_KL(π, π_0)/t}, D_KL(π, π_0) = Σ_s d^π_S(s) KL(π(·|s) || π_0(·|s)), so it converges to the
 * KL projection of π_0 onto the optimal face, while D_KL(π_t, π_0) increases towards its minimum over that face. The
 * discrete NPG step η reaches that limit only as η → 0: its limit is off by O(η) when tied actions have different
 * transitions (the advantage gaps between them are nonzero in transit and sum to a step-dependent amount).
 */
class ImplicitBiasTest {
    /**
     * The KL projection argmin_{π on the optimal face} Σ_s d^π_S(s) KL(π_s || π0_s), computed independently of NPG:
     * on the face KL(π_s || π0_s) = KL(π_s || π0_s conditioned on O(s)) - log π0(O(s)|s), so it is the
     * KL-regularized optimum (τ = 1) of the MDP with rewards log π0(O(s)|s) against π0 conditioned on O(s), by soft
     * value iteration.
     */
    static double[] klProjection(ExactProblem problem, double[] pi0) {
        FiniteMdp mdp = problem.mdp();
        int S = mdp.states();
        int A = mdp.actions();
        boolean[] optimal = problem.optimalActions();
        double[] reference = new double[pi0.length];
        FiniteMdp.Builder b = mdp.toBuilder();
        for (int s = 0; s < S; s++) {
            double mass = 0;
            for (int a = 0; a < A; a++) {
                mass += optimal[s * A + a] ? pi0[s * A + a] : 0.0;
            }
            for (int a = 0; a < A; a++) {
                reference[s * A + a] = optimal[s * A + a] ? pi0[s * A + a] / mass : 0.0;
                b.reward(s, a, Math.log(mass));
            }
        }
        return SoftValueIteration.klRegularized(b.build(), TabularPolicy.ofFlat(S, A, reference), 1.0, 1e-14)
                .policy().probabilities();
    }

    static double weightedKl(ExactProblem problem, double[] pi, double[] pi0) {
        Evaluation ev = problem.evaluate(pi, null);
        return PolicyMath.weightedKl(problem.states(), problem.actions(), ev.stateDistribution(), pi, pi0);
    }

    /** Runs NPG with step η until the suboptimality is below 1e-11, checking that D_KL(π_k, π_0) never decreases. */
    static double[] npgLimit(ExactProblem problem, TabularPolicy start, double eta, boolean checkKl) {
        NaturalPolicyGradient npg = NaturalPolicyGradient.constant(problem, start, eta);
        double vStar = problem.optimum().evaluation().valueRho();
        Evaluation ev = problem.evaluate(npg.policy(), null);
        double previous = 0;
        for (int k = 0; k < 100_000 && vStar - ev.valueRho() > 1e-11; k++) {
            npg.step(ev);
            ev = problem.evaluate(npg.policy(), ev);
            if (checkKl) {
                double kl = weightedKl(problem, npg.policy(), start.probabilities());
                assertTrue(kl >= previous - 1e-12, "D_KL(pi_k, pi_0) decreased at k " + k + ": " + previous + " -> " + kl);
                previous = kl;
            }
        }
        return npg.policy();
    }

    @Test
    void npgConvergesToTheKlProjectionOfItsStartOntoTheOptimalFace() {
        for (long seed = 0; seed < 5; seed++) {
            FiniteMdp mdp = TiedOptima.tie(Garnet.of(5 + (int) (seed % 4), 3, 2, seed).generate(), 2, seed);
            ExactProblem problem = ExactProblem.of(mdp);
            TabularPolicy start = Fixtures.randomPolicy(mdp, seed, 1.0);
            double[] pi0 = start.probabilities();
            double[] projection = klProjection(problem, pi0);
            double minimum = weightedKl(problem, projection, pi0);
            double delta = problem.optimalActionGap();
            // Steps with rates ηΔ/(1-γ) = 0.05 and 0.005 per iteration.
            double etaLarge = 0.05 * (1 - mdp.gamma()) / delta;
            double[] large = npgLimit(problem, start, etaLarge, true);
            double[] small = npgLimit(problem, start, etaLarge / 10, false);
            double dLarge = Fixtures.supDistance(large, projection);
            double dSmall = Fixtures.supDistance(small, projection);
            String where = "seed " + seed + ": distances " + dLarge + " (eta " + etaLarge + "), " + dSmall;
            // Measured: sup distance 0.4η to 0.6η at the smaller step, ten times more at the larger (first order in η).
            assertTrue(dSmall < etaLarge / 10, where);
            assertTrue(dSmall > 0.07 * dLarge && dSmall < 0.13 * dLarge, where);
            // The projection minimizes D_KL(., π_0) over the face; NPG's limits approach the minimum from above.
            double kLarge = weightedKl(problem, large, pi0);
            double kSmall = weightedKl(problem, small, pi0);
            assertTrue(kLarge >= kSmall && kSmall >= minimum - 1e-12, where + "; KL " + kLarge + ", " + kSmall + ", " + minimum);
            assertTrue(kSmall - minimum < 1e-3, where + "; KL " + kSmall + " vs minimum " + minimum);
            // Softmax PG converges elsewhere on the face: its tied split follows the gradient's rich-get-richer.
            SoftmaxPolicyGradient pg = new SoftmaxPolicyGradient(problem, start, 1.0);
            for (int k = 0; k < 2000; k++) {
                pg.step(problem.evaluate(pg.policy(), null));
            }
            assertTrue(Fixtures.supDistance(pg.policy(), projection) > 0.2, "seed " + seed + ": PG ends near the projection");
        }
    }

    @Test
    void onASingleStateNpgEndsExactlyAtTheProjectionAndPgDoesNot() {
        // One state, rewards (1, 1, 0): tied actions share their transitions, so NPG keeps their ratio at every step.
        FiniteMdp bandit = FiniteMdp.builder(1, 3).gamma(0.9).initialState(0)
                .transition(0, 0, 0, 1).transition(0, 1, 0, 1).transition(0, 2, 0, 1)
                .reward(0, 0, 1).reward(0, 1, 1).reward(0, 2, 0).build();
        ExactProblem problem = ExactProblem.of(bandit);
        TabularPolicy start = TabularPolicy.of(new double[][] {{0.5, 0.2, 0.3}});
        assertArrayEquals(new double[] {5.0 / 7, 2.0 / 7, 0}, npgLimit(problem, start, 1.0, true), 1e-10);
        assertArrayEquals(new double[] {5.0 / 7, 2.0 / 7, 0}, klProjection(problem, start.probabilities()), 1e-12);
        SoftmaxPolicyGradient pg = new SoftmaxPolicyGradient(problem, start, 1.0);
        for (int k = 0; k < 2000; k++) {
            pg.step(problem.evaluate(pg.policy(), null));
        }
        assertTrue(pg.policy()[0] > 0.95, "PG: " + java.util.Arrays.toString(pg.policy()));
    }

    @Test
    void safeNpgConvergesToTheBregmanProjectionOntoTheConstrainedOptima() {
        // The toy CMDP with a third action duplicating a1 (stay) in both states: the constrained optima are a face on
        // which the a1/a3 split is free. On it the slack is 0, so the Bregman divergence of -H_{A|S} + β σ log σ from
        // the start is Σ_s d_S(s) KL(π_s || π0_s) plus a constant, minimized by splitting in π_0's ratio.
        FiniteMdp mdp = FiniteMdp.builder(2, 3).gamma(0.9).initial(new double[] {0.8, 0.2})
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1).transition(0, 2, 0, 1)
                .transition(1, 0, 1, 1).transition(1, 1, 0, 1).transition(1, 2, 1, 1)
                .reward(0, 0, 1).reward(1, 0, 2).reward(0, 2, 1).reward(1, 2, 2)
                .cost("cost", new double[][] {{0.1, 0, 0.1}, {1.0, 0.01, 1.0}}, 0.2).build();
        ExactProblem problem = ExactProblem.of(mdp);
        TabularPolicy start = TabularPolicy.of(new double[][] {{0.6, 0.25, 0.15}, {0.1, 0.7, 0.2}});
        SafeNaturalPolicyGradient opt = new SafeNaturalPolicyGradient(problem, start, 1e-2, 0.1);
        for (int k = 0; k < 400; k++) {
            opt.step(problem.evaluate(opt.policy(), null));
        }
        double[] pi = opt.policy();
        assertEquals(LinearProgram.solve(mdp).expectedReturn(), problem.evaluate(pi, null).expectedReturn(), 1e-6);
        assertEquals(1.0, pi[0] + pi[2], 1e-6);
        assertEquals(0.92714, pi[3] + pi[5], 1e-5);
        assertEquals(0.6 / 0.15, pi[0] / pi[2], 1e-9, "state 1: a1/a3 split");
        assertEquals(0.1 / 0.2, pi[3] / pi[5], 1e-9, "state 2: a1/a3 split");
    }
}
