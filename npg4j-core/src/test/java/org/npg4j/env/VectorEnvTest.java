package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorEnvTest {
    /** Everything a batch trajectory shows, flattened step by step. */
    private static List<String> trace(VectorEnv v, long seed, int steps) {
        List<String> out = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        v.reset(seed);
        out.add(Arrays.toString(v.observations()));
        int n = v.numEnvs();
        int[] ia = new int[n];
        double[] da = new double[n * v.singleActionSpace().dim()];
        for (int t = 0; t < steps; t++) {
            if (v.singleActionSpace() instanceof Discrete d) {
                for (int i = 0; i < n; i++) {
                    ia[i] = d.sample(rng);
                }
                v.step(ia);
            } else {
                for (int k = 0; k < da.length; k++) {
                    da[k] = -3 + 6 * rng.nextDouble();
                }
                v.step(da);
            }
            out.add(Arrays.toString(v.observations()) + Arrays.toString(v.rewards())
                    + Arrays.toString(v.terminated()) + Arrays.toString(v.truncated()));
            for (int i = 0; i < n; i++) {
                if (v.terminated()[i] || v.truncated()[i]) {
                    out.add(i + ":" + Arrays.toString(v.finalObservation(i)));
                }
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesIdenticalBatchesForSyncAndAnyThreadCount() {
        for (String id : List.of("CartPole-v1", "Pendulum-v1")) {
            List<String> expected;
            try (VectorEnv sync = SyncVectorEnv.of(() -> Envs.make(id), 5)) {
                expected = trace(sync, 7, 450);
            }
            assertTrue(expected.stream().anyMatch(s -> s.contains(":")), "episodes ended: autoreset exercised");
            for (int threads = 1; threads <= 4; threads++) {
                try (ThreadedVectorEnv threaded = ThreadedVectorEnv.of(() -> Envs.make(id), 5, threads)) {
                    assertEquals(Math.min(threads, 5), threaded.threads());
                    assertEquals(expected, trace(threaded, 7, 450), id + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void autoresetReturnsTheResetObservationAndKeepsTheFinalOne() {
        long seed = 3;
        int n = 3;
        try (VectorEnv v = SyncVectorEnv.of(() -> Envs.make("CartPole-v1"), n)) {
            List<Env> solo = new ArrayList<>();
            v.reset(seed);
            for (int i = 0; i < n; i++) {
                Env e = Envs.make("CartPole-v1");
                assertArrayEquals(e.reset(seed + i).observation(), Arrays.copyOfRange(v.observations(), 4 * i,
                        4 * i + 4), "env i is seeded with seed + i");
                solo.add(e);
            }
            int[] actions = new int[n];
            int ended = 0;
            for (int t = 0; t < 200; t++) {
                Arrays.fill(actions, t % 5 == 0 ? 0 : 1);
                v.step(actions);
                for (int i = 0; i < n; i++) {
                    StepResult r = solo.get(i).step(actions[i]);
                    assertEquals(r.terminated(), v.terminated()[i]);
                    assertEquals(r.reward(), v.rewards()[i]);
                    if (r.done()) {
                        ended++;
                        assertArrayEquals(r.observation(), v.finalObservation(i));
                        r = solo.get(i).reset();
                    }
                    assertArrayEquals(r.observation(), Arrays.copyOfRange(v.observations(), 4 * i, 4 * i + 4));
                }
            }
            assertTrue(ended > 10);
        }
    }

    @Test
    void truncationKeepsFinalObservationAndInfoForBootstrapping() {
        try (VectorEnv v = SyncVectorEnv.of(
                () -> new RecordEpisodeStatistics(Envs.make("Pendulum-v1", java.util.Map.of("max_episode_steps", 4))),
                2)) {
            v.reset(0);
            double[] a = new double[2];
            double[] before = null;
            for (int t = 0; t < 4; t++) {
                before = v.observations().clone();
                v.step(a);
            }
            assertTrue(v.truncated()[0] && v.truncated()[1]);
            assertFalse(v.terminated()[0]);
            EpisodeStatistics s = (EpisodeStatistics) v.finalInfo(1).get(RecordEpisodeStatistics.EPISODE);
            assertEquals(4, s.length());
            // The final observation continues the episode (|Δθ̇| ≤ 15·dt), the returned one is a fresh reset.
            assertEquals(before[5], v.finalObservation(1)[2], 0.8);
        }
    }

    @Test
    void badBatchedActionsAreRejectedBeforeAnyEnvSteps() {
        try (VectorEnv v = ThreadedVectorEnv.of(() -> Envs.make("CartPole-v1"), 3, 2)) {
            v.reset(0);
            var e = assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {0, 2, 1}));
            assertEquals("CartPole-v1: action 2 of env 1 is not in Discrete(2)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> v.step(new int[] {0, 1}));
            assertEquals("CartPole-v1: 2 actions given for 3 envs", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> v.step(new double[] {0, 1, 1}));
            assertEquals("CartPole-v1: double actions given but the action space is Discrete(2)", e.getMessage());
            v.step(new int[] {0, 1, 1});
        }
        try (VectorEnv v = SyncVectorEnv.of(() -> Envs.make("Pendulum-v1"), 2)) {
            v.reset(0);
            var e = assertThrows(IllegalArgumentException.class, () -> v.step(new double[] {0, Double.NaN}));
            assertEquals("Pendulum-v1: action NaN of env 1 is not in Box(-2.0, 2.0, (1,), float64) (not finite)",
                    e.getMessage());
        }
    }

    @Test
    void errorsInWorkersReachTheCaller() {
        ThreadedVectorEnv v = ThreadedVectorEnv.of(() -> Envs.make("CartPole-v1"), 4, 4);
        var e = assertThrows(IllegalStateException.class, () -> v.step(new int[4]));
        assertEquals("CartPole-v1: step() called before reset()", e.getMessage());
        v.reset(1);
        v.step(new int[4]);
        v.close();
        var c = assertThrows(IllegalStateException.class, () -> v.reset(0));
        assertEquals("CartPole-v1: the vector env is closed", c.getMessage());
    }

    @Test
    void mixedSpacesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SyncVectorEnv(List.of(Envs.make("CartPole-v1"), Envs.make("Acrobot-v1"))));
        assertEquals("env 1 (Acrobot-v1) has other spaces than env 0 (CartPole-v1)", e.getMessage());
    }
}
