package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.algo.LagrangianConfig;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.algo.Ppo;
import org.npg4j.algo.PpoConfig;
import org.npg4j.algo.PpoLagrangian;
import org.npg4j.algo.TrpoLagrangian;
import org.npg4j.env.CartPoleSafe;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.policy.Policies;

/** The Lagrangian baselines through the trainer and the factory. */
class LagrangianTrainingTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) ConfigLayers.parse(text, "test");
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    /** PPO or PPO-Lag (limit 2, Adam with lambda_lr 1) on 8 CartPoleSafe envs with x_safe = 0.1, same seeds. */
    private static List<Map<String, Double>> cartPole(boolean lagrangian, long steps) {
        List<RecordEpisodeStatistics> list = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            list.add(new RecordEpisodeStatistics(new CartPoleSafe(500, 0.1)));
        }
        SyncVectorEnv env = new SyncVectorEnv(list);
        env.reset(1);
        ActorCriticPolicy p = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                new int[] {64, 64}, new int[] {64, 64}, Activation.TANH, 0.0, 2);
        PpoConfig pc = PpoConfig.builder().batchSize(256).nEpochs(10).learningRate(1e-3).build();
        LagrangianConfig lc = LagrangianConfig.builder().costLimits(2).lambdaLr(1.0).build();
        OnPolicyAlgorithm a = lagrangian
                ? new PpoLagrangian(pc, lc, p, new CostCritic(4, 1, new int[] {64, 64}, Activation.TANH, 3), 4, 5)
                : new Ppo(pc, p, 4);
        InMemoryLogger log = new InMemoryLogger();
        new Trainer(env, p, a, new RolloutConfig(64, 8, 0.98, 0.8, false), 6).addLogger(log).learn(steps);
        env.close();
        return log.rows();
    }

    @Test
    void multiplierGrowsWhileViolatedAndTheEpisodeCostFalls() {
        long steps = 14_336;
        List<Map<String, Double>> lag = cartPole(true, steps);
        List<Map<String, Double>> ppo = cartPole(false, steps);
        double previous = 0.001;
        int violated = 0;
        double early = 0;
        for (int k = 0; k < lag.size(); k++) {
            Map<String, Double> row = lag.get(k);
            double jc = row.get("safety/episode_cost");
            double lambda = row.get("train/lagrangian_multiplier");
            if (jc > 2) {
                violated++;
                assertTrue(lambda > previous, "update " + k + ": Ĵ_c = " + jc + " > 2 but λ " + previous + " -> "
                        + lambda);
            }
            previous = lambda;
            if (k < lag.size() / 2) {
                early = Math.max(early, row.get("rollout/ep_cost_mean"));
            }
        }
        assertTrue(violated > lag.size() / 2, "the limit is tight: " + violated + " of " + lag.size());
        double lagCost = lag.get(lag.size() - 1).get("rollout/ep_cost_mean");
        double ppoCost = ppo.get(ppo.size() - 1).get("rollout/ep_cost_mean");
        assertTrue(lagCost < early, "the episode cost falls from its peak " + early + " to " + lagCost);
        assertTrue(lagCost < 0.25 * ppoCost, "PPO-Lag's episode cost " + lagCost + " vs PPO's " + ppoCost);
        assertTrue(previous > 3, "λ = " + previous);
    }

    @Test
    void withAZeroMultiplierAndASlackLimitPpoLagIsPpoBitForBit() {
        String cfg = "n_envs: 2\nn_steps: 64\nbatch_size: 32\nn_epochs: 2\n";
        try (TrainingSetup a = Algorithms.build("ppo", "CartPoleSafe-v0", yaml(cfg), 3, 1);
             TrainingSetup b = Algorithms.build("ppo-lag", "CartPoleSafe-v0", yaml(cfg
                     + "cost_limit: 1.0e9\nlagrangian_multiplier_init: 0\n"), 3, 1)) {
            a.learn(640);
            b.learn(640);
            assertArrayEquals(a.policy().parameters(), b.policy().parameters());
            assertEquals(0.0, b.trainer().lastMetrics().get("train/lagrangian_multiplier"));
        }
    }

    @Test
    void factoryKnowsTheKeysAndBuildsEachBaseline() {
        ObjectNode d = Algorithms.defaults("ppo-lag");
        assertEquals(25.0, d.get("cost_limit").doubleValue());
        assertEquals("gradient", d.get("lagrangian").textValue());
        assertEquals(0.001, d.get("lagrangian_multiplier_init").doubleValue());
        assertEquals(0.035, d.get("lambda_lr").doubleValue());
        assertEquals("adam", d.get("lambda_optimizer").textValue());
        assertEquals(0.1, d.get("pid_kp").doubleValue());
        assertEquals(0.01, d.get("pid_ki").doubleValue());
        assertEquals(0.01, d.get("pid_kd").doubleValue());
        assertEquals("center", d.get("cost_advantage_normalization").textValue());
        // Every parent key too.
        Algorithms.defaults("ppo").fieldNames().forEachRemaining(k -> assertTrue(d.has(k), k));
        ObjectNode t = Algorithms.defaults("trpo-lag");
        Algorithms.defaults("trpo").fieldNames().forEachRemaining(k -> assertTrue(t.has(k), k));
        assertEquals(25.0, t.get("cost_limit").doubleValue());
        assertTrue(Algorithms.constrained("ppo-lag") && Algorithms.constrained("trpo-lag"));
        assertTrue(!Algorithms.constrained("ppo") && !Algorithms.constrained("trpo"));

        try (TrainingSetup s = Algorithms.build("trpo-lag", "KinematicPointCircle-v0", yaml("n_envs: 1\nn_steps: 200\n"
                + "batch_size: 50\ncost_limit: [7]\nlagrangian: pid\npid_kp: 0.5\n"), 0, 1)) {
            TrpoLagrangian u = (TrpoLagrangian) s.update();
            assertArrayEquals(new double[] {7}, u.costLimits());
            assertEquals(LagrangianConfig.Method.PID, u.lagrangianConfig().method());
            assertEquals(0.5, u.lagrangianConfig().pidKp());
            assertEquals(LagrangianConfig.CostAdvantage.CENTER, u.lagrangianConfig().costAdvantage());
            s.learn(400);
            Map<String, Double> row = s.trainer().lastMetrics();
            assertEquals(7.0, row.get("safety/cost_limit"));
            assertTrue(row.containsKey("train/lagrangian_multiplier"));
            assertTrue(row.containsKey("train/cost_value_loss"));
        }
        try (TrainingSetup s = Algorithms.build("ppo-lag", "ConstrainedGarnet-v0",
                Presets.find("ppo-lag", "ConstrainedGarnet-v0").orElseThrow(), 0, 1)) {
            PpoLagrangian u = (PpoLagrangian) s.update();
            assertArrayEquals(new double[] {50}, u.costLimits());
            assertEquals(0.9, s.trainer().rollout().gamma());
            assertEquals(2000, s.trainer().rollout().size());
        }
    }

    @Test
    void badLagrangianConfigurationsFailInOneLine() {
        assertEquals("ppo-lag is a constrained algorithm: it needs an env with costs, and CartPole-v1 has none "
                + "(see npg4j envs)", message(() -> Algorithms.build("ppo-lag", "CartPole-v1", yaml("n_envs: 1"), 0,
                1)));
        assertEquals("trpo-lag is a constrained algorithm: it needs an env with costs, and Pendulum-v1 has none "
                + "(see npg4j envs)", message(() -> Algorithms.build("trpo-lag", "Pendulum-v1", yaml("n_envs: 1"), 0,
                1)));
        assertEquals("hyperparameter cost_limit: 2 limits, but CartPoleSafe-v0 has 1 cost signal", message(() -> Algorithms.build(
                "ppo-lag", "CartPoleSafe-v0", yaml("cost_limit: [1, 2]"), 0, 1)));
        assertEquals("hyperparameter cost_limit: expected a number or a list of numbers, found \"low\"",
                message(() -> Algorithms.build("ppo-lag", "CartPoleSafe-v0", yaml("cost_limit: low"), 0, 1)));
        assertEquals("hyperparameter cost_limit[1]: expected a number, found \"x\"",
                message(() -> Algorithms.build("ppo-lag", "CartPoleSafe-v0", yaml("cost_limit: [1, x]"), 0, 1)));
        assertEquals("cost_limit[0] must be finite and non-negative, got -5.0",
                message(() -> Algorithms.build("trpo-lag", "CartPoleSafe-v0", yaml("cost_limit: -5"), 0, 1)));
        assertEquals("lagrangian must be gradient or pid, got \"PID\"",
                message(() -> Algorithms.build("ppo-lag", "CartPoleSafe-v0", yaml("lagrangian: PID"), 0, 1)));
        assertEquals("cost_advantage_normalization must be center or standardize, got \"scale\"",
                message(() -> Algorithms.build("trpo-lag", "CartPoleSafe-v0",
                        yaml("cost_advantage_normalization: scale"), 0, 1)));
        assertEquals("lambda_lr must be positive, got -1.0",
                message(() -> Algorithms.build("ppo-lag", "CartPoleSafe-v0", yaml("lambda_lr: -1"), 0, 1)));
        assertEquals("unknown ppo-lag hyperparameter 'cost_limits' (closest: cost_limit, cost_window, gae_lambda)",
                message(() -> Algorithms.resolve("ppo-lag", yaml("cost_limits: 3"))));
        assertEquals("batch_size 100 must divide n_steps*n_envs 2048",
                message(() -> Algorithms.build("ppo-lag", "CartPoleSafe-v0", yaml("batch_size: 100"), 0, 1)));
    }
}
