package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnvBadInputTest {
    @Test
    void discreteActionOutOfRangeNamesEnvActionAndSpace() {
        Env env = Envs.make("CartPole-v1");
        env.reset(0);
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertEquals("CartPole-v1: action 2 is not in Discrete(2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.step(-1));
        assertEquals("CartPole-v1: action -1 is not in Discrete(2)", e.getMessage());
    }

    @Test
    void nonFiniteContinuousActionIsRejected() {
        Env env = Envs.make("Pendulum-v1");
        env.reset(0);
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN}));
        assertEquals("Pendulum-v1: action [NaN] is not in Box(-2.0, 2.0, (1,), float64) (not finite)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> env.step(new double[] {Double.POSITIVE_INFINITY}));
        assertEquals("Pendulum-v1: action [Infinity] is not in Box(-2.0, 2.0, (1,), float64) (not finite)",
                e.getMessage());
    }

    @Test
    void wrongLengthActionIsRejected() {
        Env env = Envs.make("MountainCarContinuous-v0");
        env.reset(0);
        var e = assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {0.1, 0.2}));
        assertEquals("MountainCarContinuous-v0: action [0.1, 0.2] has length 2, expected 1 for "
                + "Box(-1.0, 1.0, (1,), float64)", e.getMessage());
    }

    @Test
    void wrongActionKindIsRejected() {
        Env discrete = Envs.make("CartPole-v1");
        discrete.reset(0);
        var e = assertThrows(IllegalArgumentException.class, () -> discrete.step(new double[] {1.0}));
        assertEquals("CartPole-v1: action [1.0] is not in Discrete(2) (step with an int)", e.getMessage());
        Env box = Envs.make("Pendulum-v1");
        box.reset(0);
        e = assertThrows(IllegalArgumentException.class, () -> box.step(1));
        assertEquals("Pendulum-v1: action 1 is not in Box(-2.0, 2.0, (1,), float64)", e.getMessage());
    }

    @Test
    void outOfBoundsBoxActionIsClippedAsGymnasiumDoes() {
        Env a = Envs.make("Pendulum-v1");
        Env b = Envs.make("Pendulum-v1");
        a.reset(3);
        b.reset(3);
        double[] big = {7.5};
        StepResult ra = a.step(big);
        StepResult rb = b.step(new double[] {2.0});
        assertArrayEquals(rb.observation(), ra.observation());
        assertEquals(rb.reward(), ra.reward());
        assertEquals(7.5, big[0], "the caller's action is not modified");
    }

    @Test
    void stepBeforeResetIsIllegalState() {
        Env env = Envs.make("Acrobot-v1");
        var e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertEquals("Acrobot-v1: step() called before reset()", e.getMessage());
    }

    @Test
    void stepAfterTerminationWithoutResetIsIllegalState() {
        Env env = Envs.make("CartPole-v1");
        env.reset(0);
        StepResult r;
        do {
            r = env.step(1);
        } while (!r.done());
        assertEquals(true, r.terminated());
        var e = assertThrows(IllegalStateException.class, () -> env.step(1));
        assertEquals("CartPole-v1: step() called after the episode ended (terminated); call reset() first",
                e.getMessage());
        env.reset();
        env.step(1);
    }

    @Test
    void stepAfterTruncationWithoutResetIsIllegalState() {
        Env env = Envs.make("Pendulum-v1", java.util.Map.of("max_episode_steps", 3));
        env.reset(0);
        double[] a = {0.0};
        env.step(a);
        env.step(a);
        assertEquals(true, env.step(a).truncated());
        var e = assertThrows(IllegalStateException.class, () -> env.step(a));
        assertEquals("Pendulum-v1: step() called after the episode ended (truncated); call reset() first",
                e.getMessage());
    }

    @Test
    void closedEnvRefusesToStep() {
        Env env = Envs.make("MountainCar-v0");
        env.reset(0);
        env.close();
        var e = assertThrows(IllegalStateException.class, () -> env.step(0));
        assertEquals("MountainCar-v0: the env is closed", e.getMessage());
    }

    @Test
    void setStateChecksLengthAndElapsedSteps() {
        Env env = Envs.make("MountainCar-v0");
        var e = assertThrows(IllegalArgumentException.class, () -> env.setState(new double[3], 0));
        assertEquals("MountainCar-v0: state has length 3, expected 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.setState(new double[2], 200));
        assertEquals("MountainCar-v0: elapsedSteps 200 is outside [0, 200)", e.getMessage());
    }
}
