package org.npg4j.mujoco.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.npg4j.env.EnvSpec;
import org.npg4j.mujoco.Mujoco;
import org.npg4j.nn.Activation;
import org.npg4j.policy.Architecture;
import org.npg4j.train.Algorithms;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;

/** The shipped PPO, TRPO and A2C presets of the MuJoCo tasks: rl-baselines3-zoo v2.4.0's, for -v5 and -v4. */
class MujocoPresetsTest {
    private static final List<String> WALKERS = List.of("Hopper", "HalfCheetah", "Walker2d", "Ant", "Swimmer",
            "Humanoid");

    private static Map<String, List<String>> mujocoPresets() {
        Set<String> ids = new TreeSet<>();
        for (EnvSpec spec : GymnasiumTasks.specs()) {
            ids.add(spec.id());
        }
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String algo : List.of("ppo", "trpo", "a2c")) {
            out.put(algo, Presets.all().get(algo).stream().filter(ids::contains).toList());
        }
        return out;
    }

    @Test
    void theZoosMujocoEntriesApplyToBothVersions() {
        Map<String, List<String>> p = mujocoPresets();
        List<String> walkers = new ArrayList<>();
        for (String task : WALKERS) {
            walkers.add(task + "-v5");
            walkers.add(task + "-v4");
        }
        assertEquals(walkers, p.get("trpo"));
        assertEquals(walkers, p.get("a2c"));
        List<String> ppo = new ArrayList<>(walkers);
        for (String task : List.of("InvertedPendulum", "InvertedDoublePendulum", "Reacher")) {
            ppo.add(task + "-v5");
            ppo.add(task + "-v4");
        }
        assertEquals(ppo, p.get("ppo"));
        p.forEach((algo, envs) -> {
            for (String env : envs) {
                String v4 = env.replace("-v5", "-v4");
                assertEquals(Presets.find(algo, v4).orElseThrow(), Presets.find(algo, env).orElseThrow(),
                        algo + " " + env);
            }
        });
    }

    @Test
    void mergedEntriesCarryTheirDefaultsAndOverrides() {
        // PPO Swimmer-v4: <<: *mujoco-defaults (normalize, 1e6 steps) with its own keys.
        ObjectNode swimmer = Presets.find("ppo", "Swimmer-v5").orElseThrow();
        assertEquals("{\"normalize\":true,\"n_timesteps\":1000000.0,\"policy\":\"MlpPolicy\",\"gamma\":0.9999,"
                + "\"n_envs\":4,\"n_steps\":1024,\"batch_size\":256,\"learning_rate\":6.0E-4,\"gae_lambda\":0.98}",
                swimmer.toString());
        // TRPO HalfCheetah-v4: <<: *mujoco-defaults, itself <<: *pybullet-defaults with n_timesteps 1e6.
        ObjectNode cheetah = Presets.find("trpo", "HalfCheetah-v5").orElseThrow();
        assertEquals("{\"normalize\":true,\"n_envs\":2,\"n_timesteps\":1000000.0,\"policy\":\"MlpPolicy\","
                + "\"batch_size\":128,\"n_steps\":1024,\"gamma\":0.99,\"gae_lambda\":0.95,\"cg_max_steps\":25,"
                + "\"cg_damping\":0.1,\"n_critic_updates\":20,\"learning_rate\":0.001,\"target_kl\":0.04}",
                cheetah.toString());
        assertEquals(2_000_000, Presets.find("a2c", "Humanoid-v5").orElseThrow().get("n_timesteps").asLong());
        assertEquals(0.9999, Presets.find("a2c", "Swimmer-v4").orElseThrow().get("gamma").asDouble());
        ObjectNode hopper = Presets.find("ppo", "Hopper-v5").orElseThrow();
        assertEquals("{\"log_std_init\":-2,\"ortho_init\":false,\"activation_fn\":\"relu\",\"net_arch\":"
                + "{\"pi\":[256,256],\"vf\":[256,256]}}", hopper.get("policy_kwargs").toString());
        assertEquals(9.80828e-5, hopper.get("learning_rate").asDouble());
    }

    /** Every MuJoCo preset resolves, and with the engine builds a trainer for its env. */
    @Test
    void everyPresetBuildsATrainerForItsEnv() {
        mujocoPresets().forEach((algo, envs) -> {
            for (String env : envs) {
                Algorithms.resolve(algo, Presets.find(algo, env).orElseThrow());
            }
        });
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
        mujocoPresets().forEach((algo, envs) -> {
            for (String env : envs) {
                ObjectNode preset = Presets.find(algo, env).orElseThrow();
                try (TrainingSetup s = Algorithms.build(algo, env, preset, 0, 1)) {
                    assertEquals(preset.get("n_timesteps").asLong(), s.totalTimesteps(), algo + " " + env);
                    assertTrue(s.normalization() != null, algo + " " + env + " normalizes");
                    assertEquals(preset.path("n_envs").asInt(1), s.env().numEnvs(), algo + " " + env);
                    if (preset.has("policy_kwargs")) {
                        Architecture a = s.architecture();
                        assertArrayEquals(new int[] {256, 256}, a.pi());
                        assertEquals(Activation.RELU, a.activation());
                        assertFalse(a.orthoInit(), algo + " " + env);
                        assertEquals(-2.0, a.logStdInit());
                    } else {
                        assertTrue(s.architecture().orthoInit(), algo + " " + env);
                    }
                }
            }
        });
        // One update of PPO on Hopper-v5 with its preset runs and changes the policy.
        try (TrainingSetup s = Algorithms.build("ppo", "Hopper-v5", Presets.find("ppo", "Hopper-v5").orElseThrow(),
                0, 1)) {
            double[] before = s.policy().parameters().clone();
            s.learn(512);
            assertEquals(512, s.trainer().timesteps());
            assertFalse(java.util.Arrays.equals(before, s.policy().parameters()));
        }
    }
}
