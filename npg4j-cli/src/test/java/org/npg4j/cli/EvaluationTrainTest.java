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
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.io.ModelFile;
import org.npg4j.train.Checkpointer;
import org.npg4j.train.ConfigLayers;

/**
 * {@code npg4j train --eval-freq}: evaluations.csv at the multiples of the period, best_model.npg, the reward
 * threshold, the same model.npg as a run without evaluation, and a resumed run that writes the same rows.
 */
class EvaluationTrainTest {
    /** Four envs of 32 steps: 128 env steps per update, 12 updates. */
    private static final List<String> RUN = List.of("train", "--seed", "1", "--timesteps", "1536", "--n-envs", "4",
            "--set", "n_steps=32", "--set", "batch_size=64", "--set", "n_epochs=4", "--no-tensorboard");

    @TempDir
    Path tmp;

    private static Path onlyRun(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private Path train(String name, String... more) throws Exception {
        List<String> a = new ArrayList<>(RUN);
        a.addAll(List.of(more));
        a.addAll(List.of("--out", tmp.resolve(name).toString()));
        Cli c = Cli.run(a.toArray(String[]::new));
        assertEquals(0, c.exitCode(), c.err());
        return onlyRun(tmp.resolve(name));
    }

    private static long crc(Path file) throws Exception {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }

    @Test
    void evaluationWritesRowsAndBestModelAndLeavesTheModelUnchanged() throws Exception {
        Path plain = train("plain");
        Path run = train("eval", "--eval-freq", "300", "--eval-episodes", "3");
        assertEquals(crc(plain.resolve("model.npg")), crc(run.resolve("model.npg")), "evaluation changed training");
        assertFalse(Files.exists(plain.resolve("evaluations.csv")));

        // 300 // 4 = 75 vector steps, as the zoo hands SB3: every 300 env steps.
        List<String> lines = Files.readAllLines(run.resolve("evaluations.csv"));
        assertEquals("timesteps,mean_return,std_return,mean_length,episode_seed", lines.get(0));
        assertEquals(List.of("300", "600", "900", "1200", "1500"),
                lines.stream().skip(1).map(l -> l.split(",")[0]).toList());
        int best = 1;
        for (int j = 2; j < lines.size(); j++) {
            if (Double.parseDouble(lines.get(j).split(",")[1]) > Double.parseDouble(lines.get(best).split(",")[1])) {
                best = j;
            }
        }
        String log = Files.readString(run.resolve("progress.log"));
        assertTrue(log.contains("eval at " + lines.get(best).split(",")[0] + " timesteps (3 deterministic episodes)"),
                log);
        ModelFile.Model model = ModelFile.read(run.resolve("best_model.npg"));
        assertEquals("ppo", model.algorithm());
        // npg4j eval replays the best row from its episode seed.
        String[] row = lines.get(best).split(",");
        Cli replay = Cli.run("eval", run.resolve("best_model.npg").toString(), "--episodes", "3", "--seed", row[4],
                "--json");
        assertEquals(0, replay.exitCode(), replay.err());
        JsonNode r = ConfigLayers.yaml().readTree(replay.out());
        assertEquals(Double.parseDouble(row[1]), r.get("mean_return").asDouble());
        assertEquals(Double.parseDouble(row[2]), r.get("std_return").asDouble());
        assertEquals(Double.parseDouble(row[3]), r.get("mean_length").asDouble());

        JsonNode cfg = ConfigLayers.yaml().readTree(Files.readString(run.resolve("config.yaml")));
        assertEquals(300, cfg.get("evaluation").get("eval_freq").asLong());
        assertEquals(3, cfg.get("evaluation").get("n_eval_episodes").asInt());
        assertTrue(cfg.get("evaluation").get("deterministic").asBoolean());
    }

    @Test
    void rewardThresholdStopsTheRun() throws Exception {
        Path run = train("stop", "--eval-freq", "256", "--stop-at-reward", "1");
        assertEquals(2, Files.readAllLines(run.resolve("evaluations.csv")).size());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size(), "a header and two updates");
        assertTrue(Files.exists(run.resolve("model.npg")));
        assertTrue(Files.readString(run.resolve("progress.log")).contains("reward threshold 1.0 reached"));
    }

    @Test
    void resumedRunWritesTheSameEvaluations() throws Exception {
        String[] eval = {"--eval-freq", "200", "--eval-stochastic", "--checkpoint-every", "2",
                "--keep-checkpoints", "100"};
        Path a = train("a", eval);
        Path b = train("b", eval);
        // Back to the checkpoint of 4 updates (512 steps), with the later rows and files left as a killed run leaves
        // them.
        for (Path f : Checkpointer.list(b.resolve(Checkpointer.DIRECTORY))) {
            if (!f.getFileName().toString().equals("checkpoint-00000004.ckpt")) {
                Files.delete(f);
            }
        }
        Files.delete(b.resolve("model.npg"));
        Files.delete(b.resolve("eval.json"));
        Cli c = Cli.run("train", "--resume", b.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(Files.readString(a.resolve("evaluations.csv")), Files.readString(b.resolve("evaluations.csv")));
        assertEquals(8, Files.readAllLines(b.resolve("evaluations.csv")).size(), "a header and rows at 200..1400");
        assertArrayEquals(Files.readAllBytes(a.resolve("model.npg")), Files.readAllBytes(b.resolve("model.npg")));
        assertArrayEquals(Files.readAllBytes(a.resolve("best_model.npg")),
                Files.readAllBytes(b.resolve("best_model.npg")));
        assertFalse(ConfigLayers.yaml().readTree(Files.readString(b.resolve("config.yaml"))).get("evaluation")
                .get("deterministic").asBoolean());
    }

    @Test
    void badEvaluationOptionsAreOneLineErrors() throws Exception {
        Cli c = Cli.run("train", "--stop-at-reward", "100", "--out", tmp.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: --stop-at-reward needs --eval-freq N (evaluate every N env steps)\n", c.err());
        c = Cli.run("train", "--eval-freq", "0", "--out", tmp.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: eval_freq must be at least 1 env step, got 0\n", c.err());
        c = Cli.run("train", "--resume", tmp.toString(), "--eval-freq", "100");
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: --resume continues a run with its own config.yaml; it cannot be combined with "
                + "--eval-freq\n", c.err());
    }
}
