package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CartPoleSafeTest {
    @Test
    void registeredAsCartPoleWithOneCost() {
        Env env = Envs.make("CartPoleSafe-v0");
        assertEquals(500, env.maxEpisodeSteps());
        assertEquals(1, env.costCount());
        assertEquals(new Discrete(2), env.actionSpace());
        assertEquals(Envs.make("CartPole-v1").observationSpace(), env.observationSpace());
        assertEquals(1.0, ((CartPoleSafe) env).xSafe());
        assertEquals(0.5, ((CartPoleSafe) Envs.make("CartPoleSafe-v0", Map.of("x_safe", 0.5))).xSafe());
    }

    @Test
    void sameSeedAndActionsGiveCartPoleV1sTrajectory() {
        Env safe = Envs.make("CartPoleSafe-v0");
        Env plain = Envs.make("CartPole-v1");
        SplittableRandom actions = new SplittableRandom(2);
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(plain.reset(seed).observation(), safe.reset(seed).observation());
            StepResult a;
            StepResult b;
            do {
                int action = actions.nextInt(2);
                a = safe.step(action);
                b = plain.step(action);
                assertArrayEquals(b.observation(), a.observation());
                assertEquals(b.reward(), a.reward());
                assertEquals(b.terminated(), a.terminated());
                assertEquals(b.truncated(), a.truncated());
                assertEquals(Math.abs(a.observation()[0]) > 1.0 ? 1.0 : 0.0, a.costs()[0]);
            } while (!a.done());
        }
    }

    @Test
    void twoCostVariantKeepsTheTrajectoryAndCostZeroAndCountsTiltedStepsAsCostOne() {
        Env two = Envs.make(CartPoleSafe.TWO_COSTS_ID);
        Env one = Envs.make("CartPoleSafe-v0");
        assertEquals(2, two.costCount());
        assertEquals(500, two.maxEpisodeSteps());
        assertEquals(one.observationSpace(), two.observationSpace());
        SplittableRandom actions = new SplittableRandom(5);
        double tilted = 0;
        double outside = 0;
        for (long seed = 0; seed < 10; seed++) {
            assertArrayEquals(one.reset(seed).observation(), two.reset(seed).observation());
            StepResult a;
            StepResult b;
            do {
                int action = actions.nextInt(2);
                a = two.step(action);
                b = one.step(action);
                assertArrayEquals(b.observation(), a.observation());
                assertEquals(b.reward(), a.reward());
                assertEquals(b.done(), a.done());
                assertEquals(b.costs()[0], a.costs()[0], "cost 0 is CartPoleSafe-v0's");
                assertEquals(Math.abs(a.observation()[2]) > CartPoleSafe.DEFAULT_THETA_SAFE ? 1.0 : 0.0,
                        a.costs()[1]);
                tilted += a.costs()[1];
                outside += a.costs()[0];
            } while (!a.done());
        }
        assertTrue(tilted > 0 && tilted != outside, "random actions tilt the pole: " + tilted + " vs " + outside);
        // theta_safe: a pole at 0.06 rad is tilted with the default 0.05 and not with 0.1.
        assertEquals(1.0, two.setState(new double[] {0, 0, 0.06, 0}, 0).costs()[1] + two.step(0).costs()[1]);
        Env wide = Envs.make(CartPoleSafe.TWO_COSTS_ID, Map.of("theta_safe", 0.1));
        wide.setState(new double[] {0, 0, 0.06, 0}, 0);
        assertEquals(0.0, wide.step(0).costs()[1]);
        assertEquals(CartPoleSafe.TWO_COSTS_ID + ": theta_safe must be in (0, " + 12 * 2 * Math.PI / 360 + "], got 0.5",
                assertThrows(IllegalArgumentException.class, () -> new CartPoleSafe(500, 1.0, 0.5)).getMessage());
    }

    @Test
    void costIsOneExactlyOutsideTheBand() {
        Env env = Envs.make("CartPoleSafe-v0");
        // x' = x + τ ẋ: from x = 0.99 with ẋ = 1 the cart ends at 1.01, outside the band.
        assertEquals(0.0, env.setState(new double[] {0.99, 1.0, 0, 0}, 0).costs()[0], "setState reports no cost");
        assertEquals(1.0, env.step(0).costs()[0]);
        env.setState(new double[] {-1.5, 0.0, 0, 0}, 0);
        assertEquals(1.0, env.step(1).costs()[0]);
        env.setState(new double[] {1.0, 0.0, 0, 0}, 0);
        assertEquals(0.0, env.step(1).costs()[0], "|x| = x_safe is inside");
        env.setState(new double[] {0.5, 0.0, 0, 0}, 0);
        assertEquals(0.0, env.step(1).costs()[0]);
        Env narrow = Envs.make("CartPoleSafe-v0", Map.of("x_safe", 0.4));
        narrow.setState(new double[] {0.5, 0.0, 0, 0}, 0);
        assertEquals(1.0, narrow.step(1).costs()[0]);
        assertArrayEquals(new double[] {0.5, 0.0, 0, 0}, narrow.setState(new double[] {0.5, 0.0, 0, 0}, 3)
                .observation());
        assertArrayEquals(new double[] {0.5, 0.0, 0, 0}, narrow.state());
    }

    @Test
    void aDriftingBalancerViolatesAndACentringOneDoesNot() {
        // Push towards the side the pole leans: balances but drifts; adding a cart-position term keeps it centred.
        var drifting = SafetyTestSupport.rollout(Envs.make("CartPoleSafe-v0"), 10, 0,
                balancer(0.0, 0.0));
        assertEquals(500.0, drifting.meanReturn(), "the drifting balancer solves CartPole-v1");
        assertTrue(drifting.meanCost() > 50, "drifting cost " + drifting.meanCost());
        var centring = SafetyTestSupport.rollout(Envs.make("CartPoleSafe-v0"), 10, 0,
                balancer(0.1, 0.2));
        assertEquals(0.0, centring.meanCost());
        assertEquals(500.0, centring.meanReturn());
    }

    /** Bang-bang linear feedback: push right iff kx·x + kv·ẋ + θ + 0.5·θ̇ &gt; 0. */
    private static SafetyTestSupport.Policy balancer(double kx, double kv) {
        return (rng, o, a) -> a[0] = kx * o[0] + kv * o[1] + o[2] + 0.5 * o[3] > 0 ? 1 : 0;
    }

    @Test
    void badXSafeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("CartPoleSafe-v0", Map.of("x_safe", 3.0)));
        assertEquals("CartPoleSafe-v0: x_safe must be in (0, 2.4], got 3.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("CartPoleSafe-v0", Map.of("x_safe", "1")));
        assertEquals("CartPoleSafe-v0: kwarg 'x_safe' must be a number, got String 1", e.getMessage());
    }
}
