package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.npg4j.mdp.ConstrainedGarnet;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;

/**
 * Safe NPG as {@code npg4j exact --algo safe-npg --start feasible} runs it: the registry's default step and β from the
 * LP's strictly feasible start, on seeded random constrained Garnets with 20 and 40 states (4 actions, branching 3,
 * γ = 0.9, cost correlation 0.5, limit 0.5). Every iterate is safe (its exact slack σ &gt; 0; the re-evaluated cost
 * within rounding of the limit) and the return reaches the LP's constrained optimum within 1e-6 inside 600
 * iterations (a small step such as 0.1 leaves a gap of about 1e-3 there).
 */
class SafeNpgDefaultsTest {
    @ParameterizedTest(name = "{0} states, seed {1}")
    @CsvSource({"20, 0", "20, 1", "40, 0"})
    void defaultStepFromTheFeasibleStartReachesTheLpOptimumSafely(int states, long seed) {
        FiniteMdp mdp = new ConstrainedGarnet(states, 4, 3, 0.9, 0.5, 0.5, seed).generate();
        ExactProblem problem = ExactProblem.of(mdp);
        double optimum = LinearProgram.solve(mdp).expectedReturn();
        ExactOptimizer opt = ExactOptimizers.build("safe-npg", problem, LinearProgram.strictlyFeasiblePolicy(mdp));
        Trace trace = ExactRunner.builder().iterations(600).tolerance(1e-7).build().run(problem, opt);
        double limit = mdp.cost(0).limit();
        for (TraceRow row : trace.rows()) {
            // The iterates' slacks σ are kept exactly and stay positive; re-evaluating c·d^π of the policy
            // π = d/d_S from scratch rounds, by up to a few ulps of the limit once σ is tiny.
            assertTrue(row.cost(0) <= limit + 1e-12, "safe at every iterate: " + row);
            assertTrue(row.expectedReturn() <= optimum + 1e-9, "no iterate beats the constrained optimum: " + row);
        }
        assertEquals(optimum, trace.last().expectedReturn(), 1e-6, "LP optimum after " + trace.steps() + " steps");
        assertTrue(trace.last().suboptimality() <= 1e-6, trace.last().toString());
        assertTrue(((SafeNaturalPolicyGradient) opt).slacks()[0] > 0, "the exact slack stays positive");
    }
}
