package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.MdpSpecs;
import org.npg4j.mdp.TabularPolicy;

/**
 * Exact TRPO keeps moving near the optimum: there the advantages are tiny, the trust-region step
 * β = √(2δ/ΔθᵀF̄Δθ) is large, and candidates whose suboptimal actions underflow to probability 0 must still pass
 * the exact KL test (their KL from π_k is tiny), else the iteration freezes at a gap of 1e-5 to 1e-8.
 */
class ExactTrpoTest {
    @ParameterizedTest
    @ValueSource(strings = {"garnet:states=50,actions=4,branching=3,seed=1", "two-state"})
    void trpoReachesTheOptimumToRoundingInsteadOfStalling(String spec) {
        FiniteMdp mdp = MdpSpecs.parse(spec);
        ExactProblem problem = ExactProblem.of(mdp);
        ExactTrpo trpo = new ExactTrpo(problem, TabularPolicy.uniform(mdp.states(), mdp.actions()), 0.01);
        Trace trace = ExactRunner.builder().iterations(60).build().run(problem, trpo);
        double scale = Math.abs(trace.optimalValueRho());
        assertTrue(trace.last().suboptimality() <= 1e-10 * scale,
                spec + ": final gap " + trace.last().suboptimality() + " (stalled steps are reported as 0)");
        for (TraceRow r : trace.rows()) {
            if (r.suboptimality() > 1e-9 * scale && r.iteration() < trace.steps()) {
                assertTrue(r.stepSize() > 0, spec + ": TRPO stalled at " + r);
            }
        }
    }
}
