package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.C3poConfig;
import org.npg4j.algo.CTrpo;
import org.npg4j.algo.CTrpoConfig;
import org.npg4j.algo.ConstrainedAlgorithm;
import org.npg4j.algo.Pcpo;

/** C-TRPO, C3PO, CPO and PCPO through the factory: defaults, cost_limit, presets, training rows and checkpoints. */
class SafeAlgorithmsTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) ConfigLayers.parse(text, "test");
    }

    @Test
    void defaultsEqualTheConfigRecordsDefaults() {
        Hyperparameters ctrpo = Algorithms.resolve("ctrpo", JsonNodeFactory.instance.objectNode());
        CTrpoConfig c = CTrpoConfig.builder().build();
        assertEquals(c.beta(), ctrpo.number("beta"));
        assertEquals(c.hystFrac(), ctrpo.number("hyst_frac"));
        assertEquals("entropy", ctrpo.text("divergence"));
        assertEquals(c.trpo().lineSearchMaxIter(), ctrpo.integer("line_search_max_iter"));
        assertEquals(25.0, ctrpo.number("cost_limit"));
        Hyperparameters c3po = Algorithms.resolve("c3po", JsonNodeFactory.instance.objectNode());
        C3poConfig d = C3poConfig.builder().build();
        assertEquals(d.kappa(), c3po.number("kappa"));
        assertEquals(d.w(), c3po.number("w"));
        assertEquals(d.ppo().targetKl(), c3po.number("target_kl"));
        assertEquals(d.ppo().learningRate().value(0.5), c3po.schedule("learning_rate").value(0.5));
        assertEquals(d.ppo().batchSize(), c3po.integer("batch_size"));
    }

    @Test
    void costLimitIsANumberOrAListOfOnePerCost() {
        for (String algo : new String[] {"ctrpo", "c3po", "cpo", "pcpo"}) {
            String base = "n_envs: 2\nn_steps: 64\nbatch_size: 32\n";
            try (TrainingSetup s = Algorithms.build(algo, "CartPoleSafe-v0", yaml(base + "cost_limit: 7\n"), 0, 1)) {
                assertArrayEquals(new double[] {7}, ((ConstrainedAlgorithm) s.update()).costLimits());
            }
            try (TrainingSetup s = Algorithms.build(algo, "CartPoleSafe-v0", yaml(base + "cost_limit: [3]\n"), 0, 1)) {
                assertArrayEquals(new double[] {3}, ((ConstrainedAlgorithm) s.update()).costLimits());
            }
            assertEquals("hyperparameter cost_limit: 2 limits, but CartPoleSafe-v0 has 1 cost signal",
                    assertThrows(IllegalArgumentException.class, () -> Algorithms.build(algo, "CartPoleSafe-v0",
                            yaml(base + "cost_limit: [3, 4]\n"), 0, 1)).getMessage());
            assertEquals("hyperparameter cost_limit: expected a number or a list of numbers, found \"low\"",
                    assertThrows(IllegalArgumentException.class, () -> Algorithms.build(algo, "CartPoleSafe-v0",
                            yaml(base + "cost_limit: low\n"), 0, 1)).getMessage());
            assertEquals("cost_limit[0] must be finite and non-negative, got -2.0",
                    assertThrows(IllegalArgumentException.class, () -> Algorithms.build(algo, "CartPoleSafe-v0",
                            yaml(base + "cost_limit: -2\n"), 0, 1)).getMessage());
            assertEquals(algo + " is a constrained algorithm: it needs an env with costs, and CartPole-v1 has none (see "
                            + "npg4j envs)",
                    assertThrows(IllegalArgumentException.class, () -> Algorithms.build(algo, "CartPole-v1",
                            yaml(base), 0, 1)).getMessage());
        }
        assertEquals("divergence must be entropy or barrier, got \"log\"", assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("ctrpo", "CartPoleSafe-v0", yaml("divergence: log\n"), 0, 1)).getMessage());
        assertEquals("projection must be kl or l2, got \"l1\"", assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("pcpo", "CartPoleSafe-v0", yaml("projection: l1\n"), 0, 1)).getMessage());
    }

    @Test
    void cpoAndPcpoTrainOnASafetyEnvAndLogTheirStep() {
        // A limit of 0.5 per episode on CartPoleSafe: the constraint is violated from the start.
        for (String projection : new String[] {"kl", "l2"}) {
            try (TrainingSetup s = Algorithms.build("pcpo", "CartPoleSafe-v0",
                    yaml("n_envs: 2\nn_steps: 128\nbatch_size: 64\ncost_limit: 0.5\nprojection: " + projection + "\n"),
                    3, 1)) {
                assertEquals(projection, ((Pcpo) s.update()).config().projection().key());
                s.learn(512);
                Map<String, Double> row = s.trainer().lastMetrics();
                assertEquals(0.5 - row.get("safety/episode_cost"), row.get("train/slack"), 1e-9);
                assertTrue(row.get("train/projection_size") >= 0 && row.containsKey("train/cost_surrogate"));
            }
        }
        try (TrainingSetup s = Algorithms.build("cpo", "CartPoleSafe-v0",
                yaml("n_envs: 2\nn_steps: 128\nbatch_size: 64\ncost_limit: 0.5\n"), 3, 1)) {
            s.learn(512);
            Map<String, Double> row = s.trainer().lastMetrics();
            assertEquals(0.5 - row.get("safety/episode_cost"), row.get("train/slack"), 1e-9);
            double optimCase = row.get("train/cpo_case");
            assertTrue(optimCase >= 0 && optimCase <= 4 && optimCase == Math.rint(optimCase), "case " + optimCase);
            assertTrue(row.get("train/cost_multiplier") >= 0);
        }
    }

    @Test
    void trainingRowsCarryTheSafetyMetrics() {
        try (TrainingSetup s = Algorithms.build("ctrpo", "CartPoleSafe-v0",
                yaml("n_envs: 2\nn_steps: 128\nbatch_size: 64\ncost_limit: 1000\n"), 3, 1)) {
            s.learn(512);
            Map<String, Double> row = s.trainer().lastMetrics();
            assertEquals(1.0, row.get("train/ctrpo_mode"), "episode costs far below the limit: safe");
            assertEquals(1000 - row.get("safety/episode_cost"), row.get("train/slack"), 1e-9);
            assertTrue(row.containsKey("train/cost_surrogate") && row.containsKey("train/divergence"));
            assertTrue(((CTrpo) s.update()).safeMode());
        }
        try (TrainingSetup s = Algorithms.build("c3po", "CartPoleSafe-v0",
                yaml("n_envs: 2\nn_steps: 128\nbatch_size: 64\nn_epochs: 2\n"), 3, 1)) {
            s.learn(512);
            Map<String, Double> row = s.trainer().lastMetrics();
            assertTrue(row.get("train/kappa") > 5 && row.get("train/kappa") <= 50, "κ " + row.get("train/kappa"));
            assertTrue(row.containsKey("train/cost_penalty"));
        }
    }

    @Test
    void presetsBuildForEverySafetyEnv() {
        for (String algo : new String[] {"ctrpo", "c3po", "cpo", "pcpo"}) {
            for (String env : new String[] {"KinematicPointGoal-v0", "KinematicPointCircle-v0", "CartPoleSafe-v0",
                    "ConstrainedGarnet-v0"}) {
                ObjectNode preset = Presets.find(algo, env).orElseThrow();
                // Build only (no training): every key is known and every value valid.
                Algorithms.build(algo, env, preset, 0, 1).close();
            }
        }
    }

    @Test
    void bothResumeBitForBitOnASafetyEnv() {
        // A limit of 0.5 per episode with hysteresis: the checkpoint must carry the mode.
        TrainerCheckpointTest.assertResumesExactly("ctrpo", "CartPoleSafe-v0",
                "n_envs: 3\nn_steps: 32\nbatch_size: 32\ncost_limit: 0.5\nhyst_frac: 0.5\n", 3 * 96, 7 * 96);
        // C3PO's learning rate and κ follow progress_remaining, which depends on the total budget: the interrupted
        // run is stopped by a callback inside learn(total), as a killed run would be.
        ObjectNode cfg = yaml("n_envs: 3\nn_steps: 32\nbatch_size: 32\nn_epochs: 2\ncost_limit: 0.5\n");
        long total = 7 * 96;
        double[] uninterrupted;
        Map<String, Double> lastRow;
        InMemoryLogger log = new InMemoryLogger();
        try (TrainingSetup a = Algorithms.build("c3po", "CartPoleSafe-v0", cfg, 5, 1)) {
            a.trainer().addLogger(log);
            a.learn(total);
            uninterrupted = a.policy().parameters().clone();
            lastRow = a.trainer().lastMetrics();
        }
        assertTrue(log.rows().stream().anyMatch(r -> r.get("train/cost_penalty") > 0), "the penalty acts in this run");
        org.npg4j.math.StateMap state = new org.npg4j.math.StateMap();
        try (TrainingSetup b = Algorithms.build("c3po", "CartPoleSafe-v0", cfg, 5, 1)) {
            b.trainer().addCallback(new Callback() {
                @Override
                public boolean afterUpdate(Trainer trainer, Map<String, Double> metrics) {
                    return trainer.iterations() < 3;
                }
            });
            b.learn(total);
            assertEquals(3 * 96, b.trainer().timesteps());
            b.trainer().writeCheckpoint(state);
        }
        try (TrainingSetup c = Algorithms.build("c3po", "CartPoleSafe-v0", cfg, 99, 1)) {
            c.trainer().readCheckpoint(state);
            c.learn(total);
            assertArrayEquals(uninterrupted, c.policy().parameters(), "c3po: the resumed run differs");
            assertEquals(lastRow.get("train/kappa"), c.trainer().lastMetrics().get("train/kappa"));
            assertEquals(lastRow.get("safety/cumulative_violation"),
                    c.trainer().lastMetrics().get("safety/cumulative_violation"));
        }
    }
}
