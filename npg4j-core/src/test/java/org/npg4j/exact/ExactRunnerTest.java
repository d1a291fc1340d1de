package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.TabularPolicy;
import org.npg4j.mdp.TwoStateMdp;

/** The runner's trace, and each optimizer's defining behaviour. */
class ExactRunnerTest {
    @Test
    void traceRowsHoldTheExactQuantities() {
        FiniteMdp mdp = TwoStateMdp.constrained();
        ExactProblem problem = ExactProblem.of(mdp);
        TabularPolicy uniform = TabularPolicy.uniform(2, 2);
        Trace trace = ExactRunner.builder().iterations(5).build()
                .run(problem, NaturalPolicyGradient.constant(problem, uniform, 0.1));
        assertEquals(6, trace.rows().size());
        assertEquals(List.of("cost"), trace.costNames());
        TraceRow first = trace.rows().get(0);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, uniform);
        assertEquals(ev.valueRho(), first.valueRho(), 1e-12);
        assertEquals(ev.expectedReturn(), first.expectedReturn(), 1e-12);
        assertEquals(problem.optimalValueRho() - ev.valueRho(), first.suboptimality(), 1e-12);
        assertEquals(Math.log(2), first.entropy(), 1e-12, "uniform policy: d-weighted entropy log|A|");
        assertEquals(ev.costReturn(0), first.cost(0), 1e-12);
        assertEquals(0.0, first.klFromPrevious());
        assertTrue(Double.isNaN(first.klFromOptimal()), "no optimal-set KL for a CMDP");
        assertEquals(0.1, first.stepSize());
        assertTrue(Double.isNaN(trace.last().gradientNorm()) && Double.isNaN(trace.last().stepSize()));
        assertTrue(trace.rows().get(1).klFromPrevious() > 0);
        String csv = trace.toCsv();
        assertTrue(csv.startsWith("iter,value_rho,expected_return,gap,entropy,kl_optimal,grad_norm,step_size,"
                + "kl_previous,cost_cost\n0,"), csv);
        assertEquals(7, csv.split("\n").length);
    }

    @Test
    void klFromOptimalSetIsLogOfActionCountAtUniform() {
        FiniteMdp mdp = TwoStateMdp.unconstrained();
        ExactProblem problem = ExactProblem.of(mdp);
        // The optimum plays a2 in s1 and a1 in s2, uniquely: -log π(O(s)|s) = log 2 in every state.
        assertEquals(Math.log(2), problem.klFromOptimalSet(TabularPolicy.uniform(2, 2).probabilities()), 1e-12);
        assertEquals(0.0, problem.klFromOptimalSet(problem.optimum().policy().probabilities()), 1e-9);
    }

    @Test
    void runnerStopsAtTheTolerance() {
        FiniteMdp mdp = Fixtures.garnet(2);
        ExactProblem problem = ExactProblem.of(mdp);
        Trace trace = ExactRunner.builder().iterations(1000).tolerance(1e-3).build()
                .run(problem, NaturalPolicyGradient.constant(problem, TabularPolicy.uniform(mdp.states(), mdp.actions()), 1.0));
        assertTrue(trace.last().suboptimality() <= 1e-3);
        assertTrue(trace.rows().get(trace.steps() - 1).suboptimality() > 1e-3);
        assertEquals(trace.steps(), trace.firstIterationWithin(1e-3));
    }

    @Test
    void everyOptimizerImprovesOnARandomGarnet() {
        for (long seed = 0; seed < 5; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            TabularPolicy start = Fixtures.randomPolicy(mdp, seed, 1.0);
            List<ExactOptimizer> optimizers = List.of(
                    new SoftmaxPolicyGradient(problem, start, 1.0),
                    new LogBarrierPolicyGradient(problem, start, 1.0, 0.01),
                    new ProjectedPolicyGradient(problem, start, 0.1),
                    NaturalPolicyGradient.constant(problem, start, 0.5),
                    new EntropyRegularizedNpg(problem, start, 0.5, 0.01),
                    new ExactTrpo(problem, start, 0.01),
                    new ExactPpo(problem, start, 0.2, 10, 1.0));
            for (ExactOptimizer opt : optimizers) {
                Trace trace = ExactRunner.builder().iterations(200).build().run(problem, opt);
                assertTrue(trace.last().suboptimality() < 0.2 * trace.rows().get(0).suboptimality(),
                        opt.name() + " seed " + seed + ": " + trace.rows().get(0) + " -> " + trace.last());
            }
        }
    }

    @Test
    void trpoRespectsTheTrustRegionExactly() {
        for (long seed = 0; seed < 5; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            double maxKl = 0.02;
            Trace trace = ExactRunner.builder().iterations(50).build()
                    .run(problem, new ExactTrpo(problem, Fixtures.randomPolicy(mdp, seed, 1.0), maxKl));
            for (int k = 1; k < trace.rows().size(); k++) {
                TraceRow row = trace.rows().get(k);
                assertTrue(row.klFromPrevious() <= maxKl + 1e-15, "seed " + seed + " k " + k + ": KL " + row.klFromPrevious());
                assertTrue(row.valueRho() >= trace.rows().get(k - 1).valueRho() - 1e-9, "seed " + seed + " k " + k);
            }
        }
    }

    @Test
    void ppoFirstEpochFollowsThePolicyGradient() {
        // One epoch from π_k: no ratio is clipped yet, so PPO's step is exactly a softmax PG step.
        FiniteMdp mdp = Fixtures.garnet(4);
        ExactProblem problem = ExactProblem.of(mdp);
        TabularPolicy start = Fixtures.randomPolicy(mdp, 4, 1.0);
        ExactPpo ppo = new ExactPpo(problem, start, 0.2, 1, 0.3);
        SoftmaxPolicyGradient pg = new SoftmaxPolicyGradient(problem, start, 0.3);
        Evaluation ev = problem.evaluate(start.probabilities(), null);
        StepReport a = ppo.step(ev);
        StepReport b = pg.step(ev);
        assertEquals(b.gradientNorm(), a.gradientNorm(), 1e-12);
        assertTrue(Fixtures.supDistance(ppo.policy(), pg.policy()) < 1e-12);
    }

    @Test
    void projectedGradientKeepsPoliciesOnTheSimplex() {
        FiniteMdp mdp = Fixtures.garnet(5);
        ExactProblem problem = ExactProblem.of(mdp);
        ProjectedPolicyGradient opt = new ProjectedPolicyGradient(problem, TabularPolicy.uniform(mdp.states(), mdp.actions()), 0.5);
        for (int k = 0; k < 20; k++) {
            opt.step(problem.evaluate(opt.policy(), null));
            TabularPolicy.ofFlat(mdp.states(), mdp.actions(), opt.policy());
        }
    }

    @Test
    void invalidInputsAreRefusedWithTheirValue() {
        FiniteMdp mdp = Fixtures.garnet(1);
        ExactProblem problem = ExactProblem.of(mdp);
        TabularPolicy uniform = TabularPolicy.uniform(mdp.states(), mdp.actions());
        assertEquals("learning_rate -1.0 must be positive and finite", assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxPolicyGradient(problem, uniform, -1)).getMessage());
        assertEquals("clip_range 0.0 must be positive and finite", assertThrows(IllegalArgumentException.class,
                () -> new ExactPpo(problem, uniform, 0, 10, 1)).getMessage());
        assertEquals("n_epochs 0 must be at least 1", assertThrows(IllegalArgumentException.class,
                () -> new ExactPpo(problem, uniform, 0.2, 0, 1)).getMessage());
        assertEquals("iterations -1 must be non-negative", assertThrows(IllegalArgumentException.class,
                () -> ExactRunner.builder().iterations(-1)).getMessage());
        assertEquals("mu has 2 entries, expected " + mdp.states(), assertThrows(IllegalArgumentException.class,
                () -> ExactProblem.of(mdp, new double[] {0.5, 0.5})).getMessage());
        TabularPolicy deterministic = TabularPolicy.deterministic(mdp.actions(), new int[mdp.states()]);
        assertEquals("start policy pi(a=1|s=0) = 0.0 has no softmax logits; a softmax method needs pi > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> NaturalPolicyGradient.constant(problem, deterministic, 0.1)).getMessage());
        TabularPolicy wrong = TabularPolicy.uniform(mdp.states() + 1, mdp.actions());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExactTrpo(problem, wrong, 0.01))
                .getMessage().startsWith("policy is " + (mdp.states() + 1) + "x"));
    }
}
