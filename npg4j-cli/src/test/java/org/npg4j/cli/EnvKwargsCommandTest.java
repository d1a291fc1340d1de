package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.train.ConfigLayers;

/**
 * {@code env_kwargs} on the command line: {@code --set env_kwargs.K=V} and a config file's mapping reach training, the
 * evaluations during and after it, {@code npg4j eval} of the run and {@code --resume}, and are recorded in
 * config.yaml; an argument the env does not take is a one-line error (exit 2).
 */
class EnvKwargsCommandTest {
    @TempDir
    Path tmp;

    private Path train(String name, String... args) throws Exception {
        Path out = tmp.resolve(name);
        String[] all = Stream.concat(Stream.of("train", "--no-tensorboard", "--out", out.toString(), "--env",
                "Pendulum-v1", "--n-envs", "1", "--set", "n_steps=64"), Stream.of(args)).toArray(String[]::new);
        Cli c = Cli.run(all);
        assertEquals(0, c.exitCode(), c.err());
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(file));
    }

    @Test
    void setEnvKwargsReachTrainingEvaluationEvalAndResume() throws Exception {
        Path run = train("set", "--timesteps", "128", "--set", "env_kwargs.max_episode_steps=7", "--set",
                "env_kwargs.g=9.81", "--eval-freq", "64", "--eval-episodes", "2");
        JsonNode cfg = ConfigLayers.yaml().readTree(Files.readString(run.resolve("config.yaml")));
        assertEquals("{\"max_episode_steps\":7,\"g\":9.81}", cfg.get("hyperparams").get("env_kwargs").toString());
        // Evaluation during training and the final evaluation play the 7-step episodes of the configured env.
        List<String> rows = Files.readAllLines(run.resolve("evaluations.csv"));
        assertEquals(3, rows.size(), rows.toString());
        for (String row : rows.subList(1, rows.size())) {
            assertEquals("7.0", row.split(",")[3], row);
        }
        assertEquals(7.0, json(run.resolve("eval.json")).get("mean_length").asDouble());
        Cli eval = Cli.run("eval", run.toString(), "--episodes", "3", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(7.0, new ObjectMapper().readTree(eval.out()).get("mean_length").asDouble());
        // A model file outside its run directory has no config.yaml: the env's defaults (200 steps).
        Path alone = Files.copy(run.resolve("model.npg"), tmp.resolve("alone.npg"));
        Cli plain = Cli.run("eval", alone.toString(), "--episodes", "1", "--json");
        assertEquals(200.0, new ObjectMapper().readTree(plain.out()).get("mean_length").asDouble(), plain.err());
        Cli resumed = Cli.run("train", "--resume", run.toString(), "--timesteps", "256");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(7.0, json(run.resolve("eval.json")).get("mean_length").asDouble());
        assertEquals(5, Files.readAllLines(run.resolve("evaluations.csv")).size());
    }

    @Test
    void aConfigFilesEnvKwargsAreTaken() throws Exception {
        Path file = Files.writeString(tmp.resolve("hp.yml"), "n_timesteps: 64\nenv_kwargs: {max_episode_steps: 9}\n");
        Path run = train("file", "--config", file.toString());
        assertEquals(9.0, json(run.resolve("eval.json")).get("mean_length").asDouble());
        Path zoo = Files.writeString(tmp.resolve("zoo.yml"), "Pendulum-v1:\n  n_timesteps: !!float 64\n"
                + "  env_kwargs: \"dict(max_episode_steps=11)\"\n");
        Path zooRun = train("zoo", "--config", zoo.toString());
        assertEquals(11.0, json(zooRun.resolve("eval.json")).get("mean_length").asDouble());
    }

    @Test
    void anUnknownEnvKwargIsAOneLineErrorNamingIt() {
        Cli c = Cli.run("train", "--env", "Pendulum-v1", "--out", tmp.resolve("bad").toString(), "--set",
                "env_kwargs.gravity=3");
        assertEquals(2, c.exitCode(), c.out() + c.err());
        assertEquals("npg4j: error: hyperparameter env_kwargs: Pendulum-v1: unknown kwarg 'gravity'; valid kwargs: g, "
                + "max_episode_steps\n", c.err());
        Cli notMapping = Cli.run("train", "--env", "Pendulum-v1", "--set", "env_kwargs=[1]");
        assertEquals(2, notMapping.exitCode());
        assertTrue(notMapping.err().startsWith("npg4j: error: hyperparameter env_kwargs: expected a mapping"),
                notMapping.err());
    }
}
