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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.util.JsonInput;
import org.npg4j.train.Checkpointer;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.RunDirectoryWriter;

/**
 * What happens to a run directory after training: a corrupted newest checkpoint does not block a resume, a finished
 * run is extended to a larger budget, an interrupted run is evaluated from its last checkpoint, and every finished
 * run has its report. The algorithm defaults (constant learning rate and clip range) make an extended run continue
 * exactly as an uninterrupted run of the larger budget.
 */
class RunLifecycleTest {
    /** 64 env steps per update: 512 timesteps are 8 updates. */
    private static final List<String> RUN = List.of("train", "--preset", "default", "--seed", "3", "--n-envs", "2",
            "--set", "n_steps=32", "--set", "batch_size=32", "--set", "n_epochs=2", "--checkpoint-every", "1");

    @TempDir
    Path tmp;

    private Path train(String name, String timesteps) throws Exception {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(RUN);
        args.addAll(List.of("--timesteps", timesteps, "--out", out.toString()));
        Cli c = Cli.run(args.toArray(String[]::new));
        assertEquals(0, c.exitCode(), c.err());
        try (Stream<Path> s = Files.list(out)) {
            return s.findFirst().orElseThrow();
        }
    }

    private static byte[] model(Path run) throws Exception {
        return Files.readAllBytes(run.resolve(RunDirectoryWriter.MODEL));
    }

    /** A finished run made to look interrupted: its final outputs removed. */
    private static void removeFinalOutputs(Path run) throws Exception {
        for (String f : List.of(RunDirectoryWriter.MODEL, RunDirectoryWriter.EVAL, RunDirectoryWriter.SUMMARY,
                RunDirectoryWriter.REPORT)) {
            Files.deleteIfExists(run.resolve(f));
        }
    }

    @Test
    void resumeSkipsACorruptedNewestCheckpointAndSaysSo() throws Exception {
        Path uninterrupted = train("u", "512");
        Path run = train("c", "512");
        removeFinalOutputs(run);
        Path ckpts = run.resolve(Checkpointer.DIRECTORY);
        Path newest = Checkpointer.latest(ckpts).orElseThrow();
        assertEquals("checkpoint-00000008.ckpt", newest.getFileName().toString());
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 9] ^= 0x10;
        Files.write(newest, bytes);

        Cli c = Cli.run("train", "--resume", run.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.err().startsWith("npg4j: warning: " + newest + ": corrupted checkpoint (CRC32 is "), c.err());
        assertTrue(c.err().strip().endsWith("; using the older checkpoint-00000007.ckpt"), c.err());
        assertArrayEquals(model(uninterrupted), model(run), "resumed from update 7 to the same parameters");
    }

    @Test
    void aFinishedRunExtendedToALargerBudgetEqualsTheUninterruptedRun() throws Exception {
        Path uninterrupted = train("u", "512");
        Path run = train("s", "256");
        Cli c = Cli.run("train", "--resume", run.toString(), "--timesteps", "5.12e2");
        assertEquals(0, c.exitCode(), c.err());
        assertArrayEquals(model(uninterrupted), model(run));
        assertEquals(Files.readString(uninterrupted.resolve(RunDirectoryWriter.EVAL)),
                Files.readString(run.resolve(RunDirectoryWriter.EVAL)));
        JsonNode cfg = ConfigLayers.yaml().readTree(Files.readString(run.resolve(RunDirectoryWriter.CONFIG)));
        assertEquals(512, cfg.get("hyperparams").get("n_timesteps").asLong(), "config.yaml records the new budget");
        assertEquals(512, JsonInput.mapper().readTree(Files.readString(run.resolve(RunDirectoryWriter.SUMMARY)))
                .get("timesteps").asLong());
        assertEquals(8, Files.readAllLines(run.resolve(RunDirectoryWriter.METRICS)).size() - 1, "one row per update");

        Cli shorter = Cli.run("train", "--resume", run.toString(), "--timesteps", "128");
        assertEquals(2, shorter.exitCode());
        assertEquals("npg4j: error: --timesteps 128 is below the 512 timesteps " + run + " has already trained\n",
                shorter.err());
    }

    @Test
    void evalAndEnjoyUseTheLastCheckpointOfAnInterruptedRun() throws Exception {
        Path finished = train("f", "512");
        Path run = train("i", "512");
        removeFinalOutputs(run);
        Cli expected = Cli.run("eval", finished.toString(), "--episodes", "3", "--json");
        Cli c = Cli.run("eval", run.toString(), "--episodes", "3", "--json");
        assertEquals(0, c.exitCode(), c.err());
        assertEquals("npg4j: note: " + run + ": no model.npg (the run did not finish); using its last checkpoint "
                + "checkpoint-00000008.ckpt (512 timesteps)\n", c.err());
        assertEquals(expected.out(), c.out(), "the final checkpoint holds the final policy");
        Path gif = tmp.resolve("i.gif");
        Cli enjoy = Cli.run("enjoy", run.toString(), "-o", gif.toString(), "--max-frames", "5");
        assertEquals(0, enjoy.exitCode(), enjoy.err());
        assertTrue(enjoy.err().contains("using its last checkpoint"), enjoy.err());
        assertTrue(Files.size(gif) > 0);
    }

    @Test
    void aFinishedRunDirectoryHasItsReportAndTheSharedSchemas() throws Exception {
        Path run = train("r", "256");
        String html = Files.readString(run.resolve(RunDirectoryWriter.REPORT));
        assertTrue(html.contains("<svg") && html.contains("CartPole-v1"), "learning curves of the run");
        JsonNode eval = JsonInput.mapper().readTree(Files.readString(run.resolve(RunDirectoryWriter.EVAL)));
        for (String key : List.of("env", "algorithm", "episodes", "deterministic", "seed", "mean_return",
                "std_return", "mean_length", "returns")) {
            assertTrue(eval.has(key), "eval.json has " + key);
        }
        JsonNode summary = JsonInput.mapper().readTree(Files.readString(run.resolve(RunDirectoryWriter.SUMMARY)));
        assertEquals(run.getFileName().toString(), summary.get("id").asText());
        assertEquals(eval.get("mean_return").asDouble(), summary.get("eval_mean").asDouble(), 0.0);
        assertFalse(Files.exists(run.resolve(".tmp")), "no temporary files");
    }
}
