package org.npg4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    /** A small study: 6 trials in rounds of 3, rungs at 512, 1024 and 2048 env steps; fixed keys keep it fast. */
    static final List<String> STUDY = List.of("--algo", "ppo", "--env", "CartPole-v1", "--trials", "6",
            "--trials-per-round", "3", "--n-startup-trials", "3", "--budget", "2048", "--eta", "2", "--rungs", "3",
            "--eval-episodes", "3", "--seed", "7", "--set", "n_envs=2", "--set", "n_steps=32", "--set", "n_epochs=2",
            "--set", "policy_kwargs.net_arch=[32]");

    static String[] tune(Path out, String master, String... extra) {
        List<String> args = new ArrayList<>(STUDY);
        args.addAll(List.of("--master", master, "--out", out.toString()));
        args.addAll(List.of(extra));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = TuneCommand.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
        return new String[] {Integer.toString(code), o.toString(), e.toString()};
    }

    /** trials.csv without its wall_seconds column (the only one that may differ between two runs). */
    static List<String> withoutWallTime(Path csv) throws Exception {
        List<String> rows = Files.readAllLines(csv);
        int col = List.of(rows.get(0).split(",")).indexOf("wall_seconds");
        List<String> out = new ArrayList<>();
        for (String row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.split(",", -1)));
            cells.remove(col);
            out.add(String.join(",", cells));
        }
        return out;
    }

    static String column(List<String> rows, int row, String name) {
        int col = List.of(rows.get(0).split(",", -1)).indexOf(name);
        return rows.get(row).split(",", -1)[col];
    }

    @Test
    void aStudyOnLocal2IsDeterministicResumableAndItsBestPresetTrainsTheBestTrial(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("study");
        String[] r = tune(out, "local[2]");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("successive halving eta 2 at 512/1024/2048 env steps"), r[1]);
        List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(7, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("trial,status,rung,timesteps,score_r0,score_r1,score_r2,final_score,"
                + "wall_seconds,batch_size,gamma,learning_rate,ent_coef,clip_range,gae_lambda,max_grad_norm,vf_coef,"
                + "activation_fn,run"), rows.get(0));
        int complete = 0;
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < rows.size(); i++) {
            String status = column(rows, i, "status");
            assertTrue(status.equals("complete") || status.equals("pruned"), rows.get(i));
            assertEquals(!column(rows, i, "final_score").isEmpty(), status.equals("complete"), rows.get(i));
            assertFalse(column(rows, i, "score_r0").isEmpty(), rows.get(i));
            if (status.equals("complete")) {
                complete++;
                double s = Double.parseDouble(column(rows, i, "final_score"));
                if (s > bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
        }
        // Successive halving: at least one trial reaches the full budget, not all of them.
        assertTrue(complete >= 1 && complete < 6, rows.toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no half-written run");
        }

        // The best preset: npg4j train --config best.yml trains the best trial again, bit for bit.
        Path bestRun = out.resolve(column(rows, best, "run"));
        String yaml = Files.readString(out.resolve("best.yml"));
        assertTrue(yaml.contains("trial " + column(rows, best, "trial") + ",") && yaml.contains("CartPole-v1:"), yaml);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = org.npg4j.cli.Main.run(new PrintWriter(o), new PrintWriter(e), "train", "--algo", "ppo", "--env",
                "CartPole-v1", "--seed", "7", "--config", out.resolve("best.yml").toString(), "--out",
                dir.resolve("runs").toString());
        assertEquals(0, code, e.toString());
        Path trained;
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            trained = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertArrayEquals(Files.readAllBytes(bestRun.resolve("model.npg")),
                Files.readAllBytes(trained.resolve("model.npg")), "the preset trains the best trial's model");

        // Deterministic: the same study on one core gives the same trials.csv but for the wall times.
        Path other = dir.resolve("study-local1");
        assertEquals("0", tune(other, "local[1]")[0]);
        assertEquals(withoutWallTime(out.resolve("trials.csv")), withoutWallTime(other.resolve("trials.csv")));
        assertEquals(Files.readString(out.resolve("best.yml")), Files.readString(other.resolve("best.yml")));

        // Resumable: a study killed after some of its tasks has only their run directories (and maybe a
        // half-written .tmp-* one); the same command trains what is missing and ends with the same trials.csv.
        List<String> before = withoutWallTime(out.resolve("trials.csv"));
        SweepTask.deleteTree(bestRun);
        SweepTask.deleteTree(out.resolve(column(rows, 6, "run")));
        Files.delete(out.resolve("trials.csv"));
        Files.delete(out.resolve("best.yml"));
        Files.createDirectories(out.resolve(".tmp-trial-0005-r0-killed"));
        String[] again = tune(out, "local[2]");
        assertEquals("0", again[0], again[2]);
        // Deleting the best trial's last run makes its rung task train again (2 tasks here unless they coincide).
        assertTrue(again[1].contains(" tasks trained, ") && !again[1].contains("0 tasks trained"), again[1]);
        assertEquals(before, withoutWallTime(out.resolve("trials.csv")));
        assertTrue(Files.exists(out.resolve("best.yml")));
        assertFalse(Files.exists(out.resolve(".tmp-trial-0005-r0-killed")));
        // A complete study reruns without training anything.
        String[] third = tune(out, "local[2]");
        assertTrue(third[1].contains("0 tasks trained"), third[1]);

        // The same output with other settings is refused in one line.
        String[] changed = tune(out, "local[2]", "--sampler", "random");
        assertEquals("2", changed[0]);
        assertTrue(changed[2].startsWith("npg4j: error: " + out + " holds a study with sampler \"tpe\", not \"random\""),
                changed[2]);
    }

    @Test
    void badInputIsOneLineAndExitCode2(@TempDir Path dir) {
        String[][] cases = {
            {"--algo", "ppx"},
            {"--algo", "npg"},
            {"--trials", "0"},
            {"--budget", "100"},
            {"--sampler", "grid"},
            {"--pruner", "median"},
            {"--env", "NoSuchEnv-v0"},
            {"--set", "n_envs=1", "--set", "batch_size=512", "--set", "n_steps=64"},
        };
        String[] want = {
            "npg4j: error: unknown algorithm 'ppx'",
            "npg4j: error: no search space for algorithm npg: npg4j tune searches a2c, ppo, trpo (the zoo's samplers)",
            "npg4j: error: --trials must be at least 1, got 0",
            "npg4j: error: --budget 100 is too small for 3 rungs with eta 3: the first rung would train 11 env steps, "
                    + "less than one rollout of the shortest trial (n_envs x n_steps = 64); raise --budget to at least "
                    + "576 or lower --rungs",
            "npg4j: error: --sampler must be tpe or random, got 'grid'",
            "npg4j: error: --pruner must be asha or none, got 'median'",
            "npg4j: error: ",
            "npg4j: error: batch_size 512 exceeds n_steps*n_envs 64",
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of(cases[i]));
            args.addAll(List.of("--out", dir.resolve("o" + i).toString(), "--master", "local[1]"));
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = TuneCommand.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
            assertEquals(2, code, String.join(" ", cases[i]) + ": " + e);
            String err = e.toString();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith(want[i]), err);
            assertFalse(Files.exists(dir.resolve("o" + i)), "nothing written for bad input");
        }
    }
}
