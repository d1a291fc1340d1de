package org.npg4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchSuiteTest {
    private static final BenchZooFigures ZOO = BenchZooFigures.shipped();

    /** The zoo column of the algorithms issue's sample-efficiency table, as printed there (rounded). */
    private static final Map<String, double[]> ISSUE_TABLE_ZOO = Map.of(
            "ppo-CartPole-v1", new double[] {500, 0},
            "trpo-CartPole-v1", new double[] {500, 0},
            "a2c-CartPole-v1", new double[] {500, 0},
            "ppo-Acrobot-v1", new double[] {-73.5, 18.2},
            "trpo-Acrobot-v1", new double[] {-83.1, 18.6},
            "ppo-Pendulum-v1", new double[] {-172, 104},
            "ppo-LunarLander-v3", new double[] {242, 32},
            "trpo-LunarLander-v3", new double[] {133, 112});

    @Test
    void shippedZooFiguresParseFromTheAnchorTable() {
        assertEquals(36, ZOO.all().size());
        BenchZooFigures.Figure f = ZOO.find("trpo/Acrobot-v1").orElseThrow();
        assertEquals(-83.114, f.mean());
        assertEquals(18.648, f.std());
        assertEquals(100_000, f.trainingTimesteps());
        assertEquals(5_000_000, ZOO.find("a2c/LunarLanderContinuous-v2").orElseThrow().trainingTimesteps());
        assertEquals(20_000, ZOO.find("ppo/MountainCarContinuous-v0").orElseThrow().trainingTimesteps());
    }

    @Test
    void fullSuiteIsTheSampleEfficiencyTableAndAgreesWithTheZooFigures() {
        BenchSuite full = BenchSuite.load("full", ZOO);
        assertEquals(List.of("ppo-CartPole-v1", "trpo-CartPole-v1", "a2c-CartPole-v1", "npg-CartPole-v1",
                "vpg-CartPole-v1", "ppo-Acrobot-v1", "trpo-Acrobot-v1", "ppo-Pendulum-v1", "ppo-LunarLander-v3",
                "trpo-LunarLander-v3"), full.rows().stream().map(BenchSuite.Row::key).toList());
        assertEquals(List.of(100_000L, 100_000L, 500_000L, 200_000L, 500_000L, 1_000_000L, 100_000L, 200_000L,
                1_000_000L, 200_000L), full.rows().stream().map(BenchSuite.Row::budget).toList());
        // TRPO LunarLander: the lower end of the 95% CI of sb3-contrib's 20 seeds, [-59.0, 41.9] (mean -8.6).
        assertEquals(List.of(475.0, 475.0, 475.0, 475.0, 400.0, -100.0, -100.0, -250.0, 200.0, -59.0),
                full.rows().stream().map(r -> Math.round(r.target() * 10) / 10.0).toList());
        assertEquals(55, full.runCount());
        for (BenchSuite.Row r : full.rows()) {
            BenchSuite.TargetKind kind = r.env().equals("CartPole-v1") ? BenchSuite.TargetKind.SEEDS
                    : r.key().equals("trpo-LunarLander-v3") ? BenchSuite.TargetKind.REFERENCE
                    : BenchSuite.TargetKind.MEAN;
            assertEquals(kind, r.targetKind(), r.key());
            assertEquals(kind == BenchSuite.TargetKind.REFERENCE, r.reference().isPresent(), r.key());
            double[] z = ISSUE_TABLE_ZOO.get(r.key());
            assertEquals(z != null, r.zoo().isPresent(), r.key());
            if (z != null) {
                assertEquals(z[0], r.zoo().get().mean(), 0.51, r.key());
                assertEquals(z[1], r.zoo().get().std(), 0.51, r.key());
            }
        }
        assertEquals("≥ 475 in ≥ 4/5", full.rows().get(0).targetText());
        assertEquals("mean ≥ -100", full.rows().get(5).targetText());
        assertEquals("mean of ≥ 10 seeds ≥ -59.0 (reference CI)", full.rows().get(9).targetText());
        assertEquals(10, full.rows().get(9).seeds());
    }

    @Test
    void referenceRunsGiveTheSpreadOverSeedsOfTheReferenceImplementation() {
        BenchReferenceRuns.Reference trpo = BenchReferenceRuns.shipped().find("trpo/LunarLander-v3").orElseThrow();
        assertEquals(20, trpo.seeds().length);
        assertEquals(200_000, trpo.budget());
        assertEquals(-123.6, trpo.finals()[0], 0.05);
        assertEquals(146.0, trpo.finals()[9], 0.05);
        assertEquals(-111.0, trpo.finals()[19], 0.05);
        assertEquals(-8.6, trpo.mean(), 0.05);
        assertEquals(107.8, trpo.std(), 0.05);
        // t_{0.975, 19} = 2.093024: half-width 2.093024 · 107.757 / √20
        assertEquals(2.093024054 * trpo.std() / Math.sqrt(20), trpo.ciHalfWidth(), 1e-7);
        assertEquals(-59.0, trpo.lowerBound(), 0.05);
        assertEquals(List.of("ppo/CartPole-v1", "trpo/CartPole-v1", "trpo/LunarLander-v3"),
                BenchReferenceRuns.shipped().keys());
        assertEquals("reference runs: line 3: trpo/X seed 0 twice", assertThrows(IllegalArgumentException.class,
                () -> BenchReferenceRuns.parse("algo,env,budget,seed,final_mean\ntrpo,X,5,0,1\ntrpo,X,5,0,2\n"))
                .getMessage());
        assertEquals("reference runs: trpo/X has 1 run, need at least 2", assertThrows(
                IllegalArgumentException.class, () -> BenchReferenceRuns.parse(
                        "algo,env,budget,seed,final_mean\ntrpo,X,5,0,1\n")).getMessage());
    }

    @Test
    void quickSuiteRowsAreFullSuiteRowsWithFewerSeeds() {
        BenchSuite full = BenchSuite.load("full", ZOO);
        BenchSuite quick = BenchSuite.load("quick", ZOO);
        assertEquals(List.of(3, 3, 2, 1), quick.rows().stream().map(BenchSuite.Row::seeds).toList());
        for (BenchSuite.Row q : quick.rows()) {
            BenchSuite.Row f = full.rows().stream().filter(r -> r.key().equals(q.key())).findFirst().orElseThrow();
            assertEquals(f.withSeeds(q.seeds()), q);
        }
        assertEquals(List.of("ppo-CartPole-v1", "trpo-CartPole-v1"),
                quick.only(Pattern.compile("CartPole")).rows().stream().map(BenchSuite.Row::key).toList());
        assertEquals(12, quick.withSeeds(3).runCount());
    }

    @Test
    void seedsNeededIsTheCeilingOfTheFraction() {
        BenchSuite.Row r = BenchSuite.load("full", ZOO).rows().get(0);
        assertEquals(4, r.seedsNeeded(5));
        assertEquals(3, r.seedsNeeded(3));
        assertEquals(2, r.seedsNeeded(2));
        assertEquals(1, r.seedsNeeded(1));
        assertEquals(8, r.seedsNeeded(10));
    }

    private static String parseError(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> BenchSuite.parse("s.yaml", yaml, ZOO)).getMessage();
    }

    @Test
    void malformedSuitesFailNamingTheRowAndKey() {
        String row = "{algo: ppo, env: CartPole-v1, budget: 1e5, target: 475, target_kind: seeds";
        assertEquals("s.yaml: row 1: unknown key 'budgt'", parseError("seeds: 1\nrows:\n  - {algo: ppo, budgt: 3}\n"));
        assertEquals("s.yaml: row 1: target_kind must be seeds, mean, reference or zoo, got 'most'",
                parseError("seeds: 1\nrows:\n  - " + row.replace("seeds", "most") + "}\n"));
        assertEquals("s.yaml: row 1: zoo figure 'ppo/CartPole-v0' not in bench/zoo_benchmark.md",
                parseError("seeds: 1\nrows:\n  - " + row + ", zoo: ppo/CartPole-v0}\n"));
        assertEquals("s.yaml: row 2 repeats ppo on CartPole-v1",
                parseError("seeds: 1\nrows:\n  - " + row + "}\n  - " + row + "}\n"));
        assertEquals("s.yaml: row 1: budget must be a positive integer, got 0.5",
                parseError("seeds: 1\nrows:\n  - " + row.replace("1e5", "0.5") + "}\n"));
        assertEquals("s.yaml: 'seeds' must be an integer from 1 to 1000, got 0", parseError("seeds: 0\nrows: []\n"));
        assertEquals("s.yaml: 'rows' must be a non-empty list, got []", parseError("seeds: 2\nrows: []\n"));
        assertTrue(parseError("seeds: 1\nrows:\n  - " + row.replace("CartPole-v1", "CartPole-v9") + "}\n")
                .startsWith("s.yaml: row 1: unknown env id 'CartPole-v9'"));
        String ref = "{algo: trpo, env: LunarLander-v3, budget: 2e5, target_kind: reference";
        assertEquals("s.yaml: row 1: target_kind reference takes its target from the reference runs; remove 'target'",
                parseError("seeds: 1\nrows:\n  - " + ref + ", reference: trpo/LunarLander-v3, target: 5}\n"));
        assertEquals("s.yaml: row 1: reference 'trpo/Hopper-v4' not in bench/reference_runs.csv (have: "
                + "ppo/CartPole-v1, trpo/CartPole-v1, trpo/LunarLander-v3)",
                parseError("seeds: 1\nrows:\n  - " + ref + ", reference: trpo/Hopper-v4}\n"));
        assertEquals("s.yaml: row 1: reference 'trpo/LunarLander-v3' trained 200000 steps, the row's budget is 100000",
                parseError("seeds: 1\nrows:\n  - " + ref.replace("2e5", "1e5") + ", reference: trpo/LunarLander-v3}\n"));
        assertEquals("s.yaml: row 1: 'reference' needs target_kind reference",
                parseError("seeds: 1\nrows:\n  - " + row + ", reference: trpo/CartPole-v1}\n"));
        assertEquals("unknown suite 'medium' (expected quick, full, mujoco, safe or a suite YAML file)",
                assertThrows(IllegalArgumentException.class, () -> BenchSuite.load("medium", ZOO)).getMessage());
        assertEquals("--only 'LunarLander' matches no row of suite quick (rows: ppo-CartPole-v1, trpo-CartPole-v1, "
                + "trpo-Acrobot-v1, ppo-Pendulum-v1)", assertThrows(IllegalArgumentException.class,
                () -> BenchSuite.load("quick", ZOO).only(Pattern.compile("LunarLander"))).getMessage());
    }

    @Test
    void aSuiteFileHasTheShippedFormat(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("mine.yaml");
        Files.writeString(f, "seeds: 2\nrows:\n  - {algo: trpo, env: Pendulum-v1, budget: 5000, target: -900, "
                + "target_kind: mean, zoo: trpo/Pendulum-v1, note: short}\n");
        BenchSuite s = BenchSuite.load(f.toString(), ZOO);
        BenchSuite.Row r = s.rows().get(0);
        assertEquals(5000, r.budget());
        assertEquals(2, r.seeds());
        assertEquals(-174.631, r.zoo().orElseThrow().mean());
        assertEquals("short", r.note());
    }
}
