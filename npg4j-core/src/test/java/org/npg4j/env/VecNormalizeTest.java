package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.math.StateMap;

class VecNormalizeTest {
    private static VectorEnv pendulums(int n, boolean threaded) {
        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            envs.add(new TimeLimit(new Pendulum(), 30));
        }
        return threaded ? new ThreadedVectorEnv(envs, 2) : new SyncVectorEnv(envs);
    }

    @Test
    void sharedStatisticsAreThoseOfEveryReturnedObservationAndReturn() {
        int n = 3;
        double gamma = 0.9;
        VectorEnv raw = pendulums(n, false);
        VecNormalize norm = new VecNormalize(pendulums(n, false), gamma, 1e-8, 1e9, 1e9);
        raw.reset(5);
        norm.reset(5);
        List<double[]> seen = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        double[] g = new double[n];
        addRows(seen, raw.observations(), n, 3);
        SplittableRandom rng = new SplittableRandom(1);
        double[] a = new double[n];
        for (int t = 0; t < 70; t++) {
            for (int i = 0; i < n; i++) {
                a[i] = rng.nextDouble(-2, 2);
            }
            raw.step(a);
            norm.step(a);
            addRows(seen, raw.observations(), n, 3);
            for (int i = 0; i < n; i++) {
                g[i] = gamma * g[i] + raw.rewards()[i];
                returns.add(g[i]);
            }
            // The statistics after this step are those of everything seen, with SB3's prior (mean 0, var 1, 1e-4).
            RunningMeanStd.Snapshot s = norm.observationStatistics();
            for (int j = 0; j < 3; j++) {
                int col = j;
                double[] expected = withPrior(seen.stream().mapToDouble(r -> r[col]).toArray());
                assertEquals(expected[0], s.mean()[j], 1e-9 * (1 + Math.abs(expected[0])), "mean " + j + " at " + t);
                assertEquals(expected[1], s.var()[j], 1e-9 * (1 + expected[1]), "var " + j + " at " + t);
                for (int i = 0; i < n; i++) {
                    double z = (raw.observations()[i * 3 + j] - s.mean()[j]) / Math.sqrt(s.var()[j] + 1e-8);
                    assertEquals(z, norm.observations()[i * 3 + j], 1e-12);
                }
            }
            double[] r = withPrior(returns.stream().mapToDouble(Double::doubleValue).toArray());
            assertEquals(r[1], norm.returnStatistics().var()[0], 1e-9 * r[1]);
            for (int i = 0; i < n; i++) {
                assertEquals(raw.rewards()[i] / Math.sqrt(norm.returnStatistics().var()[0] + 1e-8), norm.rewards()[i],
                        1e-12);
                if (raw.truncated()[i]) {
                    g[i] = 0; // the return restarts with the episode
                    for (int j = 0; j < 3; j++) {
                        double z = (raw.finalObservation(i)[j] - s.mean()[j]) / Math.sqrt(s.var()[j] + 1e-8);
                        assertEquals(z, norm.finalObservation(i)[j], 1e-12, "final observation of env " + i);
                    }
                }
            }
        }
        raw.close();
        norm.close();
    }

    @Test
    void threadedAndSynchronousVectorEnvsNormalizeIdentically() {
        VecNormalize a = new VecNormalize(pendulums(4, false), 0.99);
        VecNormalize b = new VecNormalize(pendulums(4, true), 0.99);
        a.reset(2);
        b.reset(2);
        double[] act = new double[4];
        for (int t = 0; t < 50; t++) {
            for (int i = 0; i < 4; i++) {
                act[i] = Math.sin(t + i);
            }
            a.step(act);
            b.step(act);
            assertArrayEquals(a.observations(), b.observations(), 0.0);
            assertArrayEquals(a.rewards(), b.rewards(), 0.0);
        }
        a.close();
        b.close();
    }

    @Test
    void aCheckpointRestoresStatisticsReturnsAndObservations() {
        VecNormalize a = new VecNormalize(pendulums(2, false), 0.99);
        a.reset(4);
        double[] act = {0.5, -1};
        for (int t = 0; t < 17; t++) {
            a.step(act);
        }
        StateMap state = new StateMap();
        a.writeCheckpoint(state);
        VecNormalize b = new VecNormalize(pendulums(2, false), 0.99);
        b.reset(99);
        b.readCheckpoint(state);
        assertArrayEquals(a.observations(), b.observations(), 0.0);
        for (int t = 0; t < 20; t++) {
            a.step(act);
            b.step(act);
            assertArrayEquals(a.observations(), b.observations(), 0.0);
            assertArrayEquals(a.rewards(), b.rewards(), 0.0);
        }
        a.close();
        b.close();
    }

    @Test
    void eachPartCanBeSwitchedOffAndTheOtherIsUnchanged() {
        VectorEnv raw = pendulums(2, false);
        VecNormalize both = new VecNormalize(pendulums(2, false), 0.99);
        VecNormalize obsOnly = new VecNormalize(pendulums(2, false), true, false, 0.99);
        VecNormalize rewardOnly = new VecNormalize(pendulums(2, false), false, true, 0.99);
        for (VectorEnv e : List.of(raw, both, obsOnly, rewardOnly)) {
            e.reset(7);
        }
        assertEquals(raw.singleObservationSpace(), rewardOnly.singleObservationSpace());
        assertEquals(both.singleObservationSpace(), obsOnly.singleObservationSpace());
        double[] act = {0.3, -0.8};
        for (int t = 0; t < 45; t++) {
            for (VectorEnv e : List.of(raw, both, obsOnly, rewardOnly)) {
                e.step(act);
            }
            assertArrayEquals(both.observations(), obsOnly.observations(), 0.0);
            assertArrayEquals(raw.rewards(), obsOnly.rewards(), 0.0);
            assertArrayEquals(raw.observations(), rewardOnly.observations(), 0.0);
            assertArrayEquals(both.rewards(), rewardOnly.rewards(), 0.0);
            for (int i = 0; i < 2; i++) {
                if (raw.truncated()[i]) {
                    assertArrayEquals(raw.finalObservation(i), rewardOnly.finalObservation(i), 0.0);
                    assertArrayEquals(both.finalObservation(i), obsOnly.finalObservation(i), 0.0);
                }
            }
        }
        assertEquals(RunningMeanStd.INITIAL_COUNT, rewardOnly.observationStatistics().count(), 0.0,
                "statistics of a part that is off are not updated");
        for (VectorEnv e : List.of(raw, both, obsOnly, rewardOnly)) {
            e.close();
        }
    }

    @Test
    void frozenStatisticsDoNotMove() {
        VecNormalize a = new VecNormalize(pendulums(2, false), 0.99);
        a.reset(1);
        a.step(new double[] {1, 1});
        a.setFrozen(true);
        RunningMeanStd.Snapshot before = a.observationStatistics();
        a.step(new double[] {1, 1});
        assertArrayEquals(before.mean(), a.observationStatistics().mean(), 0.0);
        assertEquals(before.count(), a.observationStatistics().count(), 0.0);
        a.close();
    }

    private static void addRows(List<double[]> rows, double[] flat, int n, int d) {
        for (int i = 0; i < n; i++) {
            double[] r = new double[d];
            System.arraycopy(flat, i * d, r, 0, d);
            rows.add(r);
        }
    }

    /** Mean and population variance of the data combined with the prior: count 1e-4 at mean 0, variance 1. */
    private static double[] withPrior(double[] x) {
        double c = RunningMeanStd.INITIAL_COUNT;
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double total = c + x.length;
        double mean = sum / total;
        double m2 = c * (1 + mean * mean);
        for (double v : x) {
            m2 += (v - mean) * (v - mean);
        }
        return new double[] {mean, m2 / total};
    }
}
