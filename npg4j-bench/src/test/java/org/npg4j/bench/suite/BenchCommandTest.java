package org.npg4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.cli.Main;
import org.npg4j.util.JsonInput;

class BenchCommandTest {
    @TempDir
    Path tmp;

    private Path tinySuite() throws Exception {
        Path f = tmp.resolve("tiny.yaml");
        Files.writeString(f, "seeds: 1\nrows:\n  - {algo: ppo, env: CartPole-v1, budget: 2048, target: 15, "
                + "target_kind: seeds, zoo: ppo/CartPole-v1}\n");
        return f;
    }

    @Test
    void benchRunsEachSeedInAChildJvmAndWritesTableJsonAndCurves() throws Exception {
        Path out = tmp.resolve("bench");
        Cli c = Cli.run("bench", "--suite", tinySuite().toString(), "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err() + c.out());
        assertTrue(c.out().contains("[1/1] ppo CartPole-v1 seed 0: eval "), c.out());
        String md = Files.readString(out.resolve("bench.md"));
        assertTrue(md.contains("| ppo | CartPole-v1 | 2,048 | "), md);
        assertTrue(md.contains("| ≥ 15 in ≥ 1/1 | 1/1 ✓ | 500.0 ± 0.0 | "), md);
        JsonNode j = JsonInput.mapper().readTree(Files.readString(out.resolve("bench.json")));
        JsonNode run = j.get("runs").get(0);
        assertEquals(0, run.get("exit_code").asInt());
        Path runDir = Path.of(run.get("run_dir").asText());
        JsonNode eval = JsonInput.mapper().readTree(Files.readString(runDir.resolve("eval.json")));
        assertEquals(eval.get("mean_return").asDouble(), run.get("final_mean").asDouble());
        assertTrue(run.get("time_to_target").asLong() > 0 && run.get("time_to_target").asLong() <= 2048);
        assertTrue(run.get("wall_seconds").asDouble() > 0);
        if (Files.isDirectory(Path.of("/proc/self"))) {
            long rss = run.get("peak_rss_kb").asLong();
            assertTrue(rss > 10_000 && rss < 1_000_000, "peak RSS " + rss + " kB");
        }
        String cfg = Files.readString(runDir.resolve("config.yaml"));
        assertTrue(cfg.contains("n_timesteps: 2048") && cfg.contains("preset: zoo"), cfg);
        assertTrue(Files.size(out.resolve("curves/ppo-CartPole-v1.png")) > 1000);
        assertTrue(Files.readString(out.resolve("curves/ppo-CartPole-v1.svg")).contains("<svg"));
        // Run again into the same folder: the finished run is reused (same figures, same run directory).
        Cli again = Cli.run("bench", "--suite", tinySuite().toString(), "--out", out.toString());
        assertEquals(0, again.exitCode(), again.err() + again.out());
        assertTrue(again.out().contains("[1/1] ppo CartPole-v1 seed 0: (reused) eval "), again.out());
        JsonNode rerun = JsonInput.mapper().readTree(Files.readString(out.resolve("bench.json"))).get("runs").get(0);
        assertEquals(runDir.toString(), rerun.get("run_dir").asText());
        assertEquals(run.get("final_mean").asDouble(), rerun.get("final_mean").asDouble());
        assertEquals(run.get("peak_rss_kb").asLong(), rerun.get("peak_rss_kb").asLong());
    }

    @Test
    void aFailingChildIsRecordedWithItsExitCodeAndLastStderrLine() throws Exception {
        Path out = tmp.resolve("bench");
        // A 1 kB heap: the child JVM refuses to start.
        Cli c = Cli.run("bench", "--suite", tinySuite().toString(), "--out", out.toString(), "--xmx", "1k");
        assertEquals(0, c.exitCode(), c.err());
        JsonNode run = JsonInput.mapper().readTree(Files.readString(out.resolve("bench.json"))).get("runs").get(0);
        assertEquals(1, run.get("exit_code").asInt());
        assertEquals("exit 1: Too small maximum heap", run.get("error").asText());
        String md = Files.readString(out.resolve("bench.md"));
        assertTrue(md.contains("| ppo | CartPole-v1 | 2,048 | failed | — | ≥ 15 in ≥ 1/1 | 0/1 ✗ |"), md);
        assertTrue(md.contains("- ppo CartPole-v1 seed 0: exit 1: Too small maximum heap"),
                md);
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String[][] cases = {
            {"unknown suite 'medium' (expected quick, full, mujoco, safe or a suite YAML file)", "--suite", "medium"},
            {"--seeds must be at least 1, got 0", "--seeds", "0"},
            {"--jobs must be at least 1, got 0", "--jobs", "0"},
            {"--xmx expects a heap size such as 256m, got 'lots'", "--xmx", "lots"},
            {"--only: not a regular expression: '(ppo'", "--only", "(ppo"},
            {file.resolve("out") + ": cannot create the output directory (" + file.resolve("out") + ": Not a directory)", "--out",
                    file.resolve("out").toString()},
        };
        for (String[] k : cases) {
            String[] args = new String[k.length];
            args[0] = "bench";
            System.arraycopy(k, 1, args, 1, k.length - 1);
            Cli c = Cli.run(args);
            assertEquals(Main.EXIT_BAD_INPUT, c.exitCode(), c.err());
            assertEquals("npg4j: error: " + k[0] + "\n", c.err().replace("\r\n", "\n"));
        }
    }
}
