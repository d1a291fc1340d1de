package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OptimalControlTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void lpValueIterationAndPolicyIterationAgree(long seed) {
        FiniteMdp mdp = PolicyEvaluationTest.garnet(seed);
        Solution lp = Solver.solve(mdp, Solver.Method.LP);
        Solution vi = Solver.solve(mdp, Solver.Method.VI);
        Solution pi = Solver.solve(mdp, Solver.Method.PI);
        assertEquals(pi.valueRho(), lp.valueRho(), 1e-8 * Math.max(1, Math.abs(pi.valueRho())), "LP vs PI");
        assertEquals(pi.valueRho(), vi.valueRho(), 1e-8 * Math.max(1, Math.abs(pi.valueRho())), "VI vs PI");
        // PI's values are optimal in every state: its V is a fixed point of the Bellman optimality operator.
        double scale = Math.max(1, DiscountedSolve.supNorm(pi.values()));
        assertTrue(Bellman.optimalityResidual(mdp, pi.values()) <= 1e-9 * scale);
        // The LP's policy is optimal wherever rho (uniform for Garnets) puts mass: also a Bellman fixed point.
        assertTrue(Bellman.optimalityResidual(mdp, lp.values()) <= 1e-7 * scale,
                "LP residual " + Bellman.optimalityResidual(mdp, lp.values()));
    }

    @Test
    void unconstrainedLpPolicyIsOptimalEvenWhereRhoHasNoMass() {
        // The gridworld starts in one cell; the LP's policy must still be optimal in every state.
        FiniteMdp mdp = Gridworld.defaults().generate();
        Solution lp = LinearProgram.solve(mdp);
        assertTrue(Bellman.optimalityResidual(mdp, lp.values()) <= 1e-8);
        assertEquals(PolicyIteration.solve(mdp).valueRho(), lp.valueRho(), 1e-9);
    }

    @Test
    void policyIterationIsGreedyWithRespectToItsOwnQ() {
        FiniteMdp mdp = PolicyEvaluationTest.garnet(77);
        Solution sol = PolicyIteration.solve(mdp);
        Evaluation ev = sol.evaluation();
        for (int s = 0; s < mdp.states(); s++) {
            for (int a = 0; a < mdp.actions(); a++) {
                assertTrue(ev.advantage(s, a) <= 1e-9, "no action improves on the PI policy");
            }
        }
    }

    @Test
    void singleStateOptimumIsTheBestRewardForever() {
        FiniteMdp mdp = FiniteMdp.builder(1, 3).gamma(0.8).initialState(0)
                .transition(0, 0, 0, 1).transition(0, 1, 0, 1).transition(0, 2, 0, 1)
                .reward(0, 0, 1).reward(0, 1, 5).reward(0, 2, -2).build();
        for (Solver.Method m : Solver.Method.values()) {
            Solution sol = Solver.solve(mdp, m);
            assertEquals(5 / 0.2, sol.valueRho(), 1e-9, m.toString());
            assertEquals(1.0, sol.policy().probability(0, 1), 1e-9, m.toString());
        }
    }

    @Test
    void valueIterationMeetsItsStatedAccuracy() {
        FiniteMdp mdp = new Garnet(40, 3, 5, 0.95, Garnet.RewardDistribution.UNIFORM, 3).generate();
        Solution exact = PolicyIteration.solve(mdp);
        for (double tol : new double[] {1e-2, 1e-5, 1e-9}) {
            Solution vi = ValueIteration.solve(mdp, tol);
            double bound = 2 * mdp.gamma() * tol / (1 - mdp.gamma());
            for (int s = 0; s < mdp.states(); s++) {
                assertTrue(exact.evaluation().value(s) - vi.evaluation().value(s) <= bound + 1e-12,
                        "greedy policy of VI within 2 gamma tol/(1-gamma) at tol " + tol);
            }
        }
    }

    /** The toy CMDP of the C-NPG example; optima published in shared/anchors/safe_rl.md. */
    static FiniteMdp toyCmdp() {
        return FiniteMdp.builder(2, 2).gamma(0.9).initial(new double[] {0.8, 0.2})
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1).transition(1, 0, 1, 1).transition(1, 1, 0, 1)
                .reward(0, 0, 1).reward(0, 1, 0).reward(1, 0, 2).reward(1, 1, 0)
                .cost("cost", new double[][] {{0.1, 0.0}, {1.0, 0.01}}, 0.2).build();
    }

    @Test
    void constrainedLpMatchesThePublishedToyOptimum() {
        FiniteMdp mdp = toyCmdp();
        Solution constrained = LinearProgram.solve(mdp);
        assertEquals(1.1031903, constrained.expectedReturn(), 5e-7);
        assertEquals(0.2, constrained.evaluation().costReturn(0), 1e-9);
        assertEquals(1.0, constrained.policy().probability(0, 0), 1e-7);
        assertEquals(0.92714, constrained.policy().probability(1, 0), 5e-6);
        Solution free = LinearProgram.solve(mdp, false);
        assertEquals(1.84, free.expectedReturn(), 1e-9);
        assertEquals(0.92, free.evaluation().costReturn(0), 1e-9);
        assertTrue(constrained.expectedReturn() < free.expectedReturn());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void slackConstraintsLeaveTheOptimumUnchangedAndActiveOnesAreRespected(long seed) {
        FiniteMdp base = PolicyEvaluationTest.garnet(seed);
        double[] c = new double[base.pairs()];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble();
        }
        Solution free = LinearProgram.solve(base);
        FiniteMdp slack = base.toBuilder().cost("c", c, 2.0).build();
        assertEquals(free.valueRho(), LinearProgram.solve(slack).valueRho(), 1e-8 * Math.max(1, Math.abs(free.valueRho())));
        // A limit between the cheapest achievable cost (the LP with reward -c) and the unconstrained optimum's
        // cost must bind.
        double freeCost = PolicyEvaluation.evaluate(slack, free.policy()).costReturn(0);
        double[] negC = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            negC[i] = -c[i];
        }
        double cheapest = -LinearProgram.solve(withRewards(base, negC)).expectedReturn();
        double limit = 0.5 * (cheapest + freeCost);
        FiniteMdp bound = base.toBuilder().cost("c", c, limit).build();
        Solution sol = LinearProgram.solve(bound);
        assertTrue(sol.evaluation().costReturn(0) <= limit + 1e-8, "constraint respected");
        assertTrue(sol.expectedReturn() <= free.expectedReturn() + 1e-9);
        if (freeCost > cheapest + 1e-6) {
            assertEquals(limit, sol.evaluation().costReturn(0), 1e-7, "an active constraint binds");
        }
    }

    static FiniteMdp withRewards(FiniteMdp mdp, double[] r) {
        FiniteMdp.Builder b = mdp.toBuilder();
        for (int sa = 0; sa < r.length; sa++) {
            b.reward(sa / mdp.actions(), sa % mdp.actions(), r[sa]);
        }
        return b.build();
    }

    @Test
    void infeasibleConstrainedMdpIsReportedClearly() {
        FiniteMdp mdp = toyCmdp().toBuilder().build();
        FiniteMdp infeasible = FiniteMdp.builder(2, 2).gamma(0.9).initial(new double[] {0.8, 0.2})
                .transition(0, 0, 0, 1).transition(0, 1, 1, 1).transition(1, 0, 1, 1).transition(1, 1, 0, 1)
                .cost("hazard", new double[][] {{1, 1}, {1, 1}}, 0.5).build();
        LinearProgram.InfeasibleException e = assertThrows(LinearProgram.InfeasibleException.class,
                () -> LinearProgram.solve(infeasible));
        assertEquals("constrained MDP is infeasible: no policy has C_hazard(pi) <= 0.5", e.getMessage());
        assertTrue(mdp.isConstrained());
        IllegalArgumentException vi = assertThrows(IllegalArgumentException.class,
                () -> Solver.solve(mdp, Solver.Method.VI));
        assertTrue(vi.getMessage().contains("only --method lp"), vi.getMessage());
    }
}
