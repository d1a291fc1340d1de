package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LunarLanderTest {
    private static final int EPISODES = 20;

    /** Episode returns of a policy over seeds 0..episodes-1; the policy sees the env and the last result. */
    private interface Policy {
        StepResult act(Env env, StepResult last);
    }

    private static double[] returns(Env env, int episodes, Policy policy) {
        double[] out = new double[episodes];
        for (int ep = 0; ep < episodes; ep++) {
            StepResult r = env.reset(ep);
            double total = 0;
            while (!r.done()) {
                r = policy.act(env, r);
                total += r.reward();
            }
            out[ep] = total;
        }
        return out;
    }

    private static StepResult heuristic(Env env, StepResult last) {
        if (env.actionSpace() instanceof Discrete) {
            return env.step(LunarLanderHeuristic.discreteAction(last.observation()));
        }
        double[] a = new double[2];
        LunarLanderHeuristic.continuousAction(last.observation(), a);
        return env.step(a);
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    @Test
    void heuristicSolvesDiscreteLander() {
        double[] r = returns(new LunarLander(false), EPISODES, LunarLanderTest::heuristic);
        // Gymnasium's heuristic solves the task (mean >= 200); a crash costs about 300 against a landing,
        // so this also bounds the crashes to a few out of 20.
        assertTrue(mean(r) >= 200, "mean return " + mean(r) + " " + Arrays.toString(r));
        assertTrue(Arrays.stream(r).filter(x -> x >= 200).count() >= 16, Arrays.toString(r));
    }

    @Test
    void heuristicSolvesContinuousLander() {
        double[] r = returns(new LunarLander(true), EPISODES, LunarLanderTest::heuristic);
        assertTrue(mean(r) >= 200, "mean return " + mean(r) + " " + Arrays.toString(r));
        assertTrue(Arrays.stream(r).min().orElseThrow() > 100, Arrays.toString(r));
    }

    @Test
    void randomPolicyReturnLiesInGymnasiumBand() {
        for (boolean continuous : new boolean[] {false, true}) {
            LunarLander env = new LunarLander(continuous);
            SplittableRandom rng = new SplittableRandom(2024);
            double[] a = new double[2];
            double[] r = returns(env, 40, (e, last) -> {
                if (continuous) {
                    e.actionSpace().sample(rng, a);
                    return e.step(a);
                }
                return e.step(rng.nextInt(4));
            });
            // Gymnasium: a uniform random policy scores about -180 ± 120 per episode.
            assertTrue(mean(r) > -300 && mean(r) < -60, env.id() + " random mean " + mean(r));
        }
    }

    private static List<double[]> trajectory(Env env, long seed, int[] actions) {
        List<double[]> out = new ArrayList<>();
        StepResult r = env.reset(seed);
        out.add(r.observation().clone());
        for (int a : actions) {
            r = env.step(a);
            double[] row = Arrays.copyOf(r.observation(), 9);
            row[8] = r.reward();
            out.add(row);
            if (r.done()) {
                break;
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesSameTrajectoryWhateverCameBefore() {
        int[] actions = new SplittableRandom(5).ints(300, 0, 4).toArray();
        LunarLander fresh = new LunarLander(false);
        LunarLander used = new LunarLander(false);
        returns(used, 3, LunarLanderTest::heuristic);
        List<double[]> a = trajectory(fresh, 42, actions);
        List<double[]> b = trajectory(used, 42, actions);
        assertEquals(a.size(), b.size());
        for (int t = 0; t < a.size(); t++) {
            assertArrayEquals(a.get(t), b.get(t), 0.0, "step " + t);
        }
        List<double[]> c = trajectory(fresh, 43, actions);
        assertFalse(Arrays.equals(a.get(1), c.get(1)), "another seed, another episode");
    }

    @Test
    void resetObservationStartsAtTopCentreWithoutContact() {
        LunarLander env = new LunarLander(false);
        for (long seed = 0; seed < 10; seed++) {
            double[] s = env.reset(seed).observation();
            // One 20 ms step from (W/2, H) under a force of at most 1000 N on a ~5 kg lander moves it by millimetres.
            assertEquals(0.0, s[0], 0.01);
            double y0 = (LunarLander.H - (LunarLander.HELIPAD_Y + LunarLander.LEG_DOWN / LunarLander.SCALE))
                    / (LunarLander.H / 2);
            assertEquals(y0, s[1], 0.01);
            assertEquals(0.0, s[6]);
            assertEquals(0.0, s[7]);
            assertEquals(0, env.elapsedSteps());
        }
    }

    @Test
    void observationsStayInTheirBoxAndContactsAreBinary() {
        LunarLander env = new LunarLander(false);
        SplittableRandom rng = new SplittableRandom(3);
        for (int ep = 0; ep < 5; ep++) {
            StepResult r = env.reset(ep);
            while (!r.done()) {
                assertTrue(env.observationSpace().contains(r.observation()), Arrays.toString(r.observation()));
                r = env.step(ep % 2 == 0 ? LunarLanderHeuristic.discreteAction(r.observation()) : rng.nextInt(4));
                assertTrue(r.observation()[6] == 0.0 || r.observation()[6] == 1.0);
                assertTrue(r.observation()[7] == 0.0 || r.observation()[7] == 1.0);
            }
        }
        assertEquals(8, env.observationSpace().dim());
        assertEquals("Box([-2.5, -2.5, -10.0, -10.0, -6.283185307179586, -10.0, 0.0, 0.0], "
                + "[2.5, 2.5, 10.0, 10.0, 6.283185307179586, 10.0, 1.0, 1.0], (8,), float64)",
                env.observationSpace().toString());
    }

    private static double shaping(double[] s) {
        return -100 * Math.hypot(s[0], s[1]) - 100 * Math.hypot(s[2], s[3]) - 100 * Math.abs(s[4])
                + 10 * s[6] + 10 * s[7];
    }

    @Test
    void rewardIsShapingDifferenceMinusFuel() {
        LunarLander env = new LunarLander(false);
        SplittableRandom rng = new SplittableRandom(11);
        double[] fuel = {0.0, 0.03, 0.30, 0.03};
        int checked = 0;
        for (int ep = 0; ep < 5; ep++) {
            StepResult r = env.reset(ep);
            double prev = shaping(r.observation());
            while (true) {
                int a = rng.nextInt(4);
                r = env.step(a);
                double now = shaping(r.observation());
                if (r.terminated()) {
                    assertTrue(r.reward() == -100 || r.reward() == 100, "terminal reward " + r.reward());
                    break;
                }
                assertEquals(now - prev - fuel[a], r.reward(), 1e-9, "episode " + ep + " action " + a);
                prev = now;
                checked++;
            }
        }
        assertTrue(checked > 100);
    }

    @Test
    void fallingWithoutEnginesCrashes() {
        LunarLander env = new LunarLander(false);
        StepResult r = env.reset(1);
        while (!r.done()) {
            r = env.step(0);
        }
        assertTrue(r.terminated());
        assertFalse(r.truncated());
        assertEquals(-100.0, r.reward());
        assertTrue(env.elapsedSteps() < 200, "free fall from 10 m lasts about 1.5 s");
    }

    @Test
    void heuristicLandingEndsAtRestWithBothLegsDown() {
        LunarLander env = new LunarLander(true);
        StepResult r = env.reset(0);
        while (!r.done()) {
            r = heuristic(env, r);
        }
        assertTrue(r.terminated());
        assertEquals(100.0, r.reward(), "the lander fell asleep");
        assertEquals(1.0, r.observation()[6]);
        assertEquals(1.0, r.observation()[7]);
        assertEquals(0.0, r.observation()[0], 0.2, "on the pad");
    }

    @Test
    void leavingTheScreenSidewaysTerminates() {
        LunarLander env = new LunarLander(false);
        env.reset(0);
        double[] state = env.state();
        // Move the lander and its legs together so that the hull's x is 0.995 in the observation, all moving
        // right at 5 m/s (0.1 m per step).
        double shift = LunarLander.W - 0.05 - state[LunarLander.CHUNKS];
        for (int body = 0; body < 3; body++) {
            int j = LunarLander.CHUNKS + 6 * body;
            state[j] += shift;
            state[j + 3] = 5.0;
        }
        env.setState(state, 10);
        StepResult r = env.step(0);
        assertTrue(r.observation()[0] >= 1.0);
        assertTrue(r.terminated());
        assertEquals(-100.0, r.reward());
        assertThrows(IllegalStateException.class, () -> env.step(0));
    }

    @Test
    void timeLimitTruncates() {
        Env env = Envs.make(LunarLander.ID, Map.of("max_episode_steps", 5));
        StepResult r = env.reset(0);
        for (int t = 0; t < 5; t++) {
            r = env.step(2);
        }
        assertTrue(r.truncated());
        assertFalse(r.terminated());
        assertEquals(1000, Envs.make(LunarLander.ID).maxEpisodeSteps());
    }

    @Test
    void invalidDiscreteActionsAreRejected() {
        LunarLander env = new LunarLander(false);
        env.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(4));
        assertEquals("LunarLander-v3: action 4 is not in Discrete(4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(-1));
        assertEquals("LunarLander-v3: action -1 is not in Discrete(4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {1, 0}));
        assertEquals("LunarLander-v3: action [1.0, 0.0] is not in Discrete(4) (step with an int)", e.getMessage());
    }

    @Test
    void invalidContinuousActionsAreRejected() {
        LunarLander env = new LunarLander(true);
        env.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> env.step(new double[] {Double.NaN, 0}));
        assertEquals("LunarLanderContinuous-v3: action [NaN, 0.0] is not in Box(-1.0, 1.0, (2,), float64) (not finite)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0}));
        assertEquals("LunarLanderContinuous-v3: action [0.0] has length 1, expected 2 for "
                + "Box(-1.0, 1.0, (2,), float64)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(1));
        assertEquals("LunarLanderContinuous-v3: action 1 is not in Box(-1.0, 1.0, (2,), float64)", e.getMessage());
    }

    private static List<double[]> continuousTrajectory(double[] action, long seed, int steps) {
        LunarLander env = new LunarLander(true);
        List<double[]> out = new ArrayList<>();
        env.reset(seed);
        for (int t = 0; t < steps; t++) {
            StepResult r = env.step(action);
            double[] row = Arrays.copyOf(r.observation(), 9);
            row[8] = r.reward();
            out.add(row);
        }
        return out;
    }

    private static void assertSameTrajectory(List<double[]> a, List<double[]> b) {
        for (int t = 0; t < a.size(); t++) {
            assertArrayEquals(a.get(t), b.get(t), 0.0, "step " + t);
        }
    }

    @Test
    void continuousActionsAreClippedAndDeadZonesIgnored() {
        // Out-of-box actions act as their clipped values.
        assertSameTrajectory(continuousTrajectory(new double[] {1, -1}, 9, 30),
                continuousTrajectory(new double[] {7.5, -3}, 9, 30));
        // Main engine off for a0 <= 0 and side engines off for |a1| <= 0.5: all such actions are a no-op.
        assertSameTrajectory(continuousTrajectory(new double[] {-1, 0}, 9, 30),
                continuousTrajectory(new double[] {0.0, 0.5}, 9, 30));
        assertFalse(Arrays.equals(continuousTrajectory(new double[] {0.0, 0.5}, 9, 30).get(29),
                continuousTrajectory(new double[] {0.0, 0.51}, 9, 30).get(29)));
        // A main throttle of 0.5 (a0 = 0) and the full one (a0 = 1) differ.
        assertFalse(Arrays.equals(continuousTrajectory(new double[] {0.01, 0}, 9, 30).get(29),
                continuousTrajectory(new double[] {1, 0}, 9, 30).get(29)));
        // The given action is not modified.
        LunarLander env = new LunarLander(true);
        env.reset(0);
        double[] a = {3, -4};
        env.step(a);
        assertArrayEquals(new double[] {3, -4}, a);
    }

    @Test
    void discreteAndContinuousAgreeOnFullThrottle() {
        // Discrete 2 = main engine at full power = continuous [1, 0]; discrete 1/3 = continuous [0, -1]/[0, 1].
        int[][] discrete = {{2}, {1}, {3}, {0}};
        double[][] continuous = {{1, 0}, {-1, -1}, {-1, 1}, {-1, 0}};
        for (int k = 0; k < discrete.length; k++) {
            int[] actions = new int[20];
            Arrays.fill(actions, discrete[k][0]);
            List<double[]> d = trajectory(new LunarLander(false), 4, actions);
            List<double[]> c = continuousTrajectory(continuous[k], 4, 20);
            for (int t = 0; t < 20; t++) {
                assertArrayEquals(d.get(t + 1), c.get(t), 0.0, "action " + discrete[k][0] + " step " + t);
            }
        }
    }

    @Test
    void windPushesTheLanderOnlyWhenEnabled() {
        Map<String, Object> calm = Map.of("enable_wind", true, "wind_power", 0.0, "turbulence_power", 0.0);
        Map<String, Object> windy = Map.of("enable_wind", true, "wind_power", 20.0, "turbulence_power", 2.0);
        int[] noop = new int[40];
        // With no-op actions the engines' dispersion draws do not matter, so zero wind is no wind.
        List<double[]> none = trajectory(Envs.make(LunarLander.ID), 8, noop);
        List<double[]> zero = trajectory(Envs.make(LunarLander.ID, calm), 8, noop);
        List<double[]> wind = trajectory(Envs.make(LunarLander.ID, windy), 8, noop);
        assertSameTrajectory(none, zero);
        double drift = Math.abs(wind.get(30)[2] - none.get(30)[2]);
        assertTrue(drift > 0.01, "wind changes the horizontal speed by " + drift);
    }

    @Test
    void registryBuildsBothVariantsAndChecksKwargs() {
        Env discrete = Envs.make("LunarLander-v3");
        Env continuous = Envs.make("LunarLanderContinuous-v3");
        assertEquals(new Discrete(4), discrete.actionSpace());
        assertEquals(Box.uniform(-1, 1, 2), continuous.actionSpace());
        assertEquals(LunarLander.CONTINUOUS_ID, Envs.make("LunarLander-v3", Map.of("continuous", true)).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("LunarLander-v3", Map.of("gravity", -12.0)));
        assertEquals("LunarLander-v3: gravity must be in (-12, 0), got -12.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("LunarLander-v3", Map.of("wind", 1.0)));
        assertTrue(e.getMessage().startsWith("LunarLander-v3: unknown kwarg 'wind'; valid kwargs: continuous, "
                + "enable_wind, gravity, max_episode_steps, turbulence_power, wind_power"), e.getMessage());
    }

    @Test
    void lowerGravityFallsSlower() {
        int[] noop = new int[30];
        List<double[]> moon = trajectory(Envs.make(LunarLander.ID, Map.of("gravity", -1.62)), 2, noop);
        List<double[]> standard = trajectory(Envs.make(LunarLander.ID), 2, noop);
        // Same seed, same initial push: in a uniform field the internal (joint) forces do not depend on g, so the
        // lander's vertical speeds differ by Δg·t, scaled by (H/2)/FPS, after the reset step and 30 more.
        double t = 31 / LunarLander.FPS;
        double scale = (LunarLander.H / 2) / LunarLander.FPS;
        assertEquals((10.0 - 1.62) * t * scale, moon.get(30)[3] - standard.get(30)[3], 1e-3);
    }

    @Test
    void stateRoundTripsThroughSetState() {
        LunarLander a = new LunarLander(false);
        StepResult r = a.reset(3);
        for (int t = 0; t < 50; t++) {
            r = a.step(LunarLanderHeuristic.discreteAction(r.observation()));
        }
        double[] state = a.state();
        double[] obs = r.observation().clone();
        assertEquals(LunarLander.STATE_DIM, state.length);
        LunarLander b = new LunarLander(false);
        StepResult rb = b.setState(state, 50);
        assertArrayEquals(state, b.state(), 0.0);
        assertArrayEquals(obs, rb.observation(), 1e-6);
        assertEquals(50, b.elapsedSteps());
        // Without the solver's warm start the next steps agree closely, not bit for bit.
        StepResult ra = a.step(0);
        rb = b.step(0);
        assertArrayEquals(ra.observation(), rb.observation(), 1e-3);
        assertThrows(IllegalStateException.class, () -> new LunarLander(false).state());
    }

    @Test
    void steppingAllocatesAlmostNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        LunarLander env = new LunarLander(false);
        returns(env, 5, LunarLanderTest::heuristic); // warm up
        long bytes = 0;
        long steps = 0;
        for (int ep = 0; ep < 5; ep++) {
            StepResult r = env.reset(100 + ep);
            while (!r.done()) {
                int a = LunarLanderHeuristic.discreteAction(r.observation());
                long before = mx.getThreadAllocatedBytes(thread);
                r = env.step(a);
                bytes += mx.getThreadAllocatedBytes(thread) - before;
                steps++;
            }
        }
        // Box2D takes contacts from its pool; only a pool that grows allocates (measured: under 1 byte per step),
        // so one Vec2 or array per step would fail this.
        assertTrue(bytes < 16 * steps, bytes + " bytes over " + steps + " steps");
    }
}
