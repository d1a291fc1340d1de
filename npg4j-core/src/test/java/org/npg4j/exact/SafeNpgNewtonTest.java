package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.ConstrainedGarnet;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;

/**
 * Safe NPG's inner Newton iteration stops at rounding level. Once iterates have coordinates of 1e-10 and below, the
 * relative change of Newton's iterates cannot fall under about 1e-11, and waiting for 1e-13 ran every step to the
 * cap of 100 Newton iterations although about 15 reach the proximal point.
 */
class SafeNpgNewtonTest {
    @Test
    void newtonStopsAtRoundingLevelInsteadOfAtItsCap() {
        FiniteMdp mdp = new ConstrainedGarnet(20, 4, 3, 0.9, 0.5, 0.5, 0).generate();
        ExactProblem problem = ExactProblem.of(mdp);
        SafeNaturalPolicyGradient opt = (SafeNaturalPolicyGradient) ExactOptimizers.build("safe-npg", problem,
                LinearProgram.strictlyFeasiblePolicy(mdp));
        Trace trace = ExactRunner.builder().iterations(100).build().run(problem, opt);
        assertTrue(opt.newtonIterations() < 25 * 100, "Newton iterations for 100 steps: " + opt.newtonIterations());
        assertTrue(Math.abs(trace.last().suboptimality()) < 1e-6, "and the steps are still exact: " + trace.last());
    }
}
