package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.FiniteMdp;

class WrappersTest {
    @Test
    void timeLimitTruncatesAndRefusesFurtherSteps() {
        Env env = new TimeLimit(Envs.make("Pendulum-v1"), 5);
        assertEquals(5, env.maxEpisodeSteps());
        env.reset(0);
        double[] a = {0.0};
        for (int i = 1; i < 5; i++) {
            assertFalse(env.step(a).truncated());
            assertEquals(i, env.elapsedSteps());
        }
        StepResult r = env.step(a);
        assertTrue(r.truncated());
        assertFalse(r.terminated());
        var e = assertThrows(IllegalStateException.class, () -> env.step(a));
        assertEquals("Pendulum-v1: step() called after the episode ended (truncated); call reset() first",
                e.getMessage());
        env.reset();
        assertFalse(env.step(a).truncated());
    }

    @Test
    void timeLimitKeepsTerminationAndBothFlagsCanHold() {
        // CartPole pushed right always terminates in about 10 steps: with a limit at that very step both flags hold.
        Env probe = Envs.make("CartPole-v1");
        probe.reset(0);
        int n = 0;
        while (!probe.step(1).done()) {
            n++;
        }
        Env env = new TimeLimit(Envs.make("CartPole-v1"), n + 1);
        env.reset(0);
        StepResult r = null;
        for (int i = 0; i <= n; i++) {
            r = env.step(1);
        }
        assertTrue(r.terminated() && r.truncated());
    }

    @Test
    void recordEpisodeStatisticsReportsReturnLengthAndCosts() {
        RecordEpisodeStatistics env = new RecordEpisodeStatistics(Envs.make("CartPole-v1"), 2);
        for (int ep = 0; ep < 3; ep++) {
            env.reset(ep);
            StepResult r;
            int steps = 0;
            do {
                r = env.step(steps % 3 == 0 ? 0 : 1);
                steps++;
                assertEquals(r.done(), r.info().containsKey(RecordEpisodeStatistics.EPISODE));
            } while (!r.done());
            EpisodeStatistics s = (EpisodeStatistics) r.info().get(RecordEpisodeStatistics.EPISODE);
            assertEquals(steps, s.length());
            assertEquals(steps, s.episodeReturn(), "CartPole pays 1 per step");
        }
        assertEquals(3, env.episodes());
        assertEquals(2, env.recentEpisodes().size());

        FiniteMdp mdp = FiniteMdp.builder(2, 1).gamma(0.5).initialState(0).transition(0, 0, 1, 1.0)
                .transition(1, 0, 0, 1.0).reward(0, 0, 1.0).cost("c", new double[] {0.25, 1.0}, 1.0).build();
        RecordEpisodeStatistics costly = new RecordEpisodeStatistics(new FiniteMdpEnv(mdp, 5));
        costly.reset(0);
        StepResult r = null;
        for (int i = 0; i < 5; i++) {
            r = costly.step(0);
        }
        EpisodeStatistics s = (EpisodeStatistics) r.info().get(RecordEpisodeStatistics.EPISODE);
        assertEquals(new EpisodeStatistics(3.0, 5, new double[] {3 * 0.25 + 2 * 1.0}), s);
        assertEquals(3.0, costly.meanReturn());
    }

    @Test
    void clipActionClipsBeforeTheEnvSeesTheAction() {
        Env raw = Envs.make("MountainCarContinuous-v0");
        Env clipped = new ClipAction(Envs.make("MountainCarContinuous-v0"));
        raw.reset(1);
        clipped.reset(1);
        StepResult r = raw.step(new double[] {5.0});
        assertEquals(-2.5, r.reward(), 1e-12, "MCC's reward uses the unclipped action");
        StepResult c = clipped.step(new double[] {5.0});
        assertEquals(-0.1, c.reward(), 1e-12);
        assertArrayEquals(r.observation(), c.observation());
        assertFalse(((Box) clipped.actionSpace()).isBounded());
    }

    @Test
    void rescaleActionMapsOntoTheEnvBox() {
        Env raw = Envs.make("Pendulum-v1");
        Env scaled = new RescaleAction(Envs.make("Pendulum-v1"), -1.0, 1.0);
        assertEquals(Box.uniform(-1, 1, 1), scaled.actionSpace());
        for (double[] pair : new double[][] {{0.5, 1.0}, {-1.0, -2.0}, {0.0, 0.0}, {0.25, 0.5}}) {
            raw.reset(4);
            scaled.reset(4);
            assertEquals(raw.step(new double[] {pair[1]}).reward(), scaled.step(new double[] {pair[0]}).reward());
            assertArrayEquals(raw.state(), scaled.state());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new RescaleAction(Envs.make("CartPole-v1"), 0, 1));
        assertEquals("CartPole-v1: RescaleAction needs a bounded Box action space, got Discrete(2)", e.getMessage());
    }

    @Test
    void normalizeObservationUsesRunningStatisticsFreezesAndExports() {
        NormalizeObservation env = new NormalizeObservation(Envs.make("Pendulum-v1"), 1e-8, Double.POSITIVE_INFINITY);
        Env raw = Envs.make("Pendulum-v1");
        List<double[]> seen = new ArrayList<>();
        seen.add(raw.reset(2).observation().clone());
        env.reset(2);
        SplittableRandom rng = new SplittableRandom(0);
        double[] a = new double[1];
        StepResult r = null;
        for (int t = 0; t < 150; t++) {
            a[0] = -2 + 4 * rng.nextDouble();
            seen.add(raw.step(a).observation().clone());
            r = env.step(a);
        }
        // Exact pooled statistics of the prior (mean 0, var 1, weight 1e-4) and the samples.
        double eps = RunningMeanStd.INITIAL_COUNT;
        int n = seen.size();
        RunningMeanStd.Snapshot stats = env.statistics();
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (double[] o : seen) {
                sum += o[i];
            }
            double sampleMean = sum / n;
            double m2 = 0;
            for (double[] o : seen) {
                m2 += (o[i] - sampleMean) * (o[i] - sampleMean);
            }
            double mean = sum / (n + eps);
            double var = (eps + m2 + eps * n / (n + eps) * sampleMean * sampleMean) / (n + eps);
            assertEquals(mean, stats.mean()[i], 1e-12);
            assertEquals(var, stats.var()[i], 1e-12);
            double last = seen.get(n - 1)[i];
            assertEquals((last - mean) / Math.sqrt(var + 1e-8), r.observation()[i], 1e-9);
        }
        assertEquals(n + eps, stats.count(), 1e-9);

        env.setFrozen(true);
        env.step(a);
        assertEquals(stats.count(), env.statistics().count());

        NormalizeObservation copy = new NormalizeObservation(Envs.make("Pendulum-v1"), 1e-8, Double.POSITIVE_INFINITY);
        copy.setStatistics(env.statistics());
        copy.setFrozen(true);
        env.reset(9);
        assertArrayEquals(env.reset(9).observation(), copy.reset(9).observation());
    }

    @Test
    void normalizeObservationClips() {
        NormalizeObservation env = new NormalizeObservation(Envs.make("MountainCar-v0"), 1e-8, 0.5);
        env.setStatistics(new RunningMeanStd.Snapshot(new double[] {0, 0}, new double[] {1e-6, 1e-6}, 1.0));
        env.setFrozen(true);
        double[] o = env.reset(0).observation();
        assertEquals(-0.5, o[0]);
        assertEquals(0.0, o[1]);
        assertEquals(Box.uniform(-0.5, 0.5, 2), env.observationSpace());
    }

    @Test
    void normalizeRewardScalesByTheStdOfTheDiscountedReturn() {
        double gamma = 0.9;
        NormalizeReward env = new NormalizeReward(Envs.make("CartPole-v1"), gamma, 1e-8, 100.0);
        env.reset(0);
        // Welford over the returns G_k = Σ_{j<k} γ^j with the prior (0, 1, 1e-4) folded in as one weighted sample.
        double g = 0;
        double count = RunningMeanStd.INITIAL_COUNT;
        double mean = 0;
        double m2 = RunningMeanStd.INITIAL_COUNT;
        StepResult r;
        int steps = 0;
        do {
            r = env.step(steps % 2);
            steps++;
            g = g * gamma + 1.0;
            count += 1;
            double delta = g - mean;
            mean += delta / count;
            m2 += delta * (g - mean);
            assertEquals(1.0 / Math.sqrt(m2 / count + 1e-8), r.reward(), 1e-9, "step " + steps);
        } while (!r.done());
        assertNotEquals(1.0, r.reward());
    }

    @Test
    void transformRewardAppliesTheFunction() {
        Env env = new TransformReward(Envs.make("MountainCar-v0"), x -> 0.5 * x + 1);
        env.reset(0);
        assertEquals(0.5, env.step(1).reward());
    }
}
