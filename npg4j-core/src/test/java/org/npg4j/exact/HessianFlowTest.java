package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/** Müller and Montúfar 2024 (docs/theory.md row 32): Kakade's NPG flow in d-space is the Hessian flow of -H_{A|S}. */
class HessianFlowTest {
    @Test
    void kakadeNpgFlowIsTheConditionalEntropyHessianFlow() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.uniformMu(mdp);
            TabularPolicy start = Fixtures.randomPolicy(mdp, seed, 1.0);
            double time = 1.0;
            HessianFlow flow = new HessianFlow(problem, start, HessianFlow.Geometry.CONDITIONAL_ENTROPY, 0.05);
            Evaluation ev = problem.evaluateUnderMu(flow.policy(), null, null);
            for (int k = 0; k < 20; k++) {
                flow.step(ev);
                ev = problem.evaluateUnderMu(flow.policy(), null, null);
            }
            assertEquals(time, flow.time(), 1e-12);
            // The d of the flow is the d of its own policy (it stays in the polytope D_μ).
            assertTrue(Fixtures.supDistance(flow.stateActionDistribution(), ev.stateActionDistribution()) < 1e-9,
                    "seed " + seed + ": the flow left the polytope");
            // NPG with small steps: flow time t = kη/(1-γ).
            for (double eta : new double[] {1e-2, 1e-3}) {
                int k = (int) Math.round(time * (1 - mdp.gamma()) / eta);
                NaturalPolicyGradient npg = NaturalPolicyGradient.constant(problem, start, eta);
                for (int j = 0; j < k; j++) {
                    npg.step(problem.evaluateUnderMu(npg.policy(), null, null));
                }
                double[] dNpg = problem.evaluateUnderMu(npg.policy(), null, null).stateActionDistribution();
                double distance = Fixtures.supDistance(dNpg, flow.stateActionDistribution());
                assertTrue(distance < (eta > 5e-3 ? 1e-2 : 1e-3), "seed " + seed + ", eta " + eta + ": " + distance);
            }
        }
    }

    @Test
    void flowsIncreaseTheReturnAtTheBregmanRate() {
        // A Hessian gradient flow of the linear R(d) = r·d satisfies R* - R(d_t) ≤ D_φ(d*, d_0)/t, where
        // D_φ is Σ_s d*_S KL(π*_s || π0_s) for φ = -H_{A|S} and KL(d* || d_0) for φ = -H.
        for (long seed = 0; seed < 5; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            TabularPolicy uniform = TabularPolicy.uniform(mdp.states(), mdp.actions());
            double[] dStar = problem.optimum().evaluation().stateActionDistribution();
            double[] d0 = problem.evaluate(uniform.probabilities(), null).stateActionDistribution();
            double rStar = problem.optimum().expectedReturn();
            for (HessianFlow.Geometry g : HessianFlow.Geometry.values()) {
                double bregman = 0;
                if (g == HessianFlow.Geometry.ENTROPY) {
                    for (int i = 0; i < d0.length; i++) {
                        bregman += dStar[i] > 1e-15 ? dStar[i] * Math.log(dStar[i] / d0[i]) : 0;
                    }
                } else {
                    bregman = problem.klFromOptimalSet(uniform.probabilities());
                }
                double h = 0.1;
                HessianFlow flow = new HessianFlow(problem, uniform, g, h);
                Trace trace = ExactRunner.builder().iterations(100).build().run(problem, flow);
                for (int k = 1; k < trace.rows().size(); k++) {
                    TraceRow row = trace.rows().get(k);
                    assertTrue(row.expectedReturn() >= trace.rows().get(k - 1).expectedReturn() - 1e-12,
                            g + " seed " + seed + " k " + k);
                    assertTrue(rStar - row.expectedReturn() <= bregman / (k * h) + 1e-9,
                            g + " seed " + seed + " k " + k + ": gap " + (rStar - row.expectedReturn()));
                }
                double[] d = flow.stateActionDistribution();
                double total = 0;
                for (double x : d) {
                    assertTrue(x > 0);
                    total += x;
                }
                assertEquals(1.0, total, 1e-10);
            }
        }
    }
}
