package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.TabularPolicy;
import org.npg4j.mdp.TwoStateMdp;

/** The exact-optimizer registry: every entry builds from its defaults and optimizes; bad names and values fail clearly. */
class ExactOptimizersTest {
    static List<String> names() {
        return ExactOptimizers.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyOptimizerBuildsFromItsDefaultsAndImprovesOnTwoState(String name) {
        ExactOptimizerSpec spec = ExactOptimizers.spec(name);
        FiniteMdp mdp = spec.constrained() ? TwoStateMdp.constrained() : TwoStateMdp.unconstrained();
        TabularPolicy start = spec.constrained() ? LinearProgram.strictlyFeasiblePolicy(mdp)
                : TabularPolicy.uniform(2, 2);
        ExactProblem problem = ExactProblem.of(mdp);
        ExactOptimizer opt = ExactOptimizers.build(name, problem, start);
        assertEquals(name, opt.name(), "the trace is named as the registry entry");
        Trace trace = ExactRunner.builder().iterations(5).build().run(problem, opt);
        assertEquals(6, trace.rows().size());
        for (TraceRow r : trace.rows()) {
            assertTrue(Double.isFinite(r.valueRho()) && Double.isFinite(r.suboptimality()), name + ": " + r);
        }
        double[] pi = trace.finalPolicy().probabilities();
        assertEquals(1.0, pi[0] + pi[1], 1e-12);
        assertEquals(1.0, pi[2] + pi[3], 1e-12);
        if (name.equals("lagrangian-npg")) {
            // Primal-dual: the return may overshoot the constrained optimum while the constraint is violated.
            assertTrue(trace.last().valueRho() != trace.rows().get(0).valueRho(), name + " moves");
        } else {
            assertTrue(trace.last().suboptimality() < trace.rows().get(0).suboptimality(),
                    name + " improves: " + trace.rows().get(0) + " -> " + trace.last());
        }
    }

    @Test
    void defaultsAreTheSpecsAndGivenValuesOverrideThem() {
        ExactOptimizerSpec trpo = ExactOptimizers.spec("trpo");
        assertEquals(Map.of("max_kl", 0.01, "line_search_shrinking_factor", 0.8, "line_search_max_iter", 10.0),
                trpo.defaults());
        FiniteMdp mdp = TwoStateMdp.unconstrained();
        ExactProblem problem = ExactProblem.of(mdp);
        TabularPolicy uniform = TabularPolicy.uniform(2, 2);
        // NPG with eta = 0.5 from the registry is NPG with eta = 0.5 built directly, bit for bit.
        Trace viaRegistry = ExactRunner.builder().iterations(10).build()
                .run(problem, ExactOptimizers.build("npg", problem, uniform, Map.of("eta", 0.5)));
        Trace direct = ExactRunner.builder().iterations(10).build()
                .run(problem, NaturalPolicyGradient.constant(problem, uniform, 0.5));
        assertEquals(direct.rows(), viaRegistry.rows());
    }

    @Test
    void fisherNpgStartsFromTheGivenPolicyAndFollowsClosedFormNpg() {
        // Lemma 11.2 for the tabular family: the Fisher direction is the closed-form NPG step, from any start.
        FiniteMdp mdp = Fixtures.garnet(3);
        ExactProblem problem = ExactProblem.of(mdp);
        TabularPolicy start = Fixtures.randomPolicy(mdp, 3, 1.0);
        Trace fisher = ExactRunner.builder().iterations(5).build()
                .run(problem, ExactOptimizers.build("npg-fisher", problem, start));
        Trace closedForm = ExactRunner.builder().iterations(5).build()
                .run(problem, ExactOptimizers.build("npg", problem, start));
        for (int k = 0; k <= 5; k++) {
            assertEquals(closedForm.rows().get(k).valueRho(), fisher.rows().get(k).valueRho(), 1e-8, "iterate " + k);
        }
    }

    @Test
    void unknownNamesKeysAndBadValuesAreOneLineErrors() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> ExactOptimizers.spec("npgg")).getMessage();
        assertTrue(unknown.startsWith("unknown exact optimizer 'npgg' (closest: npg"), unknown);
        assertFalse(unknown.contains("\n"));
        ExactProblem problem = ExactProblem.of(TwoStateMdp.unconstrained());
        TabularPolicy uniform = TabularPolicy.uniform(2, 2);
        assertEquals("npg has no hyperparameter max_kl (it has: eta)", assertThrows(IllegalArgumentException.class,
                () -> ExactOptimizers.build("npg", problem, uniform, Map.of("max_kl", 0.1))).getMessage());
        assertEquals("--eta -0.1 must be positive and finite", assertThrows(IllegalArgumentException.class,
                () -> ExactOptimizers.build("npg", problem, uniform, Map.of("eta", -0.1), k -> "--" + k)).getMessage());
        assertEquals("n_epochs 2.5 must be an integer >= 1", assertThrows(IllegalArgumentException.class,
                () -> ExactOptimizers.build("ppo", problem, uniform, Map.of("n_epochs", 2.5))).getMessage());
        assertEquals("eta 2 exceeds (1-gamma)/tau = 1.00000", assertThrows(IllegalArgumentException.class,
                () -> ExactOptimizers.build("regnpg", problem, uniform, Map.of("eta", 2.0))).getMessage());
        assertEquals("safe-npg needs a constrained MDP (costs with limits), but this MDP has no costs",
                assertThrows(IllegalArgumentException.class,
                        () -> ExactOptimizers.build("safe-npg", problem, uniform)).getMessage());
    }

    @Test
    void registeringATakenNameFails() {
        ExactOptimizerSpec npg = ExactOptimizers.spec("npg");
        assertEquals("exact optimizer npg is already registered",
                assertThrows(IllegalArgumentException.class, () -> ExactOptimizers.register(npg)).getMessage());
    }
}
