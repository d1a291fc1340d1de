package org.npg4j.mujoco.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.EnvSpec;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.math.StateMap;
import org.npg4j.mujoco.Mujoco;

/** The tasks' registry entries, kwargs and the rules the golden records do not reach (Pusher, Humanoid, kwargs). */
class MujocoTasksTest {
    private static void assumeMujoco() {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
    }

    @Test
    void specsCarryGymnasiumsIdsAndTimeLimitsWithoutNeedingMujoco() {
        Map<String, Integer> limits = new TreeMap<>();
        for (EnvSpec spec : GymnasiumTasks.specs()) {
            limits.put(spec.id(), spec.maxEpisodeSteps());
        }
        assertEquals(20, limits.size());
        // The service file registers them with core's registry.
        assertTrue(Envs.ids().containsAll(limits.keySet()));
        limits.forEach((id, steps) -> assertEquals(steps, Envs.spec(id).maxEpisodeSteps(), id));
        for (String task : List.of("Hopper", "HalfCheetah", "Walker2d", "Ant", "Swimmer", "InvertedPendulum",
                "InvertedDoublePendulum", "Humanoid")) {
            assertEquals(1000, limits.get(task + "-v5"), task);
            assertEquals(1000, limits.get(task + "-v4"), task);
        }
        assertEquals(50, limits.get("Reacher-v5"));
        assertEquals(100, limits.get("Pusher-v4"));
    }

    @Test
    void observationAndActionSpacesHaveGymnasiumsShapes() {
        assumeMujoco();
        Map<String, int[]> dims = Map.ofEntries(Map.entry("Hopper-v5", new int[] {11, 3}),
                Map.entry("HalfCheetah-v5", new int[] {17, 6}), Map.entry("Walker2d-v4", new int[] {17, 6}),
                Map.entry("Ant-v5", new int[] {105, 8}), Map.entry("Ant-v4", new int[] {27, 8}),
                Map.entry("Swimmer-v5", new int[] {8, 2}), Map.entry("InvertedPendulum-v5", new int[] {4, 1}),
                Map.entry("InvertedDoublePendulum-v5", new int[] {9, 1}),
                Map.entry("InvertedDoublePendulum-v4", new int[] {11, 1}), Map.entry("Reacher-v5", new int[] {10, 2}),
                Map.entry("Reacher-v4", new int[] {11, 2}), Map.entry("Pusher-v5", new int[] {23, 7}),
                Map.entry("Humanoid-v5", new int[] {348, 17}), Map.entry("Humanoid-v4", new int[] {376, 17}));
        dims.forEach((id, d) -> {
            try (Env env = Envs.make(id)) {
                assertEquals(d[0], env.observationSpace().dim(), id);
                assertEquals(d[1], env.actionSpace().dim(), id);
                assertEquals(d[0], env.reset(1).observation().length, id);
            }
        });
        try (Env pendulum = Envs.make("InvertedPendulum-v5")) {
            assertEquals(-3.0, ((Box) pendulum.actionSpace()).low(0));
            assertEquals(3.0, ((Box) pendulum.actionSpace()).high(0));
        }
    }

    @Test
    void unknownAndIllTypedKwargsFailInOneLineNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("Hopper-v5", Map.of("healthy_z", List.of(0.5, 2.0))));
        assertTrue(e.getMessage().startsWith("Hopper-v5: unknown kwarg 'healthy_z'; valid kwargs: "
                + "ctrl_cost_weight, exclude_current_positions_from_observation, forward_reward_weight, frame_skip, "),
                e.getMessage());
        // v4's constructors have no frame_skip.
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Hopper-v4", Map.of("frame_skip", 2)));
        assertTrue(e.getMessage().startsWith("Hopper-v4: unknown kwarg 'frame_skip'"), e.getMessage());
        assumeMujoco();
        e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("Ant-v5", Map.of("healthy_z_range", List.of(0.2))));
        assertEquals("Ant-v5: kwarg 'healthy_z_range' must be a list of 2 numbers, got list [0.2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Swimmer-v5", Map.of("frame_skip", 0)));
        assertEquals("Swimmer-v5: kwarg 'frame_skip' must be >= 1, got 0", e.getMessage());
    }

    @Test
    void kwargsChangeTheTaskAsGymnasiumsConstructorArguments() {
        assumeMujoco();
        try (Env env = Envs.make("Hopper-v5", Map.of("exclude_current_positions_from_observation", false,
                "frame_skip", 2, "terminate_when_unhealthy", false, "healthy_reward", 3.0))) {
            assertEquals(12, env.observationSpace().dim());
            StepResult r = env.reset(4);
            assertEquals(env.state()[0], r.observation()[0]);
            assertEquals(0.004, ((GymnasiumMujocoEnv) env).dt(), 1e-18);
            // Without torques the hopper falls; it is unhealthy but never terminates, and pays no survive reward then.
            double[] zero = new double[3];
            boolean sawUnhealthy = false;
            for (int t = 0; t < 1000 && !r.done(); t++) {
                r = env.step(zero);
                double survive = (Double) r.info().get("reward_survive");
                assertTrue(survive == 3.0 || survive == 0.0);
                sawUnhealthy |= survive == 0.0;
                assertFalse(r.terminated());
            }
            assertTrue(sawUnhealthy);
            assertTrue(r.truncated());
        }
    }

    @Test
    void theSameSeedGivesTheSameBitsAndResetNoiseStaysInItsRange() {
        assumeMujoco();
        try (Env a = Envs.make("Walker2d-v5"); Env b = Envs.make("Walker2d-v5")) {
            double[] qpos0 = ((GymnasiumMujocoEnv) a).model().qpos0();
            double[] s = a.reset(11).observation().clone();
            assertArrayEquals(s, b.reset(11).observation());
            assertNotEquals(s[0], a.reset(12).observation()[0]);
            double[] state = a.state();
            for (int i = 0; i < 9; i++) {
                assertTrue(Math.abs(state[i] - qpos0[i]) <= 5e-3, "qpos[" + i + "]");
                assertTrue(Math.abs(state[9 + i]) <= 5e-3, "qvel[" + i + "]");
            }
            double[] action = {0.3, -0.2, 0.1, 0.5, -0.5, 0.0};
            a.reset(3);
            b.reset(3);
            for (int t = 0; t < 20; t++) {
                assertArrayEquals(a.step(action).observation(), b.step(action).observation());
            }
        }
    }

    @Test
    void controlCostsChargeTheActionAsGivenWhileMujocoClampsTheControl() {
        assumeMujoco();
        try (Env env = Envs.make("HalfCheetah-v5")) {
            env.reset(0);
            double[] state = env.state();
            double[] big = {1.5, -1.5, 1.5, -1.5, 1.5, -1.5};
            StepResult r = env.step(big);
            assertEquals(-0.1 * 6 * 2.25, (Double) r.info().get("reward_ctrl"), 1e-15);
            double[] afterBig = env.state();
            env.setState(state, 0);
            env.step(new double[] {1, -1, 1, -1, 1, -1});
            assertArrayEquals(afterBig, env.state());
        }
    }

    @Test
    void reacherTargetsLieInTheDiscAndRest() {
        assumeMujoco();
        try (Env env = Envs.make("Reacher-v5")) {
            for (int seed = 0; seed < 50; seed++) {
                env.reset(seed);
                double[] s = env.state();
                assertTrue(Math.hypot(s[2], s[3]) < 0.2);
                assertEquals(0.0, s[4 + 2]);
                assertEquals(0.0, s[4 + 3]);
            }
        }
    }

    @Test
    void pusherStartsTheObjectAwayFromTheGoalAndSplitsItsReward() {
        assumeMujoco();
        try (Env env = Envs.make("Pusher-v5")) {
            StepResult r = env.reset(5);
            double[] s = env.state();
            assertTrue(Math.hypot(s[7], s[8]) > 0.17);
            assertEquals(0.0, s[9]);
            assertEquals(0.0, s[10]);
            for (int i = 7; i < 11; i++) {
                assertEquals(0.0, s[11 + i]);
            }
            double[] obs = r.observation();
            // The object's body sits at its slides' offsets from (0.45, -0.05); the goal at (0.45, -0.05).
            assertEquals(0.45 + s[8], obs[17], 1e-12);
            assertEquals(-0.05 + s[7], obs[18], 1e-12);
            assertEquals(0.45, obs[20], 1e-12);
            double[] action = {0.5, -0.5, 0.2, 0.1, -0.3, 0.4, 1.0};
            r = env.step(action);
            Map<String, Object> info = r.info();
            assertEquals(new TreeSet<>(List.of("reward_dist", "reward_ctrl", "reward_near")),
                    new TreeSet<>(info.keySet()));
            assertEquals((Double) info.get("reward_dist") + (Double) info.get("reward_ctrl")
                    + (Double) info.get("reward_near"), r.reward());
            assertEquals(-0.1 * NumpySums.float32SumOfSquares(action), (Double) info.get("reward_ctrl"));
        }
    }

    @Test
    void humanoidRewardsItsMassCentreAndFallsWithoutControl() {
        assumeMujoco();
        try (Env env = Envs.make("Humanoid-v5")) {
            StepResult r = env.reset(2);
            double[] zero = new double[17];
            int t = 0;
            while (!r.done()) {
                r = env.step(zero);
                t++;
                Map<String, Object> info = r.info();
                double expected = (Double) info.get("reward_forward") + (Double) info.get("reward_survive")
                        - (-(Double) info.get("reward_ctrl") + -(Double) info.get("reward_contact"));
                assertEquals(expected, r.reward());
                assertEquals(0.0, (Double) info.get("reward_ctrl"), 0.0);
                assertTrue(-(Double) info.get("reward_contact") <= 10.0);
            }
            // With no torques the humanoid collapses: its head height leaves (1, 2) long before the time limit.
            assertTrue(r.terminated());
            assertTrue(t < 200, "steps " + t);
            assertFalse(env.state()[2] > 1.0 && env.state()[2] < 2.0);
        }
    }

    @Test
    void aCheckpointResumesAnAntBitForBitThroughItsStaleTorsoPosition() {
        assumeMujoco();
        // Ant's velocity reads the xpos the previous step left (not the new qpos), so a resumed episode must restore
        // MuJoCo's derived quantities too, not only qpos and qvel.
        Map<String, Object> kwargs = Map.of("terminate_when_unhealthy", false);
        try (Env env = Envs.make("Ant-v5", kwargs); Env resumed = Envs.make("Ant-v5", kwargs)) {
            env.reset(9);
            SplittableRandom actions = new SplittableRandom(1);
            double[][] a = new double[40][8];
            for (double[] row : a) {
                for (int k = 0; k < 8; k++) {
                    row[k] = (float) (2 * actions.nextDouble() - 1);
                }
            }
            for (int t = 0; t < 20; t++) {
                env.step(a[t]);
            }
            StateMap checkpoint = new StateMap();
            env.writeCheckpoint(checkpoint);
            resumed.readCheckpoint(checkpoint);
            for (int t = 20; t < 40; t++) {
                StepResult x = env.step(a[t]);
                StepResult y = resumed.step(a[t]);
                assertArrayEquals(x.observation(), y.observation(), "step " + t);
                assertEquals(x.reward(), y.reward(), 0.0, "step " + t);
                assertEquals(x.info(), y.info(), "step " + t);
            }
        }
    }
}
