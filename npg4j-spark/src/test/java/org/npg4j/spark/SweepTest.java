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
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "stale work removed");
        }
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
    void everyGridPointIsCheckedBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Path out = dir.resolve("o");
        Files.writeString(f, "algos: [ppo]\nenvs: [CartPole-v1]\ngrid: {learning_rat: [0.1]}\n");
        String[] r = run(f.toString(), "--out", out.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("npg4j: error: " + f + ": ppo CartPole-v1 learning_rat=0.1: "), r[2]);
        assertTrue(r[2].contains("learning_rat") && r[2].contains("learning_rate"), r[2]);
        assertEquals(1, r[2].lines().count(), r[2]);
        Files.writeString(f, "algos: [ppo]\nenvs: [CartPole-v1]\ngrid: {gamma: [0.99, 1.5]}\n");
        r = run(f.toString(), "--out", out.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("npg4j: error: " + f + ": ppo CartPole-v1 gamma=1.5: "), r[2]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertEquals("", r[1], "nothing started");
        assertFalse(Files.exists(out), "Spark never ran");
    }

    @Test
    void clusterMastersThatCannotWorkAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path file = sweepFile(dir);
        String[] r = run(file.toString(), "--master", "yarn", "--out", dir.resolve("o").toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("npg4j: error: --master yarn needs Spark's spark-yarn_2.13 module"), r[2]);
        assertEquals("", r[1], "nothing started");
        r = run(file.toString(), "--master", "k8s://https://127.0.0.1:6443", "--out", dir.resolve("o").toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("npg4j: error: --master k8s://https://127.0.0.1:6443 needs Spark's "
                + "spark-kubernetes_2.13 module"), r[2]);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        r = run(file.toString(), "--master", "spark://127.0.0.1:" + port, "--out", dir.resolve("o").toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].startsWith("npg4j: error: cannot reach the Spark master spark://127.0.0.1:" + port + ": "
                + "127.0.0.1:" + port + " (Connection refused"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }

    @Test
    void theMasterOfSparkSubmitIsUsedWhenNoneIsGiven() {
        org.apache.spark.SparkConf submitted = new org.apache.spark.SparkConf(false).set("spark.master",
                "spark://10.0.0.1:7077");
        assertEquals("spark://10.0.0.1:7077", SparkSettings.master(null, submitted));
        assertEquals("local[2]", SparkSettings.master("local[2]", submitted), "--master wins");
        assertEquals("local[*]", SparkSettings.master(null, new org.apache.spark.SparkConf(false)));
        assertEquals("local[2,4]", SparkSettings.withRetries("local[2]"));
        assertEquals("local[1,4]", SparkSettings.withRetries("local"));
        assertEquals("local[3,2]", SparkSettings.withRetries("local[3,2]"));
        String opts = SparkSettings.javaOptions("-Xss4m");
        assertTrue(opts.startsWith("-Xss4m --add-modules jdk.incubator.vector --add-opens=java.base/java.lang="), opts);
        assertEquals(opts, SparkSettings.javaOptions(opts), "options already there are not repeated");
        // The jars of npg4j are shipped unless spark-submit already lists a jar of the same name.
        List<String> jars = SparkSettings.driverJars("");
        for (String j : jars) {
            assertTrue(j.endsWith(".jar"), j);
        }
    }

    @Test
    void sweepIsACommandOfNpg4jWithItsHelp() {
        StringWriter out = new StringWriter();
        assertEquals(0, org.npg4j.cli.Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--help"));
        assertTrue(out.toString().contains("  sweep "), out.toString());
        out = new StringWriter();
        assertEquals(0, org.npg4j.cli.Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "help",
                "sweep"));
        assertTrue(out.toString().contains("--master") && out.toString().contains("SWEEP.yaml"), out.toString());
    }

    @Test
    void sweepRunDirectoriesHaveTheSchemasOfTrain(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        RunSpec run = SweepSpec.read(sweepFile(dir)).expand().get(0);
        SweepTask.run(out, run, null);
        Path d = out.resolve(run.id());
        var eval = org.npg4j.util.JsonInput.mapper().readTree(Files.readString(d.resolve("eval.json")));
        for (String key : List.of("env", "algorithm", "episodes", "deterministic", "seed", "mean_return",
                "std_return", "mean_length", "returns")) {
            assertTrue(eval.has(key), "eval.json has " + key);
        }
        var cfg = org.npg4j.train.ConfigLayers.yaml().readTree(Files.readString(d.resolve("config.yaml")));
        for (String key : List.of("algo", "env", "seed", "preset", "id", "params", "threads", "npg4j_version",
                "component_seeds", "hyperparams")) {
            assertTrue(cfg.has(key), "config.yaml has " + key);
        }
        assertEquals(run.id(), org.npg4j.train.RunDirectoryWriter.readSummary(d).id());
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
