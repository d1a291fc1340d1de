package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassicControlTest {
    private static final String[] IDS = {"CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0",
        "Pendulum-v1"};

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"})
    void sameSeedGivesSameTrajectory(String id) {
        double[] a = rollout(id, 42, 300);
        double[] b = rollout(id, 42, 300);
        double[] c = rollout(id, 43, 300);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c), "another seed gives another trajectory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"})
    void resetStatesFollowGymnasiumRanges(String id) {
        Env env = Envs.make(id);
        for (long seed = 0; seed < 200; seed++) {
            env.reset(seed);
            double[] s = env.state();
            switch (id) {
                case "CartPole-v1" -> {
                    for (double v : s) {
                        assertTrue(v >= -0.05 && v < 0.05, id + " " + v);
                    }
                }
                case "Acrobot-v1" -> {
                    for (double v : s) {
                        assertTrue(v >= -0.1 && v <= 0.1, id + " " + v);
                        assertEquals((float) v, v, "Acrobot's reset state is float32");
                    }
                }
                case "Pendulum-v1" -> {
                    assertTrue(s[0] >= -Math.PI && s[0] < Math.PI);
                    assertTrue(s[1] >= -1 && s[1] < 1);
                }
                default -> {
                    assertTrue(s[0] >= -0.6 && s[0] < -0.4);
                    assertEquals(0.0, s[1]);
                }
            }
            assertTrue(env.observationSpace().contains(env.reset(seed).observation()), id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"})
    void episodesEndByTheTimeLimitAtTheLatest(String id) {
        Env env = Envs.make(id);
        SplittableRandom rng = new SplittableRandom(1);
        double[] action = new double[env.actionSpace().dim()];
        env.reset(1);
        int steps = 0;
        StepResult r;
        do {
            r = step(env, rng, action);
            steps++;
            assertEquals(steps, env.elapsedSteps());
            assertEquals(steps >= env.maxEpisodeSteps(), r.truncated());
        } while (!r.done());
        assertTrue(steps <= env.maxEpisodeSteps());
    }

    @org.junit.jupiter.api.Test
    void pendulumAngleNormalizeIsPythonsFlooredModulo() {
        assertEquals(-Math.PI, Pendulum.angleNormalize(-Math.PI), 0.0);
        assertEquals(0.5, Pendulum.angleNormalize(0.5 + 4 * Math.PI), 1e-12);
        assertEquals(-0.5, Pendulum.angleNormalize(-0.5 - 6 * Math.PI), 1e-12);
        assertEquals(Math.PI - 0.25, Pendulum.angleNormalize(-Math.PI - 0.25), 1e-12);
    }

    private static StepResult step(Env env, SplittableRandom rng, double[] action) {
        if (env.actionSpace() instanceof Discrete d) {
            return env.step(d.sample(rng));
        }
        env.actionSpace().sample(rng, action);
        return env.step(action);
    }

    private static double[] rollout(String id, long seed, int steps) {
        Env env = Envs.make(id);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] action = new double[env.actionSpace().dim()];
        int dim = env.observationSpace().dim();
        double[] trace = new double[steps * (dim + 1)];
        StepResult r = env.reset(seed);
        for (int t = 0; t < steps; t++) {
            if (r.done()) {
                r = env.reset();
            }
            r = step(env, rng, action);
            System.arraycopy(r.observation(), 0, trace, t * (dim + 1), dim);
            trace[t * (dim + 1) + dim] = r.reward();
        }
        return trace;
    }

    static String[] ids() {
        return IDS.clone();
    }
}
