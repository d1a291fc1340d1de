package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.train.ConfigLayers;

/** {@code npg4j train --config}: a run's config.yaml, rl-baselines3-zoo files, keys SB3 users know. */
class TrainConfigFileTest {
    @TempDir
    Path tmp;

    /** Trains into a fresh directory under tmp and returns the one run directory it made. */
    private Path train(String name, String... args) throws Exception {
        Path out = tmp.resolve(name);
        String[] all = Stream.concat(Stream.of("train", "--no-tensorboard", "--out", out.toString()), Stream.of(args))
                .toArray(String[]::new);
        Cli c = Cli.run(all);
        assertEquals(0, c.exitCode(), c.err());
        try (Stream<Path> s = Files.list(out)) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static JsonNode config(Path run) throws Exception {
        return ConfigLayers.yaml().readTree(Files.readString(run.resolve("config.yaml")));
    }

    private static void assertError(String expected, String... args) {
        Cli c = Cli.run(args);
        assertEquals(2, c.exitCode(), c.out() + c.err());
        assertEquals("npg4j: error: " + expected + "\n", c.err());
    }

    @Test
    void aRunsConfigTrainsItsAlgorithmEnvAndSeed() throws Exception {
        Path first = train("first", "--algo", "trpo", "--env", "Pendulum-v1", "--seed", "1", "--timesteps", "256",
                "--n-envs", "1", "--set", "n_steps=128");
        Path again = train("again", "--config", first.resolve("config.yaml").toString());
        JsonNode a = config(first);
        JsonNode b = config(again);
        for (String key : List.of("algo", "env", "seed", "hyperparams", "component_seeds")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertEquals(Files.readAllLines(first.resolve("metrics.csv")).size(),
                Files.readAllLines(again.resolve("metrics.csv")).size());
        assertTrue(again.getFileName().toString().startsWith("trpo-Pendulum-v1-s1-"), again.toString());
    }

    @Test
    void explicitOptionsWinOverARunsConfigWithANoteAndAnotherAlgorithmIsRefused() throws Exception {
        Path first = train("first", "--algo", "trpo", "--env", "Pendulum-v1", "--seed", "1", "--timesteps", "128",
                "--n-envs", "1", "--set", "n_steps=128");
        String file = first.resolve("config.yaml").toString();
        Path out = tmp.resolve("other");
        Cli c = Cli.run("train", "--no-tensorboard", "--config", file, "--env", "MountainCarContinuous-v0", "--seed",
                "2", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("note: --env MountainCarContinuous-v0 overrides env Pendulum-v1 of " + file + "\n"),
                c.out());
        assertTrue(c.out().contains("note: --seed 2 overrides seed 1 of " + file + "\n"), c.out());
        try (Stream<Path> s = Files.list(out)) {
            JsonNode cfg = config(s.findFirst().orElseThrow());
            assertEquals("trpo MountainCarContinuous-v0 2", cfg.get("algo").asText() + " " + cfg.get("env").asText()
                    + " " + cfg.get("seed").asText());
        }
        assertError("--algo ppo conflicts with " + file + ", a trpo run whose hyperparameters are trpo's; drop "
                + "--algo to train trpo", "train", "--algo", "ppo", "--config", file, "--out", out.toString());
    }

    private static final String ZOO = """
            # rl-baselines3-zoo hyperparams/ppo.yml style
            CartPole-v1:
              n_envs: 2
              n_timesteps: !!float 1.28e2
              policy: 'MlpPolicy'
              n_steps: 64
              batch_size: 32
              learning_rate: lin_0.001
              policy_kwargs: "dict(net_arch=[16, 16], activation_fn=nn.ReLU)"
              normalize: "{'norm_obs': True, 'norm_reward': True}"
            Pendulum-v1:
              n_envs: 1
              n_timesteps: !!float 128
              policy: 'MlpPolicy'
              n_steps: 128
              normalize: true
              policy_kwargs: "dict(log_std_init=-1, net_arch=dict(pi=[8], vf=[16]))"
            """;

    @Test
    void aZooFileTrainsTheEntryOfTheRunsEnv() throws Exception {
        Path zoo = Files.writeString(tmp.resolve("ppo.yml"), ZOO);
        JsonNode cart = config(train("cart", "--config", zoo.toString())).get("hyperparams");
        assertEquals("[16,16] nn.ReLU true 128.0 2 lin_0.001", cart.get("policy_kwargs").get("net_arch") + " "
                + cart.get("policy_kwargs").get("activation_fn").asText() + " " + cart.get("normalize") + " "
                + cart.get("n_timesteps") + " " + cart.get("n_envs") + " " + cart.get("learning_rate").asText());
        JsonNode pend = config(train("pend", "--config", zoo.toString(), "--env", "Pendulum-v1"));
        assertEquals("Pendulum-v1", pend.get("env").asText());
        assertEquals("{\"pi\":[8],\"vf\":[16]}", pend.get("hyperparams").get("policy_kwargs").get("net_arch").toString());
        assertEquals(-1.0, pend.get("hyperparams").get("policy_kwargs").get("log_std_init").asDouble());
        assertError(zoo + ": no entry for Acrobot-v1 in this zoo hyperparameter file (it has CartPole-v1, "
                + "Pendulum-v1); choose one with --env", "train", "--config", zoo.toString(), "--env", "Acrobot-v1");
    }

    @Test
    void aZooFileWithOneEntryNamesTheEnv() throws Exception {
        Path zoo = Files.writeString(tmp.resolve("one.yml"), ZOO.substring(ZOO.indexOf("Pendulum-v1:")));
        Path run = train("one", "--config", zoo.toString());
        assertEquals("Pendulum-v1", config(run).get("env").asText());
    }

    @Test
    void aZooNormalizeDictSwitchesObservationsAndRewardsApart() throws Exception {
        Path obsOnly = Files.writeString(tmp.resolve("obs.yml"),
                "CartPole-v1:\n  n_timesteps: 256\n  normalize: \"{'norm_obs': True, 'norm_reward': False}\"\n");
        Path run = train("obs", "--config", obsOnly.toString());
        assertEquals("{\"norm_obs\":true,\"norm_reward\":false}", config(run).get("hyperparams").get("normalize")
                .toString());
        assertTrue(org.npg4j.io.ModelFile.read(run.resolve("model.npg")).observationStatistics() != null,
                "observations were normalized, so the model carries their statistics");
        Path rewardOnly = train("reward", "--env", "CartPole-v1", "--timesteps", "256", "--set",
                "normalize.norm_obs=false");
        assertEquals("{\"norm_obs\":false,\"norm_reward\":true}", config(rewardOnly).get("hyperparams")
                .get("normalize").toString());
        assertEquals(null, org.npg4j.io.ModelFile.read(rewardOnly.resolve("model.npg")).observationStatistics(),
                "raw observations: the model has no statistics to apply");
    }

    @Test
    void zooSettingsNpg4jCannotHonourAreRefusedSayingWhatToDo() throws Exception {
        Path clip = Files.writeString(tmp.resolve("clip.yml"),
                "CartPole-v1:\n  normalize: \"{'norm_obs': True, 'clip_obs': 5.0}\"\n");
        assertError(clip + " (CartPole-v1): normalize: 'clip_obs' is not supported (npg4j's normalize takes norm_obs "
                + "and norm_reward with VecNormalize's defaults for the rest); remove it", "train", "--config",
                clip.toString());
        assertError("hyperparameter normalize.norm_obs: expected true or false, found 3", "train", "--set",
                "normalize.norm_obs=3");
        Path sde = Files.writeString(tmp.resolve("sde.yml"), "Pendulum-v1:\n  use_sde: True\n  sde_sample_freq: 4\n");
        Cli c = Cli.run("train", "--config", sde.toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().startsWith("npg4j: error: hyperparameter use_sde is not supported: gSDE"), c.err());
    }

    @Test
    void keysSb3UsersKnowButNpg4jLacksSayWhatToDoInstead() {
        Cli sde = Cli.run("train", "--set", "use_sde=true");
        assertEquals(2, sde.exitCode());
        assertEquals("npg4j: error: hyperparameter use_sde is not supported: gSDE (generalized state-dependent "
                + "exploration, Raffin et al. 2022) is not implemented: continuous actions use a state-independent "
                + "Gaussian; remove the key (policy_kwargs.log_std_init sets the initial exploration scale)\n",
                sde.err());
        Cli optimizer = Cli.run("train", "--set", "policy_kwargs.optimizer_class=RMSprop");
        assertEquals(2, optimizer.exitCode());
        assertEquals("npg4j: error: hyperparameter policy_kwargs.optimizer_class is not supported: the optimizer is "
                + "fixed by the algorithm (Adam for the gradient methods, as SB3's default); remove the key\n",
                optimizer.err());
        Cli typo = Cli.run("train", "--set", "n_step=8");
        assertTrue(typo.err().contains("closest: n_steps"), "typos still get suggestions: " + typo.err());
    }

    @Test
    void zooAnchorsMergeKeysAndMultiLineDictsResolve() throws Exception {
        Path zoo = Files.writeString(tmp.resolve("zoo.yml"), """
                CartPole-v1:
                  n_envs: 8
                  n_timesteps: !!float 1e5
                  policy: 'MlpPolicy'
                HalfCheetahBulletEnv-v0: &pybullet-defaults
                  normalize: true
                  n_envs: 16
                  clip_range: 0.4
                  policy_kwargs: "dict(log_std_init=-2,
                                       activation_fn=nn.ReLU,
                                       net_arch=[dict(pi=[256, 256], vf=[256, 256])]
                                       )"
                AntBulletEnv-v0:
                  <<: *pybullet-defaults
                  learning_rate: !!float 3e-5
                """);
        ConfigFile f = ConfigFile.read(zoo, "AntBulletEnv-v0", true);
        assertEquals("{\"normalize\":true,\"n_envs\":16,\"clip_range\":0.4,\"policy_kwargs\":{\"log_std_init\":-2,"
                + "\"activation_fn\":\"nn.ReLU\",\"net_arch\":[{\"pi\":[256,256],\"vf\":[256,256]}]},"
                + "\"learning_rate\":3.0E-5}", f.hyperparams().toString());
        assertEquals(100000.0, ConfigFile.read(zoo, "CartPole-v1", false).hyperparams().get("n_timesteps")
                .doubleValue());
        Path bad = Files.writeString(tmp.resolve("bad.yml"), "CartPole-v1:\n  n_steps: [1, 2\n");
        assertError(bad + ": line 3, column 1: malformed YAML (expected ',' or ']', but got <stream end>)", "train",
                "--config", bad.toString());
    }
}
