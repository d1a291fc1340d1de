package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.train.Checkpointer;
import org.npg4j.train.ConfigLayers;

/**
 * Crash safety: a training process killed with SIGKILL leaves a readable run directory, and {@code --resume}
 * continues it to exactly the parameters (the bytes of model.npg) of a run never interrupted.
 */
class ResumeTest {
    private static final List<String> RUN = List.of("train", "--seed", "7", "--timesteps", "12800", "--n-envs", "4",
            "--set", "n_steps=32", "--set", "batch_size=64", "--set", "n_epochs=4", "--checkpoint-every", "3");

    @TempDir
    Path tmp;

    private static Path onlyRun(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static List<String> args(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    private Process child(Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(RUN, "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                .start();
    }

    /** Waits until the child's run directory holds a checkpoint of at least {@code updates} updates. */
    private static Path awaitCheckpoint(Path out, Process p, long updates) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(out)) {
                try (Stream<Path> runs = Files.list(out)) {
                    for (Path run : runs.toList()) {
                        var latest = Checkpointer.latest(run.resolve(Checkpointer.DIRECTORY));
                        if (latest.isPresent() && Long.parseLong(latest.get().getFileName().toString()
                                .replaceAll("\\D", "")) >= updates) {
                            return run;
                        }
                    }
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no checkpoint of " + updates + " updates appeared; child alive: " + p.isAlive());
    }

    private static void assertReadable(Path run) throws Exception {
        JsonNode cfg = ConfigLayers.yaml().readTree(Files.readString(run.resolve("config.yaml")));
        assertEquals("ppo", cfg.get("algo").asText());
        String csv = Files.readString(run.resolve("metrics.csv"));
        assertTrue(csv.endsWith("\n"), "metrics.csv ends with a whole row");
        List<String> lines = csv.lines().toList();
        int columns = lines.get(0).split(",", -1).length;
        for (String l : lines) {
            assertEquals(columns, l.split(",", -1).length, l);
        }
    }

    private static List<String> iterations(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        int col = List.of(lines.get(0).split(",")).indexOf("time/iterations");
        return lines.stream().skip(1).map(l -> l.split(",", -1)[col]).toList();
    }

    @Test
    void killedRunResumesToTheUninterruptedParameters() throws Exception {
        Path outA = tmp.resolve("a");
        Cli a = Cli.run(args(RUN, "--out", outA.toString()).toArray(String[]::new));
        assertEquals(0, a.exitCode(), a.err());
        Path runA = onlyRun(outA);

        Path outB = tmp.resolve("b");
        Process p = child(outB);
        Path runB;
        try {
            runB = awaitCheckpoint(outB, p, 6);
            assertTrue(p.isAlive(), "the child is killed while training");
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(runB.resolve("model.npg")), "killed before the end");
        assertReadable(runB);

        Cli b = Cli.run("train", "--resume", runB.toString());
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("resuming ppo CartPole-v1 seed 7 at "), b.out());
        assertArrayEquals(Files.readAllBytes(runA.resolve("model.npg")), Files.readAllBytes(runB.resolve("model.npg")));
        assertEquals(iterations(runA), iterations(runB));
        assertEquals(100, iterations(runB).size());
        assertEquals(Files.readString(runA.resolve("eval.json")), Files.readString(runB.resolve("eval.json")));
        assertEquals(List.of("checkpoint-00000096.ckpt", "checkpoint-00000099.ckpt", "checkpoint-00000100.ckpt"),
                Checkpointer.list(runB.resolve(Checkpointer.DIRECTORY)).stream()
                        .map(f -> f.getFileName().toString()).toList());
    }

    @Test
    void sigtermStopsAfterACheckpointAndTheRunResumes() throws Exception {
        Path outA = tmp.resolve("a");
        assertEquals(0, Cli.run(args(RUN, "--out", outA.toString()).toArray(String[]::new)).exitCode());
        Path outB = tmp.resolve("b");
        Process p = child(outB);
        Path runB;
        try {
            runB = awaitCheckpoint(outB, p, 3);
            p.destroy(); // SIGTERM: the shutdown hook asks for a checkpoint after the current update
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(143, p.exitValue(), Files.readString(tmp.resolve("child.log")));
        String log = Files.readString(runB.resolve("progress.log"));
        assertTrue(log.contains("; continue with: npg4j train --resume " + runB), log);
        assertReadable(runB);
        assertEquals(0, Cli.run("train", "--resume", runB.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(onlyRun(outA).resolve("model.npg")),
                Files.readAllBytes(runB.resolve("model.npg")));
    }

    @Test
    void resumeErrorsAreOneLineWithExitCode2() throws Exception {
        Path missing = tmp.resolve("nope");
        Cli c = Cli.run("train", "--resume", missing.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: " + missing + ": no such run directory\n", c.err());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("npg4j: error: " + empty + ": not a run directory (no config.yaml)\n",
                Cli.run("train", "--resume", empty.toString()).err());

        Path out = tmp.resolve("runs");
        assertEquals(0, Cli.run("train", "--timesteps", "256", "--n-envs", "2", "--set", "n_steps=32", "--set",
                "batch_size=64", "--checkpoint-every", "1", "--out", out.toString()).exitCode());
        Path run = onlyRun(out);
        Path ckpts = run.resolve(Checkpointer.DIRECTORY);
        Path last = Checkpointer.latest(ckpts).orElseThrow();
        for (Path f : Checkpointer.list(ckpts)) {
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length / 2] ^= 1;
            Files.write(f, bytes);
        }
        c = Cli.run("train", "--resume", run.toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().startsWith("npg4j: error: " + ckpts + ": no readable checkpoint (" + last
                + ": corrupted checkpoint (CRC32 is "), c.err());
        assertEquals(1, c.err().lines().count());

        for (Path f : Checkpointer.list(ckpts)) {
            Files.delete(f);
        }
        c = Cli.run("train", "--resume", run.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: " + run + ": no checkpoint to resume from in " + ckpts + "\n", c.err());

        c = Cli.run("train", "--resume", run.toString(), "--algo", "trpo");
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: --resume continues a run with its own config.yaml; it cannot be combined with "
                + "--algo\n", c.err());
    }
}
