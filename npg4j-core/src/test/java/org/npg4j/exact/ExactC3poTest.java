package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.TwoStateMdp;

/**
 * C3PO's exactness (Milosevic, Müller, Scherf 2025, arXiv 2506.00700; the exact-penalty theorem): with a penalty
 * weight κ above the optimal multiplier λ* the penalized problem max R(π) - κ(C(π) - b)^+ has the constrained optimum
 * as its solution, below it a violating one. Checked on the LP (λ* from the sensitivity of R*(b), the penalized
 * optimum as the better of two LPs), and with the exact C3PO iteration.
 */
class ExactC3poTest {
    /** The MDP with rewards r - κc and its cost replaced by (sign·c, limit). */
    static FiniteMdp rebuild(FiniteMdp mdp, double[] c, double limit, double kappa) {
        return rebuild(mdp, c, limit, kappa, 1.0);
    }

    static FiniteMdp rebuild(FiniteMdp mdp, double[] c, double limit, double kappa, double sign) {
        FiniteMdp unconstrained = stripCosts(mdp);
        FiniteMdp.Builder b = unconstrained.toBuilder();
        double[] signed = new double[c.length];
        for (int sa = 0; sa < c.length; sa++) {
            b.reward(sa / mdp.actions(), sa % mdp.actions(), mdp.reward(sa / mdp.actions(), sa % mdp.actions()) - kappa * c[sa]);
            signed[sa] = sign * c[sa];
        }
        return b.cost("c", signed, limit).build();
    }

    static FiniteMdp stripCosts(FiniteMdp mdp) {
        FiniteMdp.Builder b = FiniteMdp.builder(mdp.states(), mdp.actions()).gamma(mdp.gamma())
                .initial(mdp.initialDistribution());
        for (int sa = 0; sa < mdp.pairs(); sa++) {
            for (int k = mdp.rowStart(sa); k < mdp.rowStart(sa + 1); k++) {
                b.transition(sa / mdp.actions(), sa % mdp.actions(), mdp.successor(k), mdp.probability(k));
            }
            b.reward(sa / mdp.actions(), sa % mdp.actions(), mdp.reward(sa / mdp.actions(), sa % mdp.actions()));
        }
        return b.build();
    }

    /** max_π R(π) - κ(C(π) - b)^+ = max(R*_{C ≤ b}, max_{C ≥ b} (r - κc)·d + κb). */
    static double penalizedOptimum(FiniteMdp mdp, double kappa) {
        double[] c = mdp.cost(0).values();
        double b = mdp.cost(0).limit();
        double safe = LinearProgram.solve(mdp).expectedReturn();
        double violating = LinearProgram.solve(rebuild(mdp, c, -b, kappa, -1.0)).expectedReturn() + kappa * b;
        return Math.max(safe, violating);
    }

    static double multiplier(FiniteMdp mdp) {
        double[] c = mdp.cost(0).values();
        double b = mdp.cost(0).limit();
        double h = 1e-4;
        double up = LinearProgram.solve(rebuild(mdp, c, b + h, 0.0)).expectedReturn();
        double down = LinearProgram.solve(rebuild(mdp, c, b - h, 0.0)).expectedReturn();
        double here = LinearProgram.solve(mdp).expectedReturn();
        // R*(b) is concave and piecewise linear: λ* lies between the right and left derivatives.
        return Math.max((here - down) / h, (up - here) / h);
    }

    @Test
    void penaltyAboveTheMultiplierGivesTheConstrainedOptimumAndBelowItAViolatingOne() {
        int binding = 0;
        for (long seed = 0; seed <= 4; seed++) {
            FiniteMdp mdp = seed == 0 ? TwoStateMdp.constrained() : SafeCmdps.constrainedGarnet(seed);
            double rStar = LinearProgram.solve(mdp).expectedReturn();
            double lambda = multiplier(mdp);
            if (lambda < 1e-6) {
                // The limit does not bind (the free optimum is safe): every κ ≥ 0 is exact.
                assertEquals(rStar, penalizedOptimum(mdp, 0.0), 1e-7, "seed " + seed);
                continue;
            }
            binding++;
            assertEquals(rStar, penalizedOptimum(mdp, 1.5 * lambda), 1e-7, "seed " + seed + ": kappa = 1.5 lambda*");
            assertTrue(penalizedOptimum(mdp, 0.5 * lambda) > rStar + 1e-4, "seed " + seed + ": kappa = lambda*/2");
        }
        assertTrue(binding >= 3, binding + " binding constraints");
    }

    @Test
    void exactC3poApproachesTheConstrainedOptimumOnlyAboveTheMultiplier() {
        FiniteMdp toy = TwoStateMdp.constrained();
        ExactProblem problem = ExactProblem.of(toy);
        double lambda = multiplier(toy);
        double rStar = LinearProgram.solve(toy).expectedReturn();
        // Measured (λ* = 1.2101): κ = 1.5λ*, η = 0.01: the last 5,000 of 10,000 iterates average R = 1.1100 and
        // C = 0.2057 (R* = 1.1032, b = 0.2), chattering across the boundary; κ = λ*/2 ends at the unconstrained
        // optimum R = 1.84, C = 0.92, which is the penalized problem's solution (1.84 - 0.605·0.72 = 1.4044).
        for (double factor : new double[] {1.5, 0.5}) {
            ExactC3po opt = new ExactC3po(problem, SafeNpgTest.SAFE_START, 0.01, factor * lambda);
            double meanR = 0;
            double meanC = 0;
            Evaluation ev = problem.evaluate(opt.policy(), null);
            for (int k = 0; k < 10_000; k++) {
                if (k >= 5_000) {
                    meanR += ev.expectedReturn() / 5_000;
                    meanC += ev.costReturn(0) / 5_000;
                }
                opt.step(ev);
                ev = problem.evaluate(opt.policy(), ev);
            }
            if (factor > 1) {
                assertEquals(rStar, meanR, 0.02, "kappa 1.5 lambda*: mean R");
                assertEquals(0.2, meanC, 0.01, "kappa 1.5 lambda*: mean C");
            } else {
                assertEquals(penalizedOptimum(toy, factor * lambda), ev.expectedReturn()
                        - factor * lambda * Math.max(0, ev.costReturn(0) - 0.2), 1e-6, "kappa lambda*/2");
                assertTrue(ev.costReturn(0) > 0.5, "kappa lambda*/2 violates: C " + ev.costReturn(0));
            }
        }
    }

    @Test
    void invalidProblemsAndPenaltiesAreRefused() {
        assertEquals("exact C3PO needs a constrained MDP with exactly one cost, got 0", assertThrows(
                IllegalArgumentException.class, () -> new ExactC3po(ExactProblem.of(TwoStateMdp.unconstrained()),
                        SafeNpgTest.SAFE_START, 0.1, 1.0)).getMessage());
        assertEquals("kappa -1.0 must be non-negative and finite", assertThrows(IllegalArgumentException.class,
                () -> new ExactC3po(ExactProblem.of(TwoStateMdp.constrained()), SafeNpgTest.SAFE_START, 0.1, -1.0))
                .getMessage());
        assertEquals("C3PO needs mu = rho: the constraint C = c.d is defined under rho", assertThrows(
                IllegalArgumentException.class, () -> new ExactC3po(ExactProblem.uniformMu(TwoStateMdp.constrained()),
                        SafeNpgTest.SAFE_START, 0.1, 1.0)).getMessage());
    }
}
