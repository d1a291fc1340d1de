package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointCircleTest {
    private static final double TOL = 1e-12;

    @Test
    void registeredWithItsSpacesAndLimits() {
        Env env = Envs.make("KinematicPointCircle-v0");
        assertEquals(200, env.maxEpisodeSteps());
        assertEquals(1, env.costCount());
        assertEquals(Box.uniform(-1.0, 1.0, 2), env.actionSpace());
        assertEquals(6, env.observationSpace().dim());
        PointCircle custom = (PointCircle) Envs.make("KinematicPointCircle-v0", Map.of("radius", 5.0, "x_lim", 3));
        assertEquals(5.0, custom.radius());
        assertEquals(3.0, custom.xLim());
    }

    @Test
    void sameSeedSameTrajectoryOtherSeedOther() {
        double[][] a = trajectory(4, 7);
        assertArrayEquals(a[0], trajectory(4, 7)[0]);
        assertArrayEquals(a[1], trajectory(4, 7)[1]);
        assertFalse(java.util.Arrays.equals(a[0], trajectory(5, 7)[0]));
    }

    /** Observations (flattened) and rewards+costs of 50 steps with uniform actions. */
    private static double[][] trajectory(long seed, long actionSeed) {
        Env env = Envs.make("KinematicPointCircle-v0");
        SplittableRandom rng = new SplittableRandom(actionSeed);
        double[] obs = new double[51 * 6];
        double[] rc = new double[100];
        System.arraycopy(env.reset(seed).observation(), 0, obs, 0, 6);
        double[] action = new double[2];
        for (int t = 0; t < 50; t++) {
            SafetyTestSupport.uniformBox(rng, action);
            StepResult r = env.step(action);
            System.arraycopy(r.observation(), 0, obs, 6 * (t + 1), 6);
            rc[2 * t] = r.reward();
            rc[2 * t + 1] = r.costs()[0];
        }
        return new double[][] {obs, rc};
    }

    @Test
    void resetStateIsSmallNoiseAroundTheOrigin() {
        Env env = Envs.make("KinematicPointCircle-v0");
        for (long seed = 0; seed < 50; seed++) {
            env.reset(seed);
            for (double v : env.state()) {
                assertTrue(Math.abs(v) <= 0.1, "state " + v);
            }
        }
    }

    @Test
    void dynamicsRewardAndObservationOnAHandSetState() {
        PointCircle env = new PointCircle();
        env.setState(new double[] {2.0, 14.0, -1.0, 3.0}, 0);
        StepResult r = env.step(new double[] {0.4, -0.2});
        // v' = v + τ(F a - k v), p' = p + τ v'
        double vx = -1.0 + 0.1 * (5 * 0.4 + 1.0);
        double vy = 3.0 + 0.1 * (5 * -0.2 - 3.0);
        double x = 2.0 + 0.1 * vx;
        double y = 14.0 + 0.1 * vy;
        assertEquals(-0.7, vx, TOL);
        assertEquals(2.6, vy, TOL);
        assertArrayEquals(new double[] {x, y, vx, vy}, env.state(), TOL);
        double radius = Math.hypot(x, y);
        assertEquals((-y * vx + x * vy) / (1 + Math.abs(radius - 15)), r.reward(), TOL);
        assertArrayEquals(new double[] {x, y, vx, vy, radius - 15, 2.5 - Math.abs(x)}, r.observation(), TOL);
        assertEquals(0.0, r.costs()[0]);
        assertFalse(r.terminated());
    }

    @Test
    void rewardIsTheAngularMomentumOnTheCircleAndSignedByDirection() {
        // On the circle (‖p‖ = d) the damping is 1: counter-clockwise speed v at radius d earns d·v.
        assertEquals(15.0 * 2.0, PointCircle.reward(15.0, 0.0, 0.0, 2.0, 15.0), TOL);
        assertEquals(-15.0 * 2.0, PointCircle.reward(15.0, 0.0, 0.0, -2.0, 15.0), TOL);
        // Radial motion earns nothing; 5 m off the circle divides by 6.
        assertEquals(0.0, PointCircle.reward(3.0, 4.0, 3.0, 4.0, 15.0), TOL);
        assertEquals(10.0 * 1.0 / 6.0, PointCircle.reward(0.0, 10.0, -1.0, 0.0, 15.0), TOL);
    }

    @Test
    void costIsOneExactlyOutsideTheBand() {
        PointCircle env = new PointCircle();
        double[] zero = {0.0, 0.0};
        // Zero velocity and action: the point does not move, so the cost is that of the set position.
        assertEquals(1.0, costAt(env, 2.5001, 0.0, zero));
        assertEquals(1.0, costAt(env, -2.6, 5.0, zero));
        assertEquals(0.0, costAt(env, 2.5, 0.0, zero), "the boundary |x| = x_lim is safe");
        assertEquals(0.0, costAt(env, -2.4999, -8.0, zero));
        assertEquals(0.0, costAt(env, 0.0, 20.0, zero), "only x is constrained");
        // Moving out of the band within the step costs on that step.
        env.setState(new double[] {2.45, 0.0, 1.0, 0.0}, 0);
        assertEquals(1.0, env.step(zero).costs()[0]);
    }

    private static double costAt(PointCircle env, double x, double y, double[] action) {
        env.setState(new double[] {x, y, 0.0, 0.0}, 0);
        StepResult r = env.step(action);
        assertEquals(x, r.observation()[0], 0.0);
        return r.costs()[0];
    }

    @Test
    void outOfBoxActionsAreClipped() {
        PointCircle a = new PointCircle();
        PointCircle b = new PointCircle();
        a.reset(3);
        b.reset(3);
        assertArrayEquals(b.step(new double[] {1.0, -1.0}).observation(), a.step(new double[] {9.0, -4.0}).observation());
    }

    @Test
    void randomPolicyViolatesAndStayingStillNeverDoes() {
        var random = SafetyTestSupport.rollout(Envs.make("KinematicPointCircle-v0"), 100, 1, SafetyTestSupport.UNIFORM);
        assertTrue(random.meanCost() > 10, "random mean episode cost " + random.meanCost());
        assertTrue(random.violatingFraction() > 0.5, "violating fraction " + random.violatingFraction());
        var still = SafetyTestSupport.rollout(Envs.make("KinematicPointCircle-v0"), 20, 1, SafetyTestSupport.STILL);
        assertEquals(0.0, still.meanCost());
    }

    @Test
    void badKwargsStatesAndActionsAreRejectedWithTheirValues() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("KinematicPointCircle-v0", Map.of("x_lim", -1.0)));
        assertEquals("KinematicPointCircle-v0: x_lim must be positive and finite, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("KinematicPointCircle-v0", Map.of("radius", 0)));
        assertEquals("KinematicPointCircle-v0: radius must be positive and finite, got 0.0", e.getMessage());
        Env env = Envs.make("KinematicPointCircle-v0");
        e = assertThrows(IllegalArgumentException.class, () -> env.setState(new double[] {0, Double.NaN, 0, 0}, 0));
        assertEquals("KinematicPointCircle-v0: state[1] must be finite, got NaN", e.getMessage());
        env.reset(0);
        e = assertThrows(IllegalArgumentException.class, () -> env.step(1));
        assertEquals("KinematicPointCircle-v0: action 1 is not in Box(-1.0, 1.0, (2,), float64)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0.5}));
        assertEquals("KinematicPointCircle-v0: action [0.5] has length 1, expected 2 for Box(-1.0, 1.0, (2,), float64)",
                e.getMessage());
    }
}
