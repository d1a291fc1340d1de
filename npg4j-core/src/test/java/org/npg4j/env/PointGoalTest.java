package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointGoalTest {
    private static final double TOL = 1e-12;
    private static final double[] ZERO = {0.0, 0.0};
    private static final int GOAL = PointGoal.GOAL_LIDAR;
    private static final int HAZ = PointGoal.HAZARDS_LIDAR;

    /** A state with the robot at (x, y) heading θ at rest, the goal at (gx, gy) and the given hazard centres. */
    private static double[] state(double x, double y, double theta, double speed, double gx, double gy,
            double... hazards) {
        double[] s = new double[8 + hazards.length];
        s[0] = x;
        s[1] = y;
        s[2] = theta;
        s[3] = speed;
        s[6] = gx;
        s[7] = gy;
        System.arraycopy(hazards, 0, s, 8, hazards.length);
        return s;
    }

    private static PointGoal withHazards(int n) {
        return new PointGoal(1000, n, 0.2, 0.3);
    }

    @Test
    void registeredWithGoal1Settings() {
        Env env = Envs.make("KinematicPointGoal-v0");
        assertEquals(1000, env.maxEpisodeSteps());
        assertEquals(1, env.costCount());
        assertEquals(Box.uniform(-1.0, 1.0, 2), env.actionSpace());
        assertEquals(38, env.observationSpace().dim());
        assertEquals(8 + 16, env.state().length);
        PointGoal few = (PointGoal) Envs.make("KinematicPointGoal-v0", Map.of("hazards_num", 3, "max_episode_steps", 50));
        assertEquals(3, few.hazardsNum());
        assertEquals(50, few.maxEpisodeSteps());
    }

    @Test
    void sameSeedSameEpisodeOtherSeedOtherLayout() {
        assertArrayEquals(episode(11), episode(11));
        assertFalse(Arrays.equals(episode(11), episode(12)));
    }

    /** Initial state, then every observation, reward and cost of 300 random steps. */
    private static double[] episode(long seed) {
        Env env = Envs.make("KinematicPointGoal-v0");
        SplittableRandom rng = new SplittableRandom(99);
        double[] out = new double[24 + 300 * 40];
        env.reset(seed);
        System.arraycopy(env.state(), 0, out, 0, 24);
        double[] a = new double[2];
        for (int t = 0; t < 300; t++) {
            SafetyTestSupport.uniformBox(rng, a);
            StepResult r = env.step(a);
            int at = 24 + 40 * t;
            System.arraycopy(r.observation(), 0, out, at, 38);
            out[at + 38] = r.reward();
            out[at + 39] = r.costs()[0];
        }
        return out;
    }

    @Test
    void resetLayoutRespectsExtentsAndKeepouts() {
        Env env = Envs.make("KinematicPointGoal-v0");
        for (long seed = 0; seed < 300; seed++) {
            env.reset(seed);
            double[] s = env.state();
            double[][] objects = new double[10][];
            double[] keepout = new double[10];
            objects[0] = new double[] {s[0], s[1]};
            keepout[0] = PointGoal.ROBOT_KEEPOUT;
            objects[1] = new double[] {s[6], s[7]};
            keepout[1] = PointGoal.GOAL_KEEPOUT;
            for (int h = 0; h < 8; h++) {
                objects[2 + h] = new double[] {s[8 + 2 * h], s[9 + 2 * h]};
                keepout[2 + h] = PointGoal.HAZARD_KEEPOUT;
            }
            for (int i = 0; i < 10; i++) {
                assertTrue(Math.abs(objects[i][0]) <= 1.5 && Math.abs(objects[i][1]) <= 1.5, "seed " + seed);
                for (int j = i + 1; j < 10; j++) {
                    double d = Math.hypot(objects[i][0] - objects[j][0], objects[i][1] - objects[j][1]);
                    assertTrue(d >= keepout[i] + keepout[j], "seed " + seed + ": objects " + i + ", " + j + " at " + d);
                }
            }
            assertTrue(s[2] >= -Math.PI && s[2] < Math.PI);
            assertEquals(0.0, s[3]);
            assertTrue(env.observationSpace().contains(env.step(ZERO).observation()));
        }
    }

    @Test
    void dynamicsAndShapingRewardOnAHandSetState() {
        PointGoal env = withHazards(0);
        env.setState(state(0, 0, 0, 0.5, 1.0, 0.0), 0);
        StepResult r = env.step(new double[] {0.0, 0.5});
        double omega = Math.PI / 2;
        double theta = 0.02 * omega;
        double v = 0.5 + 0.02 * (0 - 5 * 0.5);
        double x = 0.02 * v * Math.cos(theta);
        double y = 0.02 * v * Math.sin(theta);
        assertArrayEquals(new double[] {x, y, theta, v, omega, (v - 0.5) / 0.02, 1.0, 0.0}, env.state(), TOL);
        assertEquals(1.0 - Math.hypot(1.0 - x, y), r.reward(), TOL);
        double[] o = r.observation();
        assertArrayEquals(new double[] {-2.5, v * omega, v, omega, Math.cos(theta), Math.sin(theta)},
                Arrays.copyOf(o, 6), TOL);
        assertEquals(0.0, r.costs()[0]);
        // Full thrust from rest: v' = τF = 0.1, and the reward is the distance gained towards the goal.
        env.setState(state(0, 0, 0, 0, 1.0, 0.0), 0);
        r = env.step(new double[] {1.0, 0.0});
        assertEquals(0.1, env.state()[3], TOL);
        assertEquals(0.02 * 0.1, r.reward(), TOL);
        // Moving away from the goal is penalized by the same amount.
        env.setState(state(0, 0, Math.PI - 1e-9, 0, 1.0, 0.0), 0);
        assertEquals(-0.02 * 0.1, env.step(new double[] {1.0, 0.0}).reward(), 1e-9);
    }

    @Test
    void headingStaysInMinusPiToPi() {
        PointGoal env = withHazards(0);
        env.setState(state(0, 0, Math.PI - 0.01, 0, 1.0, 0.0), 0);
        env.step(new double[] {0.0, 1.0});
        assertEquals(Math.PI - 0.01 + 0.02 * Math.PI - 2 * Math.PI, env.state()[2], TOL);
    }

    @Test
    void costIsOneExactlyInsideAHazard() {
        PointGoal env = withHazards(2);
        double[] hazards = {0.5, 0.5, -1.0, 0.0};
        assertEquals(1.0, costAt(env, 0.5, 0.5, hazards), "at a hazard centre");
        assertEquals(1.0, costAt(env, -1.0 + 0.19, 0.0, hazards), "0.19 from the second centre");
        assertEquals(1.0, costAt(env, 0.5, 0.3, hazards), "on the boundary");
        assertEquals(0.0, costAt(env, 0.5, 0.2999, hazards), "just outside");
        assertEquals(0.0, costAt(env, -1.0 + 0.21, 0.0, hazards));
        assertEquals(0.0, costAt(env, 0.0, 0.0, hazards));
        assertTrue(env.insideHazard(0.5 + 0.2 * Math.cos(1), 0.5 + 0.2 * Math.sin(1) - 1e-12));
    }

    private static double costAt(PointGoal env, double x, double y, double[] hazards) {
        env.setState(state(x, y, 0, 0, 1.4, -1.4, hazards), 0);
        return env.step(ZERO).costs()[0];
    }

    @Test
    void reachingTheGoalPaysTheBonusAndRespawnsItAtAFreeLocation() {
        for (long seed = 0; seed < 100; seed++) {
            PointGoal env = withHazards(8);
            env.reset(seed);
            double[] s = env.state();
            // Put the goal 0.1 from the robot: the first still step reaches it.
            s[6] = s[0] + 0.1;
            s[7] = s[1];
            env.setState(s, 5);
            StepResult r = env.step(ZERO);
            assertEquals(1.0, r.reward(), TOL, "no distance change plus the goal bonus");
            double[] after = env.state();
            double gx = after[6];
            double gy = after[7];
            assertTrue(Math.abs(gx) <= 1.5 && Math.abs(gy) <= 1.5);
            assertTrue(Math.hypot(gx - after[0], gy - after[1]) >= 0.705, "keep-out from the robot");
            for (int h = 0; h < 8; h++) {
                assertTrue(Math.hypot(gx - after[8 + 2 * h], gy - after[9 + 2 * h]) >= 0.485, "keep-out from hazards");
            }
            double seen = Arrays.stream(r.observation(), GOAL, HAZ).max().orElseThrow();
            assertEquals(Math.max(0, 3 - Math.hypot(gx - after[0], gy - after[1])) / 3, seen, 1e-9,
                    "the goal lidar shows the new goal");
            // The jump of the goal is not rewarded: the next still step earns 0.
            assertEquals(0.0, env.step(ZERO).reward(), TOL);
        }
    }

    @Test
    void pseudoLidarReadsClosenessWithAliasing() {
        PointGoal env = withHazards(1);
        // Goal 1.5 straight ahead: closeness 0.5 in bin 0; at the start of its bin it aliases fully into bin 15.
        double[] o = env.setState(state(0, 0, 0, 0, 1.5, 0.0, 10.0, 10.0), 0).observation().clone();
        double[] goal = Arrays.copyOfRange(o, GOAL, HAZ);
        double[] expected = new double[16];
        expected[0] = 0.5;
        expected[15] = 0.5;
        assertArrayEquals(expected, goal, TOL);
        assertArrayEquals(new double[16], Arrays.copyOfRange(o, HAZ, HAZ + 16), "a hazard 14 m away reads 0");
        // The robot faces +y (θ = π/2): a hazard at the world's (-0.75, 0) is 90° to its left, the middle of
        // bin 4 when rotated by a further half bin: put it at ego angle 4.5 bins instead.
        double phi = 4.5 * 2 * Math.PI / 16;
        double theta = Math.PI / 2;
        double hx = 0.75 * Math.cos(theta + phi);
        double hy = 0.75 * Math.sin(theta + phi);
        o = env.setState(state(0, 0, theta, 0, 5.0, 5.0, hx, hy), 0).observation();
        double[] hazard = Arrays.copyOfRange(o, HAZ, HAZ + 16);
        expected = new double[16];
        expected[4] = 0.75;
        expected[5] = 0.375;
        expected[3] = 0.375;
        assertArrayEquals(expected, hazard, 1e-9);
        assertArrayEquals(new double[16], Arrays.copyOfRange(o, GOAL, HAZ), 1e-9, "a goal 7.07 m away reads 0");
    }

    @Test
    void lidarBinKeepsTheClosestObject() {
        PointGoal env = withHazards(2);
        double phi = 2.5 * 2 * Math.PI / 16;
        double[] o = env.setState(state(0, 0, 0, 0, 5, 5, 2.4 * Math.cos(phi), 2.4 * Math.sin(phi),
                0.6 * Math.cos(phi), 0.6 * Math.sin(phi)), 0).observation();
        assertEquals(0.8, o[HAZ + 2], 1e-9);
        assertEquals(0.4, o[HAZ + 3], 1e-9);
        assertEquals(0.4, o[HAZ + 1], 1e-9);
    }

    @Test
    void observationsStayInTheirBoxAlongRandomEpisodes() {
        Env env = Envs.make("KinematicPointGoal-v0");
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = new double[2];
        env.reset(3);
        for (int t = 0; t < 3000; t++) {
            SafetyTestSupport.uniformBox(rng, a);
            StepResult r = env.step(a);
            assertTrue(env.observationSpace().contains(r.observation()), "step " + t);
            if (r.done()) {
                env.reset();
            }
        }
    }

    @Test
    void randomPolicyViolatesAndStayingStillNeverDoes() {
        var random = SafetyTestSupport.rollout(Envs.make("KinematicPointGoal-v0"), 50, 1, SafetyTestSupport.UNIFORM);
        assertTrue(random.meanCost() > 0, "random mean episode cost " + random.meanCost());
        // Full thrust with a random turn sweeps the arena and hits hazards in many episodes.
        var driving = SafetyTestSupport.rollout(Envs.make("KinematicPointGoal-v0"), 50, 1, (rng, o, a) -> {
            a[0] = 1.0;
            a[1] = 2 * rng.nextDouble() - 1;
        });
        assertTrue(driving.violatingFraction() > 0.2, "violating fraction " + driving.violatingFraction());
        var still = SafetyTestSupport.rollout(Envs.make("KinematicPointGoal-v0"), 50, 1, SafetyTestSupport.STILL);
        assertEquals(0.0, still.meanCost());
        assertEquals(0.0, still.meanReturn(), TOL);
    }

    @Test
    void badKwargsStatesAndActionsAreRejectedWithTheirValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("KinematicPointGoal-v0", Map.of("hazards_num", 40)));
        assertEquals("KinematicPointGoal-v0: hazards_num must be in [0, 32], got 40", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("KinematicPointGoal-v0", Map.of("hazard_size", 0.0)));
        assertEquals("KinematicPointGoal-v0: hazard_size must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("KinematicPointGoal-v0", Map.of("goal_size", 2)));
        assertEquals("KinematicPointGoal-v0: goal_size must be in (0, 1], got 2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("KinematicPointGoal-v0", Map.of("lidar", 8)));
        assertEquals("KinematicPointGoal-v0: unknown kwarg 'lidar'; valid kwargs: goal_size, hazard_size, hazards_num, "
                + "max_episode_steps", e.getMessage());
        Env env = Envs.make("KinematicPointGoal-v0");
        double[] bad = new double[24];
        bad[7] = Double.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> env.setState(bad, 0));
        assertEquals("KinematicPointGoal-v0: state[7] must be finite, got Infinity", e.getMessage());
        env.reset(0);
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN, 0}));
        assertEquals("KinematicPointGoal-v0: action [NaN, 0.0] is not in Box(-1.0, 1.0, (2,), float64) (not finite)",
                e.getMessage());
        // Finite out-of-box actions are clipped.
        PointGoal a = withHazards(8);
        PointGoal b = withHazards(8);
        a.reset(4);
        b.reset(4);
        assertArrayEquals(a.step(new double[] {1.0, -1.0}).observation(), b.step(new double[] {3.0, -7.0}).observation());
    }
}
