package org.npg4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.mujoco.Mujoco;
import org.npg4j.util.JsonInput;

/**
 * {@code npg4j bench --suite mujoco}: its rows and their targets (80% of the zoo's published figures), and a smoke
 * run of the suite end to end (skipped, with the reason, where MuJoCo is not available). Runs in the surefire
 * execution that has npg4j-mujoco on the class path.
 */
class MujocoSuiteTest {
    private static final BenchZooFigures ZOO = BenchZooFigures.shipped();

    /** The zoo's PPO, TRPO and A2C means per task, as the suite compares with them (rounded). */
    private static final Map<String, int[]> ZOO_MEANS = Map.of(
            "Hopper", new int[] {2410, 3618, 733},
            "HalfCheetah", new int[] {5819, 1785, 3041},
            "Walker2d", new int[] {3479, 4933, 582},
            "Ant", new int[] {1327, 4982, -44},
            "Swimmer", new int[] {282, 366, 201});

    @TempDir
    Path tmp;

    /**
     * Skips where npg4j-mujoco is not on the class path: the default surefire execution leaves it off, and a
     * {@code -Dtest} filter makes that execution run this class too.
     */
    @org.junit.jupiter.api.BeforeEach
    void needsTheMujocoModule() {
        boolean present;
        try {
            Class.forName("org.npg4j.mujoco.Mujoco");
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        assumeTrue(present, "npg4j-mujoco is not on this test execution's class path");
    }

    @Test
    void theSuiteIsThreeAlgorithmsOnFiveTasksAgainst80PercentOfTheZoo() {
        BenchSuite s = BenchSuite.load("mujoco", ZOO);
        List<String> keys = new ArrayList<>();
        for (String task : List.of("Hopper", "HalfCheetah", "Walker2d", "Ant", "Swimmer")) {
            for (String algo : List.of("ppo", "trpo", "a2c")) {
                keys.add(algo + "-" + task + "-v5");
            }
        }
        assertEquals(keys, s.rows().stream().map(BenchSuite.Row::key).toList());
        assertEquals(75, s.runCount());
        for (BenchSuite.Row r : s.rows()) {
            assertEquals(1_000_000, r.budget(), r.key());
            assertEquals(5, r.seeds(), r.key());
            assertEquals(BenchSuite.TargetKind.ZOO, r.targetKind(), r.key());
            String task = r.env().replace("-v5", "");
            int i = List.of("ppo", "trpo", "a2c").indexOf(r.algo());
            double z = r.zoo().orElseThrow().mean();
            assertEquals(ZOO_MEANS.get(task)[i], z, 0.51, r.key());
            assertEquals(r.algo() + "/" + task + "-v3", r.zoo().get().key());
            assertEquals(1_000_000, r.zoo().get().trainingTimesteps());
            assertEquals(z > 0 ? 0.8 * z : 1.2 * z, r.target(), 1e-9, r.key());
        }
        BenchSuite.Row hopper = s.rows().get(0);
        assertEquals("mean ≥ 1928.3 (80% of zoo)", hopper.targetText());
        // A2C Ant: the zoo's -44.0 is negative; the target lies the same 20% of it below: -52.8.
        assertEquals("mean ≥ -52.8 (80% of zoo)", s.rows().get(11).targetText());
    }

    @Test
    void zooTargetsNeedAFigureAndNoTarget() {
        String head = "seeds: 1\nrows:\n  - {algo: ppo, env: Hopper-v5, budget: 1e6, target_kind: zoo";
        assertEquals("s.yaml: row 1: target_kind zoo needs 'zoo', the figure to compare with",
                assertThrows(IllegalArgumentException.class, () -> BenchSuite.parse("s.yaml", head + "}", ZOO))
                        .getMessage());
        assertEquals("s.yaml: row 1: target_kind zoo takes its target from the zoo figure; remove 'target'",
                assertThrows(IllegalArgumentException.class, () -> BenchSuite.parse("s.yaml",
                        head + ", zoo: ppo/Hopper-v3, target: 5}", ZOO)).getMessage());
        assertEquals("s.yaml: row 1: zoo_fraction must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> BenchSuite.parse("s.yaml",
                        head + ", zoo: ppo/Hopper-v3, zoo_fraction: 1.5}", ZOO)).getMessage());
        assertEquals(0.5 * 2410.435, BenchSuite.parse("s.yaml", head + ", zoo: ppo/Hopper-v3, zoo_fraction: 0.5}",
                ZOO).rows().get(0).target(), 1e-9);
    }

    /** A smoke run of two rows of the suite with a tiny budget: child runs, the table and its targets. */
    @Test
    void aSmokeRunOfTheSuiteTrainsAndWritesItsTable() throws Exception {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
        Path out = tmp.resolve("bench");
        Cli c = Cli.run("bench", "--suite", "mujoco", "--only", "^(ppo-Hopper|trpo-Swimmer)", "--seeds", "1",
                "--budget", "2048", "--out", out.toString(), "--xmx", "512m");
        assertEquals(0, c.exitCode(), c.err() + c.out());
        assertTrue(c.out().contains("bench: suite mujoco, 2 rows, 2 runs"), c.out());
        String md = Files.readString(out.resolve("bench.md"));
        assertTrue(md.contains("| ppo | Hopper-v5 | 2,048 | "), md);
        assertTrue(md.contains("| mean ≥ 1928.3 (80% of zoo) | "), md);
        assertTrue(md.contains("| trpo | Swimmer-v5 | 2,048 | "), md);
        assertTrue(md.contains("| mean ≥ 292.5 (80% of zoo) | "), md);
        JsonNode runs = JsonInput.mapper().readTree(Files.readString(out.resolve("bench.json"))).get("runs");
        assertEquals(2, runs.size());
        for (JsonNode run : runs) {
            assertEquals(0, run.get("exit_code").asInt(), run.toString());
            Path dir = Path.of(run.get("run_dir").asText());
            JsonNode eval = JsonInput.mapper().readTree(Files.readString(dir.resolve("eval.json")));
            assertEquals(20, eval.get("episodes").asInt());
            assertEquals(eval.get("mean_return").asDouble(), run.get("final_mean").asDouble());
            assertTrue(Files.readString(dir.resolve("config.yaml")).contains("preset: zoo"));
        }
    }
}
