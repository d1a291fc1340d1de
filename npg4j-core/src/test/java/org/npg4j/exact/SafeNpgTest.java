package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.Solution;
import org.npg4j.mdp.TabularPolicy;
import org.npg4j.mdp.TwoStateMdp;

/** The safe-NPG theorems (Milosevic, Müller, Scherf 2025; docs/theory.md rows 43-44), numerically: safe NPG stays safe and reaches the constrained optimum. */
class SafeNpgTest {
    static final TabularPolicy SAFE_START = TabularPolicy.of(new double[][] {{0.8, 0.2}, {0.2, 0.8}});

    /** Runs the optimizer, returning the largest C(π_k) - b over the iterates and the trace. */
    static double[] run(ExactProblem problem, ExactOptimizer opt, int iters, Trace[] out) {
        FiniteMdp mdp = problem.mdp();
        double[] worst = {Double.NEGATIVE_INFINITY, 0};
        out[0] = ExactRunner.builder().iterations(iters).build().run(problem, opt, (k, pi, ev) -> {
            for (int i = 0; i < mdp.costCount(); i++) {
                double excess = ev.costReturn(i) - mdp.cost(i).limit();
                worst[0] = Math.max(worst[0], excess);
                worst[1] += Math.max(0, excess);
            }
        });
        return worst;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-4, 1e-2, 1})
    void toyCmdpIteratesStaySafeAndReachThePublishedConstrainedOptimum(double beta) {
        FiniteMdp mdp = TwoStateMdp.constrained();
        ExactProblem problem = ExactProblem.of(mdp);
        assertTrue(PolicyEvaluation.evaluate(mdp, SAFE_START).costReturn(0) < 0.2, "strictly safe start");
        SafeNaturalPolicyGradient opt = new SafeNaturalPolicyGradient(problem, SAFE_START, beta, 0.1);
        Trace[] trace = new Trace[1];
        double[] worst = run(problem, opt, 400, trace);
        assertTrue(worst[0] <= 1e-12, "C(pi_k) <= b up to rounding for every k; worst excess " + worst[0]);
        assertTrue(opt.slacks()[0] > 0, "the stored slack stays positive");
        Solution lp = LinearProgram.solve(mdp);
        assertEquals(lp.expectedReturn(), trace[0].last().expectedReturn(), 1e-6, "Theorem 11: the LP optimum");
        assertEquals(1.1031903, trace[0].last().expectedReturn(), 1e-6);
        assertEquals(1.0, trace[0].finalPolicy().probability(0, 0), 1e-6);
        assertEquals(0.92714, trace[0].finalPolicy().probability(1, 0), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomConstrainedGarnetsStaySafeAndConverge(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FiniteMdp base = new Garnet(5, 3, 3, 0.9, Garnet.RewardDistribution.UNIFORM, seed).generate();
        double[] c = new double[base.pairs()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble();
        }
        TabularPolicy uniform = TabularPolicy.uniform(5, 3);
        FiniteMdp probe = base.toBuilder().cost("c", c, 1e9).build();
        double uniformCost = PolicyEvaluation.evaluate(probe, uniform).costReturn(0);
        double freeCost = PolicyEvaluation.evaluate(probe, LinearProgram.solve(base).policy()).costReturn(0);
        // A limit between the uniform start's cost and the unconstrained optimum's: the start is strictly safe
        // and the constraint binds at the optimum.
        double limit = uniformCost < freeCost ? 0.5 * (uniformCost + freeCost) : uniformCost + 0.01;
        FiniteMdp mdp = base.toBuilder().cost("c", c, limit).build();
        ExactProblem problem = ExactProblem.of(mdp);
        Trace[] trace = new Trace[1];
        double[] worst = run(problem, new SafeNaturalPolicyGradient(problem, uniform, 0.01, 5.0), 600, trace);
        assertTrue(worst[0] <= 1e-12, "worst excess " + worst[0]);
        assertEquals(LinearProgram.solve(mdp).expectedReturn(), trace[0].last().expectedReturn(), 1e-6);
    }

    @Test
    void lagrangianNpgViolatesTheConstraintInTransitWhereSafeNpgDoesNot() {
        FiniteMdp mdp = TwoStateMdp.constrained();
        ExactProblem problem = ExactProblem.of(mdp);
        Trace[] trace = new Trace[1];
        double[] lagrangian = run(problem, new LagrangianNpg(problem, SAFE_START, 0.1, 1.0), 400, trace);
        double[] safe = run(problem, new SafeNaturalPolicyGradient(problem, SAFE_START, 0.01, 0.1), 400, trace);
        assertTrue(lagrangian[0] > 0.1, "primal-dual NPG overshoots the limit: worst excess " + lagrangian[0]);
        assertTrue(lagrangian[1] > 1.0, "cumulative violation " + lagrangian[1]);
        assertEquals(0.0, safe[1], 1e-10, "safe NPG: no cumulative violation");
    }

    @Test
    void startsOutsideTheSafeSetOrUnderAnotherMuAreRefused() {
        FiniteMdp mdp = TwoStateMdp.constrained();
        String unsafe = assertThrows(IllegalArgumentException.class, () -> new SafeNaturalPolicyGradient(
                ExactProblem.of(mdp), TabularPolicy.uniform(2, 2), 0.01, 0.1)).getMessage();
        assertTrue(unsafe.startsWith("safe NPG must start strictly safe, but C_cost(pi_0) = 0.2638"), unsafe);
        assertEquals("safe NPG needs mu = rho: the constraints C_i = c_i.d are defined under rho",
                assertThrows(IllegalArgumentException.class, () -> new SafeNaturalPolicyGradient(
                        ExactProblem.uniformMu(mdp), SAFE_START, 0.01, 0.1)).getMessage());
        assertEquals("safe NPG needs a constrained MDP (no costs given)", assertThrows(IllegalArgumentException.class,
                () -> new SafeNaturalPolicyGradient(ExactProblem.of(TwoStateMdp.unconstrained()), SAFE_START, 0.01,
                        0.1)).getMessage());
    }
}
