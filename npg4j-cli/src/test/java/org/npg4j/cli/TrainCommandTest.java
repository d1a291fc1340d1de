package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.util.JsonInput;
import org.npg4j.train.ConfigLayers;

class TrainCommandTest {
    @TempDir
    Path tmp;

    private Path onlyRun(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static JsonNode yaml(Path f) throws Exception {
        return ConfigLayers.yaml().readTree(Files.readString(f));
    }

    @Test
    void trainWritesACompleteRunDirectoryAndEvalReadsIt() throws Exception {
        Path out = tmp.resolve("runs");
        Cli c = Cli.run("train", "--timesteps", "2048", "--seed", "3", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        Path run = onlyRun(out);
        assertTrue(run.getFileName().toString().startsWith("ppo-CartPole-v1-s3-"), run.toString());
        try (Stream<Path> s = Files.list(run)) {
            assertEquals(List.of("checkpoints", "config.yaml", "eval.json", "events.out.tfevents", "metrics.csv",
                    "model.npg", "progress.log", "report.html", "summary.json"), s.map(p -> p.getFileName().toString())
                    .map(n -> n.startsWith("events.out.tfevents.") ? "events.out.tfevents" : n).sorted().toList());
        }
        JsonNode cfg = yaml(run.resolve("config.yaml"));
        assertEquals("ppo", cfg.get("algo").asText());
        assertEquals(3, cfg.get("seed").asInt());
        assertEquals("zoo", cfg.get("preset").asText());
        assertEquals(System.getProperty("java.version"), cfg.get("java_version").asText());
        assertEquals(32, cfg.get("hyperparams").get("n_steps").asInt());
        assertEquals(2048, cfg.get("hyperparams").get("n_timesteps").asInt());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(1 + 2048 / 256, metrics.size());
        assertTrue(metrics.get(0).contains("rollout/ep_rew_mean") && metrics.get(0).contains("train/approx_kl"));
        JsonNode eval = JsonInput.mapper().readTree(Files.readString(run.resolve("eval.json")));
        assertEquals(20, eval.get("episodes").asInt());
        assertEquals(20, eval.get("returns").size());
        assertTrue(eval.get("mean_return").asDouble() > 0);
        assertTrue(Files.readString(run.resolve("progress.log")).contains("2,048/2,048 steps (100%)"));
        Cli e = Cli.run("eval", run.toString(), "--episodes", "3", "--json");
        assertEquals(0, e.exitCode(), e.err());
        assertEquals(3, JsonInput.mapper().readTree(e.out()).get("returns").size());
        Cli text = Cli.run("eval", run.resolve("model.npg").toString(), "--episodes", "2");
        assertTrue(text.out().startsWith("ppo CartPole-v1: 2 deterministic episodes: return "), text.out());
    }

    @Test
    void configurationLayersResolveInOrder() throws Exception {
        Path file = tmp.resolve("c.yaml");
        Files.writeString(file, "gamma: 0.9\nn_epochs: 2\npolicy_kwargs:\n  net_arch: [16]\n");
        Path out = tmp.resolve("runs");
        Cli c = Cli.run("train", "--timesteps", "512", "--config", file.toString(), "--set", "n_epochs=1",
                "--set", "policy_kwargs.activation_fn=relu", "--n-envs", "16", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        JsonNode h = yaml(onlyRun(out).resolve("config.yaml")).get("hyperparams");
        assertEquals(0.8, h.get("gae_lambda").asDouble());            // preset
        assertEquals(0.9, h.get("gamma").asDouble());                 // config file over preset
        assertEquals(1, h.get("n_epochs").asInt());                   // --set over config file
        assertEquals(16, h.get("n_envs").asInt());                     // --n-envs over preset
        assertEquals("[16]", h.get("policy_kwargs").get("net_arch").toString());
        assertEquals("relu", h.get("policy_kwargs").get("activation_fn").asText());
        assertEquals(0.5, h.get("vf_coef").asDouble());               // algorithm default
    }

    @Test
    void sameSeedGivesIdenticalMetricsAndModelBytes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, Cli.run("train", "--algo", "trpo", "--timesteps", "2048", "--seed", "5", "--out",
                a.toString()).exitCode());
        assertEquals(0, Cli.run("train", "--algo", "trpo", "--timesteps", "2048", "--seed", "5", "--threads", "2",
                "--out", b.toString()).exitCode());
        Path ra = onlyRun(a);
        Path rb = onlyRun(b);
        assertArrayEquals(Files.readAllBytes(ra.resolve("model.npg")), Files.readAllBytes(rb.resolve("model.npg")));
        assertEquals(withoutTime(ra.resolve("metrics.csv")), withoutTime(rb.resolve("metrics.csv")));
        assertEquals(Files.readString(ra.resolve("eval.json")), Files.readString(rb.resolve("eval.json")));
    }

    private static List<String> withoutTime(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int elapsed = header.indexOf("time/time_elapsed");
        int fps = header.indexOf("time/fps");
        return lines.stream().map(l -> {
            String[] cells = l.split(",", -1);
            cells[elapsed] = "";
            cells[fps] = "";
            return String.join(",", cells);
        }).collect(Collectors.toList());
    }

    @Test
    void badInputEndsWithOneLineAndExitCode2() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "gamma: [0.9\n");
        assertError("npg4j: error: " + bad + ": line 2, column 1: malformed YAML (expected ',' or ']', but got <stream end>)", "train", "--config",
                bad.toString());
        assertError("npg4j: error: unknown ppo hyperparameter 'n_step' (closest: n_steps, n_envs, ent_coef)",
                "train", "--set", "n_step=3");
        assertError("npg4j: error: hyperparameter gamma: expected a number, found \"high\"", "train", "--set",
                "gamma=high");
        assertError("npg4j: error: batch_size 100 must divide n_steps*n_envs 256", "train", "--set",
                "batch_size=100");
        assertError("npg4j: error: unknown algorithm 'ppo2' (closest: ppo, cpo, pcpo)", "train", "--algo", "ppo2");
        assertError("npg4j: error: --timesteps expects a number such as 1e5, got 'lots'", "train", "--timesteps",
                "lots");
        Path missing = tmp.resolve("nope");
        assertError("npg4j: error: " + missing + ": no such run directory or model file", "eval", missing.toString());
        Files.createDirectories(tmp.resolve("empty"));
        assertError("npg4j: error: " + tmp.resolve("empty") + ": run directory has no model.npg and no checkpoint",
                "eval",
                tmp.resolve("empty").toString());
        Path out = tmp.resolve("runs");
        assertEquals(0, Cli.run("train", "--timesteps", "256", "--out", out.toString()).exitCode());
        Path model = onlyRun(out).resolve("model.npg");
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = tmp.resolve("t.npg");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 8));
        assertError("npg4j: error: " + truncated + ": truncated model file", "eval", truncated.toString());
        bytes[bytes.length - 1] ^= 0x40;
        Path corrupt = tmp.resolve("c.npg");
        Files.write(corrupt, bytes);
        assertError("npg4j: error: " + corrupt + ": corrupted model file (CRC32 of the parameters is", "eval",
                corrupt.toString());
        assertError("npg4j: error: " + bad + ": not an npg4j model file", "eval", bad.toString());
    }

    @Test
    void constrainedTrainingWritesTheCostColumnsAndShowsTheEpisodeCost() throws Exception {
        Path out = tmp.resolve("safe");
        // The preset's 10 envs x 2000 steps, cut down to a tiny budget.
        Cli c = Cli.run("train", "--algo", "ppo-lag", "--env", "KinematicPointGoal-v0", "--set", "cost_limit=25",
                "--n-envs", "2",
                "--set", "n_steps=100", "--set", "batch_size=100", "--timesteps", "400", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        Path run = onlyRun(out);
        JsonNode cfg = yaml(run.resolve("config.yaml"));
        assertEquals(25, cfg.get("hyperparams").get("cost_limit").asDouble());
        assertEquals("zoo", cfg.get("preset").asText());
        assertEquals(10, cfg.get("hyperparams").get("n_epochs").asInt());
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        for (String col : new String[] {"rollout/ep_cost_mean", "safety/episode_cost", "safety/cost_limit",
            "safety/cumulative_violation", "train/lagrangian_multiplier", "train/cost_value_loss"}) {
            assertTrue(header.contains(col), col + " in " + header);
        }
        assertEquals(1 + 2, csv.size());
        String[] last = csv.get(2).split(",", -1);
        assertEquals(25.0, Double.parseDouble(last[header.indexOf("safety/cost_limit")]));
        // No 1000-step episode has ended yet: no constraint value, λ still at its initial value.
        assertEquals(Double.NaN, Double.parseDouble(last[header.indexOf("safety/episode_cost")]));
        assertEquals(0.001, Double.parseDouble(last[header.indexOf("train/lagrangian_multiplier")]));
        assertTrue(Files.readString(run.resolve("progress.log")).contains("ep_cost_mean"));

        Path circle = tmp.resolve("circle");
        Cli d = Cli.run("train", "--algo", "trpo-lag", "--env", "KinematicPointCircle-v0", "--n-envs", "1", "--set",
                "n_steps=400", "--set", "batch_size=100", "--set", "cost_limit=[3]", "--set", "lagrangian=pid",
                "--timesteps", "800", "--out", circle.toString());
        assertEquals(0, d.exitCode(), d.err());
        List<String> rows = Files.readAllLines(onlyRun(circle).resolve("metrics.csv"));
        List<String> h = List.of(rows.get(0).split(","));
        String[] second = rows.get(2).split(",", -1);
        double cost = Double.parseDouble(second[h.indexOf("safety/episode_cost")]);
        double violation = Double.parseDouble(rows.get(1).split(",", -1)[h.indexOf("safety/cumulative_violation")])
                + Math.max(0, cost - 3);
        assertEquals(violation, Double.parseDouble(second[h.indexOf("safety/cumulative_violation")]), 1e-9);
    }

    @Test
    void cpoAndPcpoTrainFromTheCommandLine() throws Exception {
        for (String[] algo : new String[][] {{"cpo", "train/cpo_case"}, {"pcpo", "train/projection_size"}}) {
            Path out = tmp.resolve(algo[0]);
            Cli c = Cli.run("train", "--algo", algo[0], "--env", "CartPoleSafe-v0", "--n-envs", "1", "--set",
                    "n_steps=256", "--set", "batch_size=128", "--set", "cost_limit=2", "--timesteps", "512", "--out",
                    out.toString());
            assertEquals(0, c.exitCode(), c.err());
            List<String> rows = Files.readAllLines(onlyRun(out).resolve("metrics.csv"));
            List<String> h = List.of(rows.get(0).split(","));
            assertEquals(3, rows.size(), algo[0] + ": a header and two updates");
            String[] last = rows.get(2).split(",", -1);
            assertTrue(Double.isFinite(Double.parseDouble(last[h.indexOf(algo[1])])), algo[0] + " logs " + algo[1]);
            assertEquals(2.0, Double.parseDouble(last[h.indexOf("safety/cost_limit")]));
        }
        assertError("npg4j: error: projection must be kl or l2, got \"l1\"", "train", "--algo", "pcpo", "--env",
                "CartPoleSafe-v0", "--set", "projection=l1", "--timesteps", "64");
    }

    @Test
    void aConstrainedAlgorithmOnAnEnvWithoutCostsFailsInOneLine() {
        assertError("npg4j: error: ppo-lag is a constrained algorithm: it needs an env with costs, and CartPole-v1 has "
                + "none (see npg4j envs)", "train", "--algo", "ppo-lag", "--env", "CartPole-v1", "--timesteps", "64");
        assertError("npg4j: error: hyperparameter cost_limit: 2 limits, but KinematicPointCircle-v0 has 1 cost signal",
                "train", "--algo",
                "trpo-lag", "--env", "KinematicPointCircle-v0", "--set", "cost_limit=[1,2]", "--timesteps", "64");
    }

    private static void assertError(String prefix, String... args) {
        Cli c = Cli.run(args);
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().startsWith(prefix), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
    }

    @Test
    void listingsDescribeEnvsAlgorithmsAndPresets() {
        Cli envs = Cli.run("envs");
        assertTrue(envs.out().lines().anyMatch(l -> l.startsWith("CartPole-v1") && l.contains("pole")), envs.out());
        Cli algos = Cli.run("algos");
        // The training algorithms, one line each, then (after a blank line) the exact optimizers.
        List<String> training = algos.out().lines().takeWhile(l -> !l.isBlank()).toList();
        assertEquals(org.npg4j.train.Algorithms.names(), training.stream().map(l -> l.split(" ")[0]).toList());
        assertTrue(algos.out().contains("trpo     TRPO"), algos.out());
        assertTrue(algos.out().contains("ppo-lag  [needs costs] PPO-Lagrangian"), algos.out());
        assertTrue(algos.out().contains("trpo-lag [needs costs] TRPO-Lagrangian"), algos.out());
        Cli presets = Cli.run("presets");
        assertTrue(presets.out().contains("ppo      CartPole-v1, Acrobot-v1, Pendulum-v1, LunarLander-v3"),
                presets.out());
    }

    @Test
    void trainHelpNamesEveryRegisteredAlgorithm() {
        String help = Cli.run("train", "--help").out().replaceAll("\\s+", " ");
        for (String algo : org.npg4j.train.Algorithms.names()) {
            assertTrue(help.contains(algo + ",") || help.contains(algo + ";"), algo + " missing from: " + help);
        }
    }
}
