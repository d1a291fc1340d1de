package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.bench.LunarLanderHeuristicStatistics.Statistics;

class LunarLanderHeuristicStatisticsTest {
    /** 150 seeds (a reduced run of the 500 of the reference) keep the test under a few seconds. */
    private static final long SEEDS = 150;

    @Test
    void statisticsOfAKnownSampleAreClosedForm() {
        Statistics s = Statistics.of(new double[] {100, 200, 300, 400}, new int[] {10, 20, 30, 40});
        assertEquals(250, s.mean(), 1e-12);
        // sample variance: (150² + 50² + 50² + 150²) / 3 = 50000 / 3
        assertEquals(Math.sqrt(50000.0 / 3), s.std(), 1e-12);
        // t_{0.975, 3} = 3.182446305 to the 10 digits of a table; the quantile is computed to more.
        assertEquals(3.182446305 * Math.sqrt(50000.0 / 3) / 2, s.ciHalfWidth(), 1e-7);
        assertEquals(0.75, s.shareSolved(), 0.0);
        assertEquals(25, s.meanLength(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Statistics.of(new double[] {1}, new int[] {1}));
    }

    @Test
    void intervalsAgreeOnlyWhenTheyOverlap() {
        Statistics a = new Statistics(100, 200, 50, 10, 0.5, 200);
        assertTrue(a.agreesWith(new Statistics(100, 219, 50, 10, 0.5, 200)));
        assertFalse(a.agreesWith(new Statistics(100, 221, 50, 10, 0.5, 200)));
        assertTrue(a.agreesWith(new Statistics(100, 181, 50, 10, 0.5, 200)));
    }

    @Test
    void discreteHeuristicReturnsMatchGymnasiumsDistribution() {
        Statistics ours = LunarLanderHeuristicStatistics.measure(false, 0, SEEDS - 1);
        Statistics gym = LunarLanderHeuristicStatistics.GYMNASIUM_DISCRETE;
        assertTrue(ours.agreesWith(gym), "npg4j " + ours + " against Gymnasium " + gym);
        // Crashes are the heavy tail; the share of solved landings and the episode length must agree too.
        assertEquals(gym.shareSolved(), ours.shareSolved(), 0.08, "share >= 200: " + ours);
        assertEquals(gym.meanLength(), ours.meanLength(), 25, "mean length: " + ours);
    }

    @Test
    void continuousHeuristicReturnsMatchGymnasiumsDistribution() {
        Statistics ours = LunarLanderHeuristicStatistics.measure(true, 0, SEEDS - 1);
        Statistics gym = LunarLanderHeuristicStatistics.GYMNASIUM_CONTINUOUS;
        assertTrue(ours.agreesWith(gym), "npg4j " + ours + " against Gymnasium " + gym);
        assertEquals(gym.shareSolved(), ours.shareSolved(), 0.03, "share >= 200: " + ours);
        assertEquals(gym.meanLength(), ours.meanLength(), 15, "mean length: " + ours);
    }
}
