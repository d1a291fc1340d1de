package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.npg4j.math.StateMap;

/**
 * Checkpoints of the whole training state: a run stopped after some updates, written to a {@link StateMap} and
 * continued by a freshly built trainer ends with the same parameters, bit for bit, as a run never stopped; and
 * writing a checkpoint does not change what the writing run does next.
 */
class TrainerCheckpointTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) ConfigLayers.parse(text, "test");
    }

    static void assertResumesExactly(String algo, String env, String config, long stopAt, long total) {
        ObjectNode cfg = yaml(config);
        double[] uninterrupted;
        Map<String, Double> lastRow;
        try (TrainingSetup a = Algorithms.build(algo, env, cfg, 5, 1)) {
            a.learn(total);
            uninterrupted = a.policy().parameters().clone();
            lastRow = a.trainer().lastMetrics();
        }
        StateMap state = new StateMap();
        try (TrainingSetup b = Algorithms.build(algo, env, cfg, 5, 1)) {
            b.learn(stopAt);
            b.trainer().writeCheckpoint(state);
            b.learn(total);
            assertArrayEquals(uninterrupted, b.policy().parameters(), algo + ": writing a checkpoint changed the run");
        }
        // Another run seed: everything the resumed run needs must come from the checkpoint.
        try (TrainingSetup c = Algorithms.build(algo, env, cfg, 99, 1)) {
            c.trainer().readCheckpoint(state);
            assertEquals(stopAt, c.trainer().timesteps(), algo);
            c.learn(total);
            assertArrayEquals(uninterrupted, c.policy().parameters(), algo + ": the resumed run differs");
            Map<String, Double> row = c.trainer().lastMetrics();
            for (String k : new String[] {"time/iterations", "time/total_timesteps", "rollout/ep_rew_mean",
                    "rollout/ep_len_mean", "train/n_updates"}) {
                assertEquals(lastRow.get(k), row.get(k), algo + " " + k);
            }
        }
    }

    @Test
    void everyAlgorithmResumesBitForBitOnCartPole() {
        for (String algo : Algorithms.names()) {
            if (AlgorithmsTest.SAFE.contains(algo)) {
                continue; // constrained: see SafeAlgorithmsTest
            }
            String cfg = "n_envs: 3\nn_steps: 32\n" + (algo.equals("a2c") ? "" : "batch_size: 32\n")
                    + (algo.startsWith("ppo") ? "n_epochs: 2\n" : "");
            // The constrained algorithms on CartPole with a cost (x_safe 1.0): a limit of 1 keeps λ moving.
            String env = Algorithms.constrained(algo) ? "CartPoleSafe-v0" : "CartPole-v1";
            if (Algorithms.constrained(algo)) {
                cfg += "cost_limit: 1\n";
            }
            assertResumesExactly(algo, env, cfg, 3 * 96, 7 * 96);
        }
    }

    @Test
    void normalizedGaussianRunResumesBitForBit() {
        // Pendulum: Gaussian actions, observation and reward normalization with their running statistics.
        assertResumesExactly("ppo", "Pendulum-v1", "n_envs: 2\nn_steps: 64\nbatch_size: 64\nn_epochs: 2\n"
                + "normalize: true\n", 2 * 128, 5 * 128);
    }

    @Test
    void ppoKlRestoresItsPenaltyCoefficient() {
        StateMap state = new StateMap();
        double beta;
        ObjectNode cfg = yaml("n_envs: 2\nn_steps: 32\nbatch_size: 32\nkl_coef: 0.7\n");
        try (TrainingSetup a = Algorithms.build("ppo-kl", "CartPole-v1", cfg, 1, 1)) {
            a.learn(128);
            a.trainer().writeCheckpoint(state);
            beta = ((org.npg4j.algo.PpoKl) a.update()).klCoef();
        }
        assertTrue(beta != 0.7, "beta adapted");
        assertEquals(beta, state.scope("algorithm").doubleValue("kl_coef"));
        try (TrainingSetup b = Algorithms.build("ppo-kl", "CartPole-v1", cfg, 1, 1)) {
            b.trainer().readCheckpoint(state);
            assertEquals(beta, ((org.npg4j.algo.PpoKl) b.update()).klCoef());
        }
    }

    @Test
    void lagrangianBaselinesResumeBitForBitWithTheirMultipliers() {
        // PID with a tight limit on the constrained Garnet (a cost at every step, 100-step episodes): the
        // multiplier, the controller's integral and the cost critic must all come back.
        for (String algo : new String[] {"ppo-lag", "trpo-lag"}) {
            String cfg = "n_envs: 2\nn_steps: 64\nbatch_size: 32\ncost_limit: 5\nlagrangian: pid\n"
                    + "pid_kp: 0.2\npid_ki: 0.1\n" + (algo.equals("ppo-lag") ? "n_epochs: 2\n" : "");
            assertResumesExactly(algo, "ConstrainedGarnet-v0", cfg, 5 * 128, 9 * 128);
            StateMap state = new StateMap();
            double[] lambda;
            try (TrainingSetup a = Algorithms.build(algo, "ConstrainedGarnet-v0", yaml(cfg), 2, 1)) {
                a.learn(5 * 128);
                a.trainer().writeCheckpoint(state);
                lambda = multipliers(a);
            }
            assertTrue(lambda[0] > 0, algo + ": the multiplier moved, " + lambda[0]);
            try (TrainingSetup b = Algorithms.build(algo, "ConstrainedGarnet-v0", yaml(cfg), 2, 1)) {
                b.trainer().readCheckpoint(state);
                assertArrayEquals(lambda, multipliers(b), algo);
                assertArrayEquals(((org.npg4j.algo.ConstrainedAlgorithm) b.update()).costCritic().parameters(),
                        state.scope("algorithm").scope("cost_critic").doubles("parameters", -1), algo);
            }
        }
    }

    private static double[] multipliers(TrainingSetup s) {
        return s.update() instanceof org.npg4j.algo.PpoLagrangian p ? p.lagrangeMultipliers()
                : ((org.npg4j.algo.TrpoLagrangian) s.update()).lagrangeMultipliers();
    }

    @Test
    void aCheckpointOfAnotherShapeIsRefusedByName() {
        StateMap state = new StateMap();
        try (TrainingSetup a = Algorithms.build("ppo", "CartPole-v1", yaml("n_envs: 2\nn_steps: 32\nbatch_size: 32\n"),
                1, 1)) {
            a.learn(64);
            a.trainer().writeCheckpoint(state);
        }
        try (TrainingSetup b = Algorithms.build("ppo", "CartPole-v1", yaml("n_envs: 2\nn_steps: 32\nbatch_size: 32\n"
                + "policy_kwargs:\n  net_arch: [8]\n"), 1, 1)) {
            String m = assertThrows(IllegalArgumentException.class, () -> b.trainer().readCheckpoint(state))
                    .getMessage();
            assertTrue(m.startsWith("checkpoint state 'policy/parameters' has length "), m);
        }
    }
}
