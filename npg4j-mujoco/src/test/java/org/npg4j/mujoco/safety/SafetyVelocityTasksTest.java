package org.npg4j.mujoco.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.EnvCheck;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.mujoco.Mujoco;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.InMemoryLogger;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Safety-Gymnasium's velocity tasks: the registry entries, the thresholds, and on scripted rollouts the task's
 * observation, reward, flags and info unchanged and the cost exactly {@code 1[velocity > threshold]}.
 */
class SafetyVelocityTasksTest {
    private static void assumeMujoco() {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
    }

    private static final Map<String, Double> THRESHOLDS = Map.of("SafetyHopperVelocity-v1", 0.7402,
            "SafetyHalfCheetahVelocity-v1", 3.2096, "SafetyWalker2dVelocity-v1", 2.3415,
            "SafetyAntVelocity-v1", 2.6222, "SafetySwimmerVelocity-v1", 0.2282, "SafetyHumanoidVelocity-v1", 1.4149);

    @Test
    void registeredWithSafetyGymnasiumsIdsTimeLimitsAndTheV4Kwargs() {
        assertEquals(THRESHOLDS.keySet(),
                Set.copyOf(SafetyVelocityTasks.ROBOTS.stream().map(SafetyVelocityTasks.Robot::id).toList()));
        for (SafetyVelocityTasks.Robot robot : SafetyVelocityTasks.ROBOTS) {
            assertEquals(THRESHOLDS.get(robot.id()), robot.threshold(), robot.id());
            assertEquals(1000, Envs.spec(robot.id()).maxEpisodeSteps(), robot.id());
            assertEquals(Envs.spec(robot.taskId()).kwargs(), Envs.spec(robot.id()).kwargs(), robot.id());
        }
        assertTrue(Envs.describe("SafetyAntVelocity-v1").contains("planar speed > 2.6222"));
        assertTrue(Envs.describe("SafetySwimmerVelocity-v1").contains("forward velocity > 0.2282"));
    }

    /** Steps the safe task and its v4 task side by side with the same seed and actions; returns the costs seen. */
    private static final Map<String, Integer> NQ = Map.of("SafetyHopperVelocity-v1", 6,
            "SafetyHalfCheetahVelocity-v1", 9, "SafetyWalker2dVelocity-v1", 9, "SafetyAntVelocity-v1", 15,
            "SafetySwimmerVelocity-v1", 5, "SafetyHumanoidVelocity-v1", 24);

    /**
     * Steps the safe task and its v4 task side by side with the same seed and random actions, both started with the
     * root's x velocity kicked to three times the threshold (so the rollout crosses the threshold on its way down);
     * returns the counts of steps with cost 0 and 1.
     */
    private static int[] compare(String id, long seed, int steps, double actionScale) {
        SafetyVelocityTasks.Robot robot = SafetyVelocityTasks.ROBOTS.stream().filter(r -> r.id().equals(id))
                .findFirst().orElseThrow();
        int[] seen = new int[2];
        try (SafetyVelocityEnv safe = (SafetyVelocityEnv) Envs.make(id); Env task = Envs.make(robot.taskId())) {
            assertEquals(1, safe.costCount());
            assertEquals(task.observationSpace().dim(), safe.observationSpace().dim());
            StepResult a = safe.reset(seed);
            StepResult b = task.reset(seed);
            assertArrayEquals(b.observation(), a.observation());
            assertArrayEquals(new double[] {0.0}, a.costs());
            double[] kicked = safe.state();
            assertArrayEquals(task.state(), kicked);
            kicked[NQ.get(id)] = 3 * robot.threshold();
            a = safe.setState(kicked, 0);
            b = task.setState(kicked, 0);
            assertArrayEquals(b.observation(), a.observation());
            SplittableRandom rng = new SplittableRandom(seed);
            Box box = (Box) safe.actionSpace();
            double[] action = new double[box.dim()];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < action.length; i++) {
                    action[i] = actionScale * box.high(i) * (2 * rng.nextDouble() - 1);
                }
                a = safe.step(action);
                b = task.step(action);
                assertArrayEquals(b.observation(), a.observation(), id + " step " + t);
                assertEquals(b.reward(), a.reward(), 0.0, id + " step " + t);
                assertEquals(b.terminated(), a.terminated());
                assertEquals(b.truncated(), a.truncated());
                assertEquals(b.info(), a.info());
                double vx = (Double) b.info().get("x_velocity");
                double v = robot.planar() ? Math.hypot(vx, (Double) b.info().get("y_velocity")) : vx;
                double expected = v > robot.threshold() ? 1.0 : 0.0;
                assertEquals(expected, a.costs()[0], 0.0, id + " step " + t + " velocity " + v);
                seen[(int) expected]++;
                if (a.done()) {
                    a = safe.reset();
                    b = task.reset();
                    assertArrayEquals(b.observation(), a.observation());
                    assertEquals(0.0, a.costs()[0]);
                }
            }
        }
        return seen;
    }

    @Test
    void rewardObservationAndInfoAreTheV4TasksAndTheCostIsTheThresholdIndicator() {
        assumeMujoco();
        for (String id : NQ.keySet()) {
            int[] seen = compare(id, 5, id.contains("Humanoid") ? 100 : 300, 1.0);
            assertTrue(seen[0] > 0 && seen[1] > 0, id + ": both costs occur, " + seen[0] + "/" + seen[1]);
        }
    }

    @Test
    void aFastStartCostsOneAndARestingOneCostsNothing() {
        assumeMujoco();
        // Hopper's state is (qpos, qvel): rootx velocity at index nq = 6. A start at 3 m/s forward exceeds 0.7402.
        try (Env env = Envs.make("SafetyHopperVelocity-v1")) {
            env.reset(0);
            double[] state = env.state();
            double[] fast = state.clone();
            fast[6] = 3.0;
            env.setState(fast, 0);
            StepResult r = env.step(new double[3]);
            assertTrue((Double) r.info().get("x_velocity") > 0.7402, r.info().toString());
            assertEquals(1.0, r.costs()[0]);
            env.setState(state, 0);
            r = env.step(new double[3]);
            assertTrue(Math.abs((Double) r.info().get("x_velocity")) < 0.7402, r.info().toString());
            assertEquals(0.0, r.costs()[0]);
        }
        // The ant's cost uses the planar speed: sideways at 3 m/s costs although the forward velocity is about 0.
        try (Env env = Envs.make("SafetyAntVelocity-v1")) {
            env.reset(0);
            double[] state = env.state();
            state[15] = 0.0;
            state[16] = 3.0;
            env.setState(state, 0);
            StepResult r = env.step(new double[8]);
            double vx = (Double) r.info().get("x_velocity");
            double vy = (Double) r.info().get("y_velocity");
            assertTrue(Math.abs(vx) < 2.6222 && Math.hypot(vx, vy) > 2.6222, r.info().toString());
            assertEquals(1.0, r.costs()[0]);
        }
    }

    @Test
    void envCheckerPasses() {
        assumeMujoco();
        for (String id : List.of("SafetyHopperVelocity-v1", "SafetyAntVelocity-v1", "SafetySwimmerVelocity-v1")) {
            try (Env env = Envs.make(id)) {
                EnvCheck check = Envs.check(env);
                assertTrue(check.problems().isEmpty(), id + ": " + check.problems());
            }
        }
    }

    @Test
    void kwargsReachTheTaskAndUnknownOnesFailNamingTheSafeId() {
        assumeMujoco();
        var e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("SafetyHopperVelocity-v1", Map.of("frame_skip", 2)));
        assertTrue(e.getMessage().startsWith("SafetyHopperVelocity-v1: unknown kwarg 'frame_skip'"), e.getMessage());
        try (Env env = Envs.make("SafetyHopperVelocity-v1", Map.of("max_episode_steps", 5))) {
            env.reset(1);
            StepResult r = null;
            for (int t = 0; t < 5; t++) {
                r = env.step(new double[3]);
            }
            assertTrue(r.truncated() || r.terminated());
        }
    }

    @Test
    void safePresetsBuildAndCTrpoTrainsWithTheLimitOf25() {
        assumeMujoco();
        for (String algo : List.of("ctrpo", "c3po", "cpo", "pcpo", "trpo-lag", "ppo-lag")) {
            for (SafetyVelocityTasks.Robot robot : SafetyVelocityTasks.ROBOTS) {
                ObjectNode preset = Presets.find(algo, robot.id()).orElseThrow(() -> new AssertionError(algo + " "
                        + robot.id()));
                assertEquals(25, preset.get("cost_limit").asDouble(), algo + " " + robot.id());
                // the C-TRPO authors' setup: running observation normalization, raw rewards and costs
                assertEquals(new org.npg4j.rollout.Normalization(true, false),
                        Algorithms.resolve(algo, preset).normalization(), algo + " " + robot.id());
                assertEquals(false, preset.get("policy_kwargs").get("ortho_init").asBoolean(true),
                        "PyTorch's default initialization, as the authors' networks: " + algo + " " + robot.id());
                if (robot.name().equals("Hopper")) {
                    Algorithms.build(algo, robot.id(), preset, 0, 1).close();
                }
            }
        }
        ObjectNode cfg = ConfigLayers.parseSet("n_envs=1");
        cfg.put("n_steps", 1000);
        cfg.put("cost_limit", 25);
        try (TrainingSetup s = Algorithms.build("ctrpo", "SafetyHopperVelocity-v1", cfg, 0, 1)) {
            InMemoryLogger log = new InMemoryLogger();
            s.trainer().addLogger(log);
            s.learn(2000);
            assertEquals(2, log.rows().size());
            Map<String, Double> row = log.rows().get(1);
            assertEquals(25.0, row.get("safety/cost_limit"), row.toString());
            double cost = row.get("rollout/ep_cost_mean");
            assertTrue(cost >= 0 && cost <= 1000, row.toString());
        }
    }

    @Test
    void theTwoCostHopperAddsTheEffortIndicatorAndTrainsWithTwoLimits() {
        assumeMujoco();
        int[] effortSeen = new int[2];
        try (Env two = Envs.make(SafetyVelocityTasks.HOPPER_EFFORT_ID, Map.of("effort_threshold", 0.8));
             Env one = Envs.make("SafetyHopperVelocity-v1")) {
            assertEquals(2, two.costCount());
            StepResult a = two.reset(9);
            one.reset(9);
            assertArrayEquals(new double[2], a.costs());
            SplittableRandom rng = new SplittableRandom(9);
            double[] action = new double[3];
            for (int t = 0; t < 200; t++) {
                double effort = 0;
                for (int i = 0; i < 3; i++) {
                    action[i] = 2 * rng.nextDouble() - 1;
                    effort += action[i] * action[i];
                }
                a = two.step(action);
                StepResult b = one.step(action);
                assertArrayEquals(b.observation(), a.observation());
                assertEquals(b.reward(), a.reward(), 0.0);
                assertEquals(b.costs()[0], a.costs()[0], 0.0, "the velocity cost of the one-cost task");
                assertEquals(effort > 0.8 ? 1.0 : 0.0, a.costs()[1], 0.0, "step " + t + " effort " + effort);
                effortSeen[(int) a.costs()[1]]++;
                if (a.done()) {
                    two.reset();
                    one.reset();
                }
            }
            assertTrue(effortSeen[0] > 20 && effortSeen[1] > 20, effortSeen[0] + "/" + effortSeen[1]);
        }
        try (Env env = Envs.make(SafetyVelocityTasks.HOPPER_EFFORT_ID)) {
            EnvCheck check = Envs.check(env);
            assertTrue(check.problems().isEmpty(), check.problems().toString());
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make(SafetyVelocityTasks.HOPPER_EFFORT_ID, Map.of("effort_threshold", -1.0)));
        assertEquals("HopperVelocityEffort-v0: effort_threshold must be finite and >= 0, got -1.0", e.getMessage());
        for (String algo : List.of("cpo", "pcpo", "ctrpo")) {
            ObjectNode cfg = ConfigLayers.parseSet("cost_limit=[25, 250]");
            cfg.put("n_envs", 1);
            cfg.put("n_steps", 1000);
            try (TrainingSetup s = Algorithms.build(algo, SafetyVelocityTasks.HOPPER_EFFORT_ID, cfg, 0, 1)) {
                InMemoryLogger log = new InMemoryLogger();
                s.trainer().addLogger(log);
                s.learn(2000);
                Map<String, Double> row = log.rows().get(1);
                assertEquals(250.0, row.get("safety/cost_limit_1"), algo);
                assertTrue(row.containsKey("train/slack_1") && row.containsKey("rollout/ep_cost_mean_1"),
                        algo + " " + row);
            }
        }
    }
}
