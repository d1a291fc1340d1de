package org.npg4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.train.RunSummary;

class SweepTest {
    static final String SWEEP = """
            algos: [ppo, trpo]
            envs: [CartPole-v1]
            seeds: [0, 1]
            timesteps: 256
            set: {n_envs: 2, n_steps: 64, batch_size: 64}
            """;

    static Path sweepFile(Path dir) throws Exception {
        Path f = dir.resolve("sweep.yaml");
        Files.writeString(f, SWEEP);
        return f;
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SweepCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void sweepOnLocal2EqualsSequentialRunsAndSurvivesAnInjectedFailure(@TempDir Path dir) throws Exception {
        Path file = sweepFile(dir);
        List<RunSpec> runs = SweepSpec.read(file).expand();
        assertEquals(4, runs.size());
        assertEquals("ppo-CartPole-v1-s0-", runs.get(0).id().substring(0, 19));
        Path out = dir.resolve("out");
        String[] r = run(file.toString(), "--master", "local[2]", "--out", out.toString(), "--fail-once",
                runs.get(1).id());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("4 runs trained, 0 already complete"), r[1]);
        assertTrue(Files.exists(out.resolve(".failed-once-" + runs.get(1).id())), "the injected failure happened");
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, rows.size(), "header + one row per run, no duplicates: " + rows);
        assertEquals(RunSummary.HEADER, rows.get(0));
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no half-written run");
        }
        // The same runs one after another without Spark give the same numbers and the same model bytes.
        Path seq = dir.resolve("sequential");
        Files.createDirectories(seq);
        for (RunSpec run : runs) {
            RunSummary direct = SweepTask.run(seq, run, null);
            RunSummary viaSpark = SweepTask.readSummary(out.resolve(run.id()));
            assertEquals(direct.evalMean(), viaSpark.evalMean(), 0.0, run.id());
            assertArrayEquals(Files.readAllBytes(seq.resolve(run.id()).resolve("model.npg")),
                    Files.readAllBytes(out.resolve(run.id()).resolve("model.npg")), run.id());
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("ppo CartPole-v1"));
        String curves = Files.readString(out.resolve("curves.html"));
        assertTrue(curves.contains("<svg") && curves.contains("trpo"), "learning curves of both algorithms");
    }

    @Test
    void aRerunTrainsOnlyTheMissingRuns(@TempDir Path dir) throws Exception {
        Path file = sweepFile(dir);
        Path out = dir.resolve("out");
        assertEquals("0", run(file.toString(), "--master", "local[2]", "--out", out.toString())[0]);
        List<RunSpec> runs = SweepSpec.read(file).expand();
        // A killed sweep: one run never finished (its directory is absent), another left a temporary directory.
        SweepTask.deleteTree(out.resolve(runs.get(3).id()));
        Files.createDirectories(out.resolve(".tmp-" + runs.get(3).id() + "-crashed"));
        String[] r = run(file.toString(), "--master", "local[2]", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("1 runs trained, 3 already complete"), r[1]);
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
    }

    @Test
    void hadoopFilesystemUrisPublishCompleteRunsAndResume(@TempDir Path dir) throws Exception {
        Path file = sweepFile(dir);
        Path target = dir.resolve("via-hadoop");
        String uri = target.toUri().toString();
        assertTrue(uri.startsWith("file:/"), uri);
        String[] r = run(file.toString(), "--master", "local[2]", "--out", uri);
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("4 runs trained"), r[1]);
        assertEquals(5, Files.readAllLines(target.resolve("results.csv")).size());
        for (RunSpec run : SweepSpec.read(file).expand()) {
            assertTrue(Files.isRegularFile(target.resolve(run.id()).resolve("model.npg")), run.id());
        }
        try (Stream<Path> s = Files.list(target)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no half-written run");
        }
        String[] again = run(file.toString(), "--master", "local[2]", "--out", uri);
        assertTrue(again[1].contains("0 runs trained, 4 already complete"), again[1]);
    }

    @Test
    void badSweepFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "algos: [ppo]\nenvs: [CartPole-v1]\ngrids: {learning_rate: [0.1]}\n");
        String[] r = run(f.toString(), "--out", dir.resolve("o").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("npg4j: error: " + f + ": unknown sweep key 'grids' (closest: grid"), r[2]);
        Files.writeString(f, "algos: [ppo]\n");
        assertEquals("npg4j: error: " + f + ": missing key envs", run(f.toString())[2].strip());
    }

    @Test
    void gridExpansionIsDeterministicAndIdsAreStable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, "algos: [ppo]\nenvs: [CartPole-v1, Acrobot-v1]\nseeds: 2\n"
                + "grid: {learning_rate: [0.001, 0.0003], gae_lambda: [0.9, 0.95]}\n");
        List<RunSpec> a = SweepSpec.read(f).expand();
        List<RunSpec> b = SweepSpec.read(f).expand();
        assertEquals(16, a.size());
        assertEquals(a, b);
        assertEquals("ppo CartPole-v1 gae_lambda=0.9,learning_rate=0.001", a.get(0).group());
        assertEquals(16, a.stream().map(RunSpec::id).distinct().count());
    }
}
