package org.npg4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real Spark standalone cluster: a Master and a Worker started as separate JVMs from the runtime the
 * build assembles ({@code target/spark-home}, as docs/distributed.md tells users), bound to 127.0.0.1 on ephemeral
 * ports, and the sweep run through {@code bin/npg4j sweep --master spark://...}. The cluster's results equal a
 * {@code local[2]} sweep's bit for bit, and an executor killed mid-sweep loses and duplicates nothing. A sweep
 * submitted with spark-submit runs on spark-submit's master, and executors that cannot start end it with one line.
 * Everything started here is stopped afterwards, also when a check fails.
 */
class StandaloneClusterIT {
    private static final Duration TIMEOUT = new Duration(240);
    /** Four runs of 512 CartPole steps: long enough to kill an executor between two of them. */
    static final String SWEEP = """
            algos: [ppo]
            envs: [CartPole-v1]
            seeds: [0, 1, 2, 3]
            timesteps: 512
            preset: default
            set: {n_envs: 2, n_steps: 64, batch_size: 64, n_epochs: 2}
            """;

    record Duration(long seconds) {
        long deadline() {
            return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        }
    }

    static Path repo;
    static Path sparkHome;
    static Path logs;
    static final List<Process> started = new ArrayList<>();
    static Process master;
    static Process worker;
    static String masterUrl;

    @BeforeAll
    static void startCluster(@TempDir Path dir) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(StandaloneClusterIT::stopEverything));
        repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        sparkHome = repo.resolve("npg4j-spark/target/spark-home");
        assertTrue(Files.isDirectory(sparkHome.resolve("jars")), sparkHome + "/jars is built by mvn package");
        assertTrue(Files.isRegularFile(repo.resolve("npg4j-cli/target/npg4j.jar")), "bin/npg4j needs the npg4j jar");
        logs = dir;
        try {
            master = daemon("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", "0", "--webui-port", "0"));
            Matcher m = awaitLog(dir.resolve("master.log"), Pattern.compile("Starting Spark master at "
                    + "(spark://127\\.0\\.0\\.1:\\d+)"), master);
            masterUrl = m.group(1);
            worker = daemon("worker", List.of("org.apache.spark.deploy.worker.Worker", masterUrl, "--host",
                    "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g", "--work-dir",
                    dir.resolve("work").toString()));
            awaitLog(dir.resolve("worker.log"), Pattern.compile("Successfully registered with master"), worker);
        } catch (Throwable t) {
            stopEverything();
            throw t;
        }
    }

    /** A Spark daemon JVM as docs/distributed.md starts it: the jars of target/spark-home, SPARK_HOME set. */
    private static Process daemon(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m"));
        for (String p : SparkSettings.JAVA_17_OPENS) {
            cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1"));
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Matcher awaitLog(Path log, Pattern pattern, Process p) throws Exception {
        long deadline = TIMEOUT.deadline();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = pattern.matcher(Files.readString(log));
                if (m.find()) {
                    return m;
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError(log + ": the process ended: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError(log + ": no line matching " + pattern + " in time: " + Files.readString(log));
    }

    /** Executors, Worker, Master: every process this test started, and the executors the Worker started. */
    static synchronized void stopEverything() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }

    @AfterAll
    static void stopCluster() {
        stopEverything();
    }

    private static Process sweep(Path file, Path out, String master, Path log, String javaOptions) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("bin/npg4j").toString(), "sweep", file.toString(),
                "--master", master, "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("NPG4J_JAVA_OPTS", "-Xmx512m " + javaOptions);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static List<Path> published(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("summary.json"))).toList();
        }
    }

    /** The Worker starts nothing but executors. */
    private static List<ProcessHandle> executors() {
        return worker.descendants().toList();
    }

    @Test
    void aClusterSweepEqualsLocalAndSurvivesAKilledExecutor(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SWEEP);
        List<RunSpec> runs = SweepSpec.read(file).expand();

        // The reference: the same sweep on an embedded local[2].
        Path local = dir.resolve("local");
        StringWriter err = new StringWriter();
        assertEquals(0, SweepCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err), file.toString(),
                "--master", "local[2]", "--out", local.toString()), err.toString());

        Path out = dir.resolve("cluster");
        Path log = dir.resolve("sweep.log");
        Process p = sweep(file, out, masterUrl, log, "");
        // Once the first run is published and others are not, kill the executor training the next one.
        int killed = 0;
        try {
            long deadline = TIMEOUT.deadline();
            while (System.nanoTime() < deadline && p.isAlive() && killed == 0) {
                int done = published(out).size();
                List<ProcessHandle> executors = executors();
                if (done >= 1 && done < runs.size() && !executors.isEmpty()) {
                    executors.forEach(ProcessHandle::destroyForcibly);
                    killed = executors.size();
                }
                Thread.sleep(50);
            }
            assertTrue(p.waitFor(TIMEOUT.seconds(), TimeUnit.SECONDS), "the sweep ends");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        assertTrue(killed > 0, "an executor was killed mid-sweep: " + output);
        assertTrue(output.contains("4 runs trained, 0 already complete"), output);

        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(runs.size() + 1, rows.size(), "one row per run, none lost, none twice: " + rows);
        for (RunSpec run : runs) {
            Path c = out.resolve(run.id());
            Path l = local.resolve(run.id());
            assertArrayEquals(Files.readAllBytes(l.resolve("model.npg")), Files.readAllBytes(c.resolve("model.npg")),
                    run.id());
            assertEquals(Files.readString(l.resolve("eval.json")), Files.readString(c.resolve("eval.json")), run.id());
            assertTrue(rows.stream().filter(r -> r.startsWith(run.id() + ",")).count() == 1, run.id());
        }
        try (Stream<Path> s = Files.list(out)) {
            List<String> names = s.map(x -> x.getFileName().toString()).sorted().toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith(".")), "no temporary or marker file: " + names);
            assertEquals(runs.size() + 3, names.size(), "runs, results.csv, report.html, curves.html: " + names);
        }
    }

    /** {@code spark-submit} in client mode, as docs/distributed.md shows it, run as Spark's SparkSubmit class. */
    private static Process submit(Path file, Path out, Path log, String... conf) throws IOException {
        Path jar;
        try (Stream<Path> s = Files.list(repo.resolve("npg4j-spark/target"))) {
            jar = s.filter(f -> f.getFileName().toString().matches("npg4j-spark-.*\\.jar")
                    && !f.getFileName().toString().contains("sources")).findFirst().orElseThrow();
        }
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "--add-modules", "jdk.incubator.vector"));
        for (String p : SparkSettings.JAVA_17_OPENS) {
            cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl, "--deploy-mode", "client", "--properties-file",
                sparkHome.resolve("conf/spark-defaults.conf").toString()));
        for (String c : conf) {
            cmd.addAll(List.of("--conf", c));
        }
        cmd.addAll(List.of("--class", SweepCommand.class.getName(), jar.toString(), file.toString(), "--out",
                out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_LOCAL_IP", "127.0.0.1"));
        Process p = pb.start();
        started.add(p);
        return p;
    }

    @Test
    void sparkSubmitsMasterIsUsedAndExecutorsThatCannotStartEndTheSweepWithOneLine(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, SWEEP);
        Path log = dir.resolve("submit.log");
        // Every executor JVM fails at start: its boot layer lacks a module that does not exist.
        Process p = submit(file, dir.resolve("out"), log, "spark.executor.extraJavaOptions=--add-modules=no.such.module",
                "spark.npg4j.executorWaitSeconds=30");
        try {
            assertTrue(p.waitFor(TIMEOUT.seconds(), TimeUnit.SECONDS), "the sweep ends");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("sweep " + file + ": 4 runs on " + masterUrl + " -> "), "spark-submit's master, "
                + "not local[*]: " + output);
        List<String> errors = output.lines().filter(l -> l.startsWith("npg4j: error: ")).toList();
        assertEquals(1, errors.size(), output);
        assertTrue(errors.get(0).matches("npg4j: error: no executor of the Spark application app-\\S+ started "
                + "within 30 s on " + Pattern.quote(masterUrl) + ": .* its executors exit at start \\(a worker's "
                + "work/app-\\S+/<executor>/stderr says why\\); spark.npg4j.executorWaitSeconds sets the wait"),
                errors.get(0));
    }
}
