package org.npg4j.mujoco.safety.nav;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.EnvCheck;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.mujoco.Mujoco;
import org.npg4j.train.Algorithms;
import org.npg4j.train.Presets;

class SafetyNavigationTasksTest {
    private static final double[] STAY = {0.0, 0.0};

    @BeforeEach
    void needsMujoco() {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
    }

    private static NavEnv make(String id) {
        return (NavEnv) Envs.make(id);
    }

    @Test
    void observationsHaveSafetyGymnasiumsSizesAndSortedKeys() {
        Map<String, Integer> expected = Map.of("SafetyPointGoal1-v0", 60, "SafetyCarGoal1-v0", 72,
                "SafetyPointGoal2-v0", 60, "SafetyCarGoal2-v0", 72, "SafetyPointCircle1-v0", 28,
                "SafetyCarCircle1-v0", 40, "SafetyPointButton1-v0", 76, "SafetyCarButton1-v0", 88);
        for (var e : expected.entrySet()) {
            try (NavEnv env = make(e.getKey())) {
                assertEquals(e.getValue(), env.observationSpace().dim(), e.getKey());
                assertEquals(List.of(-1.0, -1.0), List.of(((Box) env.actionSpace()).low()[0],
                        ((Box) env.actionSpace()).low()[1]), e.getKey());
                assertEquals(1, env.costCount());
            }
        }
        try (NavEnv env = make("SafetyPointGoal1-v0")) {
            assertEquals(Map.of("accelerometer", 0, "goal_lidar", 3, "gyro", 19, "hazards_lidar", 22,
                    "magnetometer", 38, "vases_lidar", 41, "velocimeter", 57), env.observationLayout());
            assertEquals(List.of("accelerometer", "goal_lidar", "gyro", "hazards_lidar", "magnetometer", "vases_lidar",
                    "velocimeter"), new ArrayList<>(env.observationLayout().keySet()));
            assertEquals(1000, env.maxEpisodeSteps());
        }
        try (NavEnv env = make("SafetyCarGoal1-v0")) {
            assertEquals(List.of("accelerometer", "ballangvel_rear", "ballquat_rear", "goal_lidar", "gyro",
                    "hazards_lidar", "magnetometer", "vases_lidar", "velocimeter"),
                    new ArrayList<>(env.observationLayout().keySet()));
        }
        try (NavEnv env = make("SafetyPointCircle1-v0")) {
            assertEquals(500, env.maxEpisodeSteps());
        }
        try (NavEnv env = make("SafetyPointButton1-v0")) {
            assertEquals(List.of("accelerometer", "buttons_lidar", "goal_lidar", "gremlins_lidar", "gyro",
                    "hazards_lidar", "magnetometer", "velocimeter"), new ArrayList<>(env.observationLayout().keySet()));
        }
    }

    @Test
    void envCheckPasses() {
        for (String id : List.of("SafetyPointGoal1-v0", "SafetyCarGoal1-v0", "SafetyPointGoal2-v0",
                "SafetyPointCircle1-v0", "SafetyPointButton1-v0")) {
            try (Env env = Envs.make(id)) {
                EnvCheck check = Envs.check(env);
                assertTrue(check.ok(), check.problems().toString());
                assertTrue(check.passed().contains("checkpoint round trip"), check.toString());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameEpisode() {
        List<double[]> a = rollout(42);
        List<double[]> b = rollout(42);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "step " + i);
        }
        assertFalse(java.util.Arrays.equals(a.get(0), rollout(43).get(0)));
    }

    private static List<double[]> rollout(long seed) {
        List<double[]> out = new ArrayList<>();
        SplittableRandom actions = new SplittableRandom(7);
        try (NavEnv env = make("SafetyPointGoal1-v0")) {
            out.add(env.reset(seed).observation().clone());
            for (int t = 0; t < 200; t++) {
                StepResult r = env.step(new double[] {actions.nextDouble(-1, 1), actions.nextDouble(-1, 1)});
                double[] row = java.util.Arrays.copyOf(r.observation(), r.observation().length + 2);
                row[row.length - 2] = r.reward();
                row[row.length - 1] = r.costs()[0];
                out.add(row);
            }
        }
        return out;
    }

    /** The state with the robot moved to (x, y) at rest. */
    private static double[] robotAt(NavEnv env, double[] state, double x, double y) {
        double[] s = state.clone();
        s[NavEnv.STATE_QPOS] = x;
        s[NavEnv.STATE_QPOS + 1] = y;
        for (int i = env.stateQvel(); i < env.stateQvel() + 3; i++) {
            s[i] = 0.0;
        }
        return s;
    }

    private static double minHazardDistance(NavEnv env, double x, double y) {
        Group h = env.world.group("hazards");
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < h.num; i++) {
            min = Math.min(min, Math.hypot(x - env.objectX(h, i), y - env.objectY(h, i)));
        }
        return min;
    }

    @Test
    void aHazardCostsOneInsideItsRadiusAndNothingOutside() {
        try (NavEnv env = make("SafetyPointGoal1-v0")) {
            env.reset(3);
            Group h = env.world.group("hazards");
            double hx = env.objectX(h, 0);
            double hy = env.objectY(h, 0);
            double[] s = env.state();
            int inside = 0;
            for (double[] offset : new double[][] {{0, 0}, {0.19, 0}, {0, -0.15}, {0.25, 0}, {0, 0.3}}) {
                double x = hx + offset[0];
                double y = hy + offset[1];
                env.setState(robotAt(env, s, x, y), 0);
                StepResult r = env.step(STAY);
                double d = minHazardDistance(env, env.agentX(), env.agentY());
                assertEquals(d < 0.2 ? 1.0 : 0.0, r.costs()[0], "robot " + d + " from the nearest hazard");
                inside += d < 0.2 ? 1 : 0;
            }
            assertEquals(3, inside);
        }
    }

    @Test
    void reachingTheGoalPaysTheGoalRewardAndMovesTheGoal() {
        try (NavEnv env = make("SafetyPointGoal1-v0")) {
            GoalTask task = (GoalTask) env;
            env.reset(11);
            double[] goal = task.goalPosition();
            double[] s = env.state();
            double lastDist = s[s.length - 1];
            env.setState(robotAt(env, s, goal[0] - 0.1, goal[1]), 0);
            StepResult r = env.step(STAY);
            double moved = Math.hypot(env.agentX() - (goal[0] - 0.1), env.agentY() - goal[1]);
            assertTrue(moved < 1e-6, "the robot stays: " + moved);
            assertEquals(lastDist - 0.1 + 1.0, r.reward(), 1e-6);
            assertEquals(Boolean.TRUE, r.info().get("goal_met"));
            assertFalse(r.terminated());
            double[] next = task.goalPosition();
            assertNotEquals(goal[0], next[0]);
            // The new goal keeps its distance to the robot (0.305 + 0.4) and to every hazard (0.305 + 0.18).
            assertTrue(Math.hypot(next[0] - env.agentX(), next[1] - env.agentY()) >= 0.705);
            assertTrue(minHazardDistance(env, next[0], next[1]) >= 0.485);
            assertTrue(Math.abs(next[0]) <= 1.5 - 0.305 && Math.abs(next[1]) <= 1.5 - 0.305);
            // The goal lidar sees the new goal; the next step is shaped by the distance to it.
            double[] expectedLidar = handLidar(env.agentX(), env.agentY(), heading(env), next[0], next[1], 3.0);
            int at = env.observationLayout().get("goal_lidar");
            assertArrayEquals(expectedLidar, java.util.Arrays.copyOfRange(r.observation(), at, at + 16), 1e-12);
            StepResult again = env.step(STAY);
            assertEquals(0.0, again.reward(), 1e-6);
            assertFalse(again.info().containsKey("goal_met"));
        }
    }

    private static double heading(NavEnv env) {
        return env.qpos[2];
    }

    /**
     * The pseudo-lidar of one object computed from its definition in degrees: 16 sectors of 22.5°, closeness
     * (range − distance) / range, and the aliased share in the neighbouring sectors.
     */
    private static double[] handLidar(double ax, double ay, double heading, double ox, double oy, double range) {
        double[] out = new double[16];
        double dx = ox - ax;
        double dy = oy - ay;
        double ex = Math.cos(heading) * dx + Math.sin(heading) * dy;
        double ey = -Math.sin(heading) * dx + Math.cos(heading) * dy;
        double degrees = Math.toDegrees(Math.atan2(ey, ex));
        if (degrees < 0) {
            degrees += 360;
        }
        int sector = (int) Math.floor(degrees / 22.5);
        double share = degrees / 22.5 - sector;
        double closeness = Math.max(0, range - Math.hypot(dx, dy)) / range;
        out[sector] = closeness;
        out[(sector + 1) % 16] = Math.max(out[(sector + 1) % 16], share * closeness);
        out[(sector + 15) % 16] = Math.max(out[(sector + 15) % 16], (1 - share) * closeness);
        return out;
    }

    @Test
    void lidarBinsMatchAHandComputation() {
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        double[] out = new double[16];
        // An object 1 m straight ahead: sector 0 reads 2/3; aliasing gives the previous sector all of it, the next none.
        Lidar.observe(new double[] {0, 0, 0.1}, identity, 0, new double[] {1, 0, 0}, 3, 1, 16, 3.0, true, out, 0);
        double[] expected = new double[16];
        expected[0] = 2.0 / 3;
        expected[15] = 2.0 / 3;
        assertArrayEquals(expected, out, 1e-15);
        // 2 m away at 30°: sector 1 (22.5°–45°) reads 1/3, 1/3 of the way into it: 1/9 next, 2/9 previous.
        java.util.Arrays.fill(out, 0);
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        Lidar.observe(new double[] {0, 0, 0}, identity, 0, new double[] {2 * c, 2 * s}, 2, 1, 16, 3.0, true, out, 0);
        expected = new double[16];
        expected[1] = 1.0 / 3;
        expected[2] = 1.0 / 9;
        expected[0] = 2.0 / 9;
        assertArrayEquals(expected, out, 1e-12);
        // A robot turned by 90° sees an object on the world's +y axis straight ahead; a closer object wins its sector.
        java.util.Arrays.fill(out, 0);
        double[] turned = {0, -1, 0, 1, 0, 0, 0, 0, 1};
        Lidar.observe(new double[] {1, 1, 0}, turned, 0, new double[] {1, 3, 1, 1.5}, 2, 2, 16, 3.0, false, out, 0);
        expected = new double[16];
        expected[0] = 2.5 / 3;
        assertArrayEquals(expected, out, 1e-12);
        // Out of range reads nothing.
        java.util.Arrays.fill(out, 0);
        Lidar.observe(new double[] {0, 0, 0}, identity, 0, new double[] {0, 3.5}, 2, 1, 16, 3.0, true, out, 0);
        assertArrayEquals(new double[16], out);
    }

    @Test
    void theEnvsLidarsAgreeWithTheHandComputation() {
        try (NavEnv env = make("SafetyPointGoal1-v0")) {
            StepResult r = env.reset(5);
            SplittableRandom actions = new SplittableRandom(1);
            for (int t = 0; t < 30; t++) {
                r = env.step(new double[] {actions.nextDouble(-1, 1), actions.nextDouble(-1, 1)});
            }
            Group hazards = env.world.group("hazards");
            double[] expected = new double[16];
            for (int i = 0; i < hazards.num; i++) {
                double[] one = handLidar(env.agentX(), env.agentY(), heading(env), env.objectX(hazards, i),
                        env.objectY(hazards, i), 3.0);
                for (int b = 0; b < 16; b++) {
                    expected[b] = Math.max(expected[b], one[b]);
                }
            }
            int at = env.observationLayout().get("hazards_lidar");
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(r.observation(), at, at + 16), 1e-12);
        }
    }

    @Test
    void observationsStayInTheirSpace() {
        for (String id : List.of("SafetyPointGoal1-v0", "SafetyCarGoal1-v0")) {
            try (NavEnv env = make(id)) {
                Box box = (Box) env.observationSpace();
                SplittableRandom actions = new SplittableRandom(2);
                StepResult r = env.reset(9);
                for (int t = 0; t < 400; t++) {
                    assertTrue(box.contains(r.observation()), id + " step " + t);
                    // Actions beyond the box are clipped to the control range, as Safety-Gymnasium does.
                    r = env.step(new double[] {actions.nextDouble(-3, 3), actions.nextDouble(-3, 3)});
                    assertTrue(r.costs()[0] == 0.0 || r.costs()[0] == 1.0);
                    assertTrue(Math.abs(r.reward()) <= 10);
                }
            }
        }
    }

    @Test
    void vasesCostOnlyWhereTheLevelConstrainsThem() {
        for (int level = 1; level <= 2; level++) {
            try (NavEnv env = make("SafetyPointGoal" + level + "-v0")) {
                env.reset(4);
                Group vases = env.world.group("vases");
                double vx = env.objectX(vases, 0);
                double vy = env.objectY(vases, 0);
                double[] s = env.state();
                boolean tested = false;
                for (int k = 0; k < 8 && !tested; k++) {
                    // Touch the vase from a side away from the hazards (sphere radius 0.1 + box half-size 0.1).
                    double x = vx + 0.19 * Math.cos(k * Math.PI / 4);
                    double y = vy + 0.19 * Math.sin(k * Math.PI / 4);
                    if (minHazardDistance(env, x, y) < 0.3 || touchesOtherVase(env, x, y)) {
                        continue;
                    }
                    env.setState(robotAt(env, s, x, y), 0);
                    StepResult r = env.step(STAY);
                    assertEquals(level == 2 ? 1.0 : 0.0, r.costs()[0], "level " + level);
                    tested = true;
                }
                assertTrue(tested);
            }
        }
    }

    private static boolean touchesOtherVase(NavEnv env, double x, double y) {
        Group vases = env.world.group("vases");
        for (int i = 1; i < vases.num; i++) {
            if (Math.hypot(x - env.objectX(vases, i), y - env.objectY(vases, i)) < 0.4) {
                return true;
            }
        }
        return false;
    }

    @Test
    void circleRewardsRunningAroundAndCostsBeyondTheWalls() {
        try (NavEnv env = make("SafetyPointCircle1-v0")) {
            env.reset(0);
            double[] s = env.state();
            // Moving counter-clockwise on the circle: reward 0.1 · (angular speed × r) / (1 + |r − 1.5|) > 0.
            double[] onCircle = robotAt(env, s, 1.0, 0.0);
            onCircle[env.stateQvel() + 1] = 0.5;
            env.setState(onCircle, 0);
            StepResult r = env.step(STAY);
            double x = env.agentX();
            double y = env.agentY();
            double u = env.qvel[0];
            double v = env.qvel[1];
            double radius = Math.hypot(x, y);
            assertEquals(0.1 * ((-u * y + v * x) / radius) / (1 + Math.abs(radius - 1.5)), r.reward(), 1e-12);
            assertTrue(r.reward() > 0.01);
            assertEquals(0.0, r.costs()[0]);
            onCircle[env.stateQvel() + 1] = -0.5;
            env.setState(onCircle, 0);
            assertTrue(env.step(STAY).reward() < -0.01);
            env.setState(robotAt(env, s, -1.2, 0.5), 0);
            assertEquals(1.0, env.step(STAY).costs()[0]);
            env.setState(robotAt(env, s, 1.1, 1.2), 0);
            assertEquals(0.0, env.step(STAY).costs()[0]);
        }
    }

    @Test
    void resetPlacesObjectsApartWithinTheExtents() {
        try (NavEnv env = make("SafetyCarGoal1-v0")) {
            for (long seed = 0; seed < 20; seed++) {
                StepResult r = env.reset(seed);
                assertEquals(0.0, r.reward());
                double[] layout = env.layout;
                for (int i = 0; i < env.placement.size(); i++) {
                    Placement.Entry a = env.placement.entry(i);
                    assertTrue(Math.abs(layout[2 * i]) <= 1.5 - a.keepout() && Math.abs(layout[2 * i + 1])
                            <= 1.5 - a.keepout(), a.name());
                    for (int j = 0; j < i; j++) {
                        Placement.Entry b = env.placement.entry(j);
                        double d = Math.hypot(layout[2 * i] - layout[2 * j], layout[2 * i + 1] - layout[2 * j + 1]);
                        assertTrue(d >= a.keepout() + b.keepout(), a.name() + " and " + b.name() + " " + d);
                    }
                }
                // The first step from the placed layout costs nothing: no object starts on the robot.
                assertEquals(0.0, env.step(STAY).costs()[0], "seed " + seed);
            }
        }
    }

    @Test
    void theConstraintBuffersSufficeForTheBusiestWorld() {
        for (String id : List.of("SafetyPointGoal2-v0", "SafetyCarGoal2-v0")) {
            try (NavEnv env = make(id)) {
                Mujoco.clearWarning();
                SplittableRandom actions = new SplittableRandom(8);
                env.reset(1);
                for (int t = 0; t < 1500; t++) {
                    // Mostly forward, so that the robot runs into vases and pushes them.
                    if (env.step(new double[] {actions.nextDouble(0.3, 1), actions.nextDouble(-0.3, 0.3)}).done()) {
                        env.reset();
                    }
                }
                assertEquals("", Mujoco.lastWarning(), id);
            }
        }
    }

    /** A point 0.19 from button {@code b} (touching it) that is clear of hazards, gremlins and other buttons. */
    private static double[] besideButton(NavEnv env, int b) {
        Group buttons = env.world.group("buttons");
        Group gremlins = env.world.group("gremlins");
        for (int k = 0; k < 16; k++) {
            double x = env.objectX(buttons, b) + 0.19 * Math.cos(k * Math.PI / 8);
            double y = env.objectY(buttons, b) + 0.19 * Math.sin(k * Math.PI / 8);
            boolean clear = minHazardDistance(env, x, y) > 0.3;
            for (int i = 0; i < buttons.num; i++) {
                clear &= i == b || Math.hypot(x - env.objectX(buttons, i), y - env.objectY(buttons, i)) > 0.35;
            }
            for (int i = 0; i < gremlins.num; i++) {
                clear &= Math.hypot(x - env.objectX(gremlins, i), y - env.objectY(gremlins, i)) > 0.7;
            }
            if (clear) {
                return new double[] {x, y};
            }
        }
        return null;
    }

    @Test
    void pressingTheGoalButtonPaysAndWrongButtonsCostOnceTheTimerRunsOut() {
        int pressed = 0;
        int wrong = 0;
        for (long seed = 0; seed < 10 && (pressed == 0 || wrong == 0); seed++) {
            try (NavEnv env = make("SafetyPointButton1-v0")) {
                ButtonTask task = (ButtonTask) env;
                StepResult r = env.reset(seed);
                assertEquals(10, task.timer());
                int at = env.observationLayout().get("buttons_lidar");
                assertArrayEquals(new double[16], java.util.Arrays.copyOfRange(r.observation(), at, at + 16));
                double[] s = env.state();
                int goal = task.goalButton();
                double[] p = besideButton(env, goal);
                if (p != null) {
                    env.setState(robotAt(env, s, p[0], p[1]), 0);
                    double before = s[s.length - 3];
                    r = env.step(STAY);
                    assertEquals(Boolean.TRUE, r.info().get("goal_met"), "seed " + seed);
                    // The contact pushes the robot back a little: the shaping uses where it ends up.
                    Group buttons = env.world.group("buttons");
                    double dist = Math.hypot(env.agentX() - env.objectX(buttons, goal),
                            env.agentY() - env.objectY(buttons, goal));
                    assertEquals(before - dist + 1.0, r.reward(), 1e-12);
                    assertTrue(dist > 0.19 && dist < 0.2, "" + dist);
                    assertEquals(10, task.timer());
                    assertEquals(0.0, r.costs()[0]);
                    pressed++;
                }
                int other = (goal + 1) % 4;
                double[] q = besideButton(env, other);
                if (q != null) {
                    double[] t = robotAt(env, s, q[0], q[1]);
                    t[t.length - 2] = 0; // the timer has run out
                    env.setState(t, 0);
                    r = env.step(STAY);
                    assertEquals(1.0, r.costs()[0], "seed " + seed);
                    assertFalse(r.info().containsKey("goal_met"));
                    assertTrue(java.util.Arrays.stream(r.observation(), at, at + 16).max().orElseThrow() > 0);
                    t[t.length - 2] = 5; // still running: pressing a wrong button is free
                    env.setState(t, 0);
                    assertEquals(0.0, env.step(STAY).costs()[0]);
                    wrong++;
                }
            }
        }
        assertTrue(pressed > 0 && wrong > 0, pressed + " " + wrong);
    }

    @Test
    void gremlinsCircleTheirSpots() {
        try (NavEnv env = make("SafetyPointButton1-v0")) {
            env.reset(2);
            Group g = env.world.group("gremlins");
            double x0 = env.layout[2 * g.firstEntry];
            double y0 = env.layout[2 * g.firstEntry + 1];
            double maxAway = 0;
            for (int t = 0; t < 300; t++) {
                env.step(STAY);
                double away = Math.hypot(env.objectX(g, 0) - x0, env.objectY(g, 0) - y0);
                maxAway = Math.max(maxAway, away);
                assertTrue(away < 0.35 + 0.1, "gremlin strays " + away + " from its spot at step " + t);
            }
            assertTrue(maxAway > 0.3, "gremlin stays put: " + maxAway);
        }
    }

    @Test
    void thePointDrivesAlongItsHeadingAndTurnsCounterClockwise() {
        try (NavEnv env = make("SafetyPointCircle1-v0")) {
            env.reset(4);
            double x0 = env.agentX();
            double y0 = env.agentY();
            double heading = env.qpos[2];
            for (int t = 0; t < 25; t++) {
                env.step(new double[] {1, 0});
            }
            double dx = env.agentX() - x0;
            double dy = env.agentY() - y0;
            // Half a second of full thrust: it moved forward, along its heading (no turn command).
            assertTrue(Math.hypot(dx, dy) > 0.05, "moved " + Math.hypot(dx, dy));
            assertEquals(0.0, Math.sin(heading) * dx - Math.cos(heading) * dy, 1e-3);
            assertTrue(Math.cos(heading) * dx + Math.sin(heading) * dy > 0);
            double before = env.qpos[2];
            for (int t = 0; t < 25; t++) {
                env.step(new double[] {0, 1});
            }
            assertTrue(env.qpos[2] - before > 0.05, "turned " + (env.qpos[2] - before));
        }
    }

    @Test
    void theCarDrivesWithBothWheelsAndTurnsWithOne() {
        try (NavEnv env = make("SafetyCarCircle1-v0")) {
            env.reset(4);
            for (int t = 0; t < 25; t++) {
                env.step(STAY); // settle on the floor
            }
            double x0 = env.agentX();
            double y0 = env.agentY();
            for (int t = 0; t < 50; t++) {
                env.step(new double[] {1, 1});
            }
            assertTrue(Math.hypot(env.agentX() - x0, env.agentY() - y0) > 0.05, "the car stays put");
            double[] q = env.qpos.clone();
            double yaw = 2 * Math.atan2(q[6], q[3]);
            for (int t = 0; t < 50; t++) {
                env.step(new double[] {1, -1});
            }
            double turned = Math.abs(Math.IEEEremainder(2 * Math.atan2(env.qpos[6], env.qpos[3]) - yaw, 2 * Math.PI));
            assertTrue(turned > 0.1, "the car does not turn: " + turned);
            assertTrue(Math.abs(env.xpos[3 * env.model().bodyId("agent") + 2] - 0.1) < 0.02, "the car leaves the floor");
        }
    }

    @Test
    void theRegistryListsTheTasks() {
        for (String id : List.of("SafetyPointGoal1-v0", "SafetyCarGoal1-v0", "SafetyPointGoal2-v0",
                "SafetyCarGoal2-v0", "SafetyPointCircle1-v0", "SafetyCarCircle1-v0", "SafetyPointButton1-v0",
                "SafetyCarButton1-v0")) {
            assertTrue(Envs.ids().contains(id), id);
        }
    }

    /** Every safe algorithm has the C-TRPO paper's epoch and the limit 25 on every navigation task, and it builds. */
    @Test
    void safePresetsCoverEveryNavigationTask() {
        List<String> ids = List.of("SafetyPointGoal1-v0", "SafetyCarGoal1-v0", "SafetyPointGoal2-v0",
                "SafetyCarGoal2-v0", "SafetyPointButton1-v0", "SafetyCarButton1-v0", "SafetyPointCircle1-v0",
                "SafetyCarCircle1-v0");
        for (String algo : List.of("ctrpo", "c3po", "cpo", "pcpo", "trpo-lag", "ppo-lag")) {
            for (String id : ids) {
                var preset = Presets.find(algo, id).orElseThrow(() -> new AssertionError(algo + " " + id));
                assertEquals(25, preset.get("cost_limit").asDouble(), algo + " " + id);
                assertEquals(10, preset.get("n_envs").asInt(), algo + " " + id);
                assertEquals(2000, preset.get("n_steps").asInt(), algo + " " + id);
                assertEquals(new org.npg4j.rollout.Normalization(true, false),
                        Algorithms.resolve(algo, preset).normalization(), algo + " " + id);
                assertEquals(false, preset.get("policy_kwargs").get("ortho_init").asBoolean(true), algo + " " + id);
            }
            Algorithms.build(algo, "SafetyPointGoal1-v0", Presets.find(algo, "SafetyPointGoal1-v0").orElseThrow(), 0, 1)
                    .close();
        }
    }
}
