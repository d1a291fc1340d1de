package org.npg4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.cli.RunDirectory;
import org.npg4j.util.JsonInput;

class BenchTableTest {
    private static final BenchZooFigures ZOO = BenchZooFigures.shipped();

    private static BenchSuite.Row row(String key) {
        return BenchSuite.load("full", ZOO).rows().stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow();
    }

    private static BenchRun run(BenchSuite.Row r, long seed, double eval, long ttt, double wall, double fps,
                                long rss) {
        return new BenchRun(r.algo(), r.env(), r.budget(), seed, 0, "", eval, 1.0, ttt, wall, fps, rss,
                eval >= r.target(), "runs/" + seed, new double[0], new double[0], false);
    }

    @Test
    void timeToTargetIsTheFirstLoggedTimestepWhereEpRewMeanReachesIt(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("metrics.csv");
        Files.writeString(csv, """
                time/total_timesteps,rollout/ep_rew_mean,time/fps
                256,,900
                512,21.5,950
                768,480.0,1000
                1024,470.0,1010
                1280,499.0,1020
                """);
        var m = RunDirectory.readCsv(csv);
        assertEquals(768, BenchRun.timeToTarget(m, 475));
        assertEquals(512, BenchRun.timeToTarget(m, 21.5));
        assertEquals(-1, BenchRun.timeToTarget(m, 500));
        assertEquals(-1, BenchRun.timeToTarget(java.util.Map.of(), 0));
    }

    @Test
    void summaryOfASeedsTargetRow() {
        BenchSuite.Row r = row("ppo-CartPole-v1");
        List<BenchRun> runs = List.of(run(r, 0, 500, 30_000, 10, 12_000, 200_000),
                run(r, 1, 480, 50_000, 12, 11_000, 250_000), run(r, 2, 500, 40_000, 11, 13_000, 220_000),
                run(r, 3, 300, -1, 13, 12_000, 210_000),
                BenchRun.failed(r, 4, 1, "exit 1: npg4j: internal error: boom", 4, 90_000, ""));
        BenchTable.Summary s = BenchTable.summarize(r, runs);
        assertEquals(4, s.finished());
        assertEquals(445.0, s.mean(), 1e-12);
        // sample std of 500, 480, 500, 300: deviations 55, 35, 55, -145 → (3025+1225+3025+21025)/3
        assertEquals(Math.sqrt(28300.0 / 3), s.std(), 1e-12);
        // t_{0.975, 3} = 3.182446305: 445 ± 3.182446305 · 97.125 / 2 = [290.5, 599.5]
        assertEquals(3.182446305 * Math.sqrt(28300.0 / 3) / 2, s.ciHalfWidth(), 1e-6);
        assertEquals(3, s.seedsMet());
        assertFalse(s.met());             // 3 of 5 < 4
        assertEquals(445.0 / 500, s.ratio(), 1e-12);
        assertEquals(-55.0, s.difference(), 1e-12);
        assertEquals(40_000, s.medianTimeToTarget());
        assertEquals(3, s.reachedTarget());
        assertEquals(10.0, s.meanWallSeconds(), 1e-12);
        assertEquals(12_000, s.meanFps(), 1e-9);
        assertEquals(250_000, s.maxPeakRssKb());

        String md = BenchTable.markdown("test", List.of(s), "header");
        assertTrue(md.contains("| ppo | CartPole-v1 | 1e5 | 445.0 ± 97.1 (4 finished) | [290.5, 599.5] | ≥ 475 in ≥ 4/5 | 3/5 ✗ "
                + "| 500.0 ± 0.0 | 0.89 | -55.0 | 40,000 (3/5) | 10.0 | 12,000 | 244 |\n"), md);
        assertTrue(md.contains("Failed runs:\n- ppo CartPole-v1 seed 4: exit 1: npg4j: internal error: boom\n"), md);
        assertFalse(md.contains("Notes:"), md);  // same budget as the zoo, no note
    }

    @Test
    void summaryOfAMeanTargetRowWithNegativeReturns() {
        BenchSuite.Row r = row("trpo-Acrobot-v1");
        List<BenchRun> runs = List.of(run(r, 0, -80, 20_000, 15, 8_000, -1), run(r, 1, -110, 60_000, 17, 7_000, -1));
        BenchTable.Summary s = BenchTable.summarize(r, runs);
        assertEquals(-95.0, s.mean(), 1e-12);
        assertEquals(1, s.seedsMet());
        assertTrue(s.met());              // mean -95 ≥ -100
        assertEquals(-83.114 / -95.0, s.ratio(), 1e-12);   // zoo/ours: < 1, worse than the zoo
        assertEquals(-95.0 + 83.114, s.difference(), 1e-12);
        assertEquals(40_000, s.medianTimeToTarget());      // even count: midpoint
        String md = BenchTable.markdown("test", List.of(s), "header");
        assertTrue(md.contains("| trpo | Acrobot-v1 | 1e5 | -95.0 ± 21.2 | [-285.6, 95.6] | mean ≥ -100 | 1/2 ✓ | -83.1 ± 18.6 | 0.87 "
                + "| -11.9 | 40,000 (2/2) | 16.0 | 7,500 | n/a |\n"), md);
        // A failed seed fails a mean target even if the others pass.
        BenchTable.Summary f = BenchTable.summarize(r, List.of(runs.get(0),
                BenchRun.failed(r, 1, 137, "exit 137: killed", 3, -1, "")));
        assertFalse(f.met());
    }

    @Test
    void referenceRowNeedsTenSeedsWhoseMeanIsWithinTheReferenceInterval() throws Exception {
        BenchSuite.Row r = row("trpo-LunarLander-v3");
        double[] evals = {39.5, -74.0, -26.8, 40.3, -124.0, 60.9, -41.3, -15.5, 136.4, 114.3};
        List<BenchRun> runs = new java.util.ArrayList<>();
        for (int i = 0; i < evals.length; i++) {
            runs.add(run(r, i, evals[i], -1, 20, 10_000, -1));
        }
        BenchTable.Summary s = BenchTable.summarize(r, runs);
        assertEquals(10.98, s.mean(), 1e-9);
        assertTrue(s.met());              // 10.98 ≥ -59.0, the lower end of sb3-contrib's interval
        // Nine seeds are too few, whatever their mean.
        assertFalse(BenchTable.summarize(r, runs.subList(0, 9)).met());
        // A mean below the interval fails.
        List<BenchRun> low = runs.stream().map(x -> run(r, x.seed(), x.finalMean() - 80, -1, 20, 10_000, -1))
                .toList();
        assertFalse(BenchTable.summarize(r, low).met());  // -69.0 < -59.0
        String md = BenchTable.markdown("full", List.of(s), "header");
        assertTrue(md.contains("| mean of ≥ 10 seeds ≥ -59.0 (reference CI) | 8/10 ✓ | 133.2 ± 112.2 |"), md);
        assertTrue(md.contains("- trpo LunarLander-v3: target = lower end of the 95% CI of 20 reference runs "
                + "(bench/reference_runs.csv, trpo/LunarLander-v3): mean -8.6 ± 107.8, CI [-59.0, 41.9]; per seed "
                + "0: -123.6, 1: 107.2, 2: -35.8, "), md);
        JsonNode j = JsonInput.mapper().readTree(BenchTable.json("full", List.of(s),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        assertEquals("reference", j.get("rows").get(0).get("target_kind").asText());
        assertEquals(20, j.get("rows").get(0).get("reference_seeds").asInt());
        assertEquals(-8.58, j.get("rows").get(0).get("reference_mean").asDouble(), 0.005);
    }

    @Test
    void scoreRatioIsAboveOneWhenBetterThanTheZoo() {
        assertEquals(1.2, BenchTable.scoreRatio(240, 200), 1e-12);
        assertEquals(2.0, BenchTable.scoreRatio(-50, -100), 1e-12);
        assertEquals(0.5, BenchTable.scoreRatio(-200, -100), 1e-12);
        assertTrue(Double.isNaN(BenchTable.scoreRatio(10, -100)));
        assertTrue(Double.isNaN(BenchTable.scoreRatio(10, 0)));
    }

    @Test
    void budgetsDifferentFromTheZoosAreNotedAndJsonHasEveryRun() throws Exception {
        BenchSuite.Row r = row("ppo-Pendulum-v1");
        BenchTable.Summary s = BenchTable.summarize(r, List.of(run(r, 0, -150, 120_000, 30, 5_000, 120_000)));
        assertEquals(0.0, s.std());
        assertTrue(Double.isNaN(s.ciHalfWidth()));  // one seed: no interval
        String md = BenchTable.markdown("quick", List.of(s), "header");
        assertTrue(md.contains("- ppo Pendulum-v1: the zoo figure (ppo/Pendulum-v1) is after 1e5 training steps, "
                + "this row after 2e5.\n"), md);
        assertTrue(md.contains("- ppo Pendulum-v1: the zoo trained with gSDE exploration"), md);
        JsonNode j = JsonInput.mapper().readTree(BenchTable.json("quick", List.of(s),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        assertEquals("ppo", j.get("rows").get(0).get("algo").asText());
        assertEquals(172.225 / 150, j.get("rows").get(0).get("ratio").asDouble(), 1e-12);
        assertEquals(1, j.get("runs").size());
        assertEquals(120_000, j.get("runs").get(0).get("time_to_target").asLong());
        assertTrue(j.get("runs").get(0).get("met_target").asBoolean());
    }

    @Test
    void stepsAreWrittenAsTheTableWritesThem() {
        assertEquals("1e5", BenchTable.steps(100_000));
        assertEquals("2.5e5", BenchTable.steps(250_000));
        assertEquals("1e6", BenchTable.steps(1_000_000));
        assertEquals("2,048", BenchTable.steps(2048));
        assertEquals("12,345", BenchTable.steps(12_345));
    }
}
