package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.Ppo;
import org.npg4j.algo.PpoConfig;
import org.npg4j.algo.TrpoConfig;

class AlgorithmsTest {
    private static ObjectNode yaml(String text) {
        return (ObjectNode) ConfigLayers.parse(text, "test");
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    /** The constrained algorithms, which need an env with costs. */
    static final java.util.Set<String> SAFE = java.util.Set.of("ctrpo", "c3po");

    @Test
    void everyAlgorithmBuildsFromItsDefaultsAndTrainsOneRollout() {
        for (String algo : Algorithms.names()) {
            ObjectNode cfg = yaml("n_envs: 2\nn_steps: 64\n" + (algo.equals("a2c") ? "" : "batch_size: 32\n"));
            String env = Algorithms.constrained(algo) ? "CartPoleSafe-v0" : "CartPole-v1";
            try (TrainingSetup s = Algorithms.build(algo, env, cfg, 0, 1)) {
                s.learn(128);
                assertEquals(128, s.trainer().timesteps(), algo);
            }
        }
    }

    @Test
    void defaultsEqualTheConfigRecordsDefaults() {
        Hyperparameters ppo = Algorithms.resolve("ppo", JsonNodeFactory.instance.objectNode());
        PpoConfig c = PpoConfig.builder().build();
        assertEquals(2048, ppo.integer("n_steps"));
        assertEquals(c.batchSize(), ppo.integer("batch_size"));
        assertEquals(3e-4, ppo.schedule("learning_rate").value(0.5));
        Hyperparameters trpo = Algorithms.resolve("trpo", JsonNodeFactory.instance.objectNode());
        assertEquals(TrpoConfig.builder().build().cgDamping(), trpo.number("cg_damping"));
        assertEquals(TrpoConfig.builder().build().targetKl(), trpo.number("target_kl"));
    }

    @Test
    void presetBuildsTheZooConfiguration() {
        ObjectNode preset = Presets.find("ppo", "CartPole-v1").orElseThrow();
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", preset, 3, 1)) {
            PpoConfig c = ((Ppo) s.update()).config();
            assertEquals(32, s.trainer().rollout().nSteps());
            assertEquals(256, c.batchSize());
            assertEquals(20, c.nEpochs());
            assertEquals(0.98, s.trainer().rollout().gamma());
            assertEquals(0.8, s.trainer().rollout().gaeLambda());
            assertEquals(0.0005, c.learningRate().value(0.5), 1e-15);
            assertEquals(0.1, c.clipRange().value(0.5), 1e-15);
            assertEquals(8, s.env().numEnvs());
            assertEquals(100_000, s.totalTimesteps());
        }
    }

    @Test
    void everyPresetResolvesAndBuildsItsConfig() {
        Presets.all().forEach((algo, envs) -> {
            assertFalse(envs.isEmpty(), algo);
            for (String env : envs) {
                ObjectNode p = Presets.find(algo, env).orElseThrow();
                Hyperparameters h = Algorithms.resolve(algo, p);
                assertTrue(h.longInteger("n_timesteps") >= 100_000, algo + " " + env);
                Algorithms.architecture(h);
            }
        });
        List<String> classic = List.of("CartPole-v1", "Acrobot-v1", "Pendulum-v1", "LunarLander-v3");
        List<String> mujoco = List.of("Hopper-v5", "Hopper-v4", "HalfCheetah-v5", "HalfCheetah-v4", "Walker2d-v5",
                "Walker2d-v4", "Ant-v5", "Ant-v4", "Swimmer-v5", "Swimmer-v4", "Humanoid-v5", "Humanoid-v4");
        List<String> ppo = new java.util.ArrayList<>(classic);
        ppo.addAll(mujoco);
        ppo.addAll(List.of("InvertedPendulum-v5", "InvertedPendulum-v4", "InvertedDoublePendulum-v5",
                "InvertedDoublePendulum-v4", "Reacher-v5", "Reacher-v4"));
        assertEquals(ppo, Presets.all().get("ppo"));
        List<String> both = new java.util.ArrayList<>(classic);
        both.addAll(mujoco);
        assertEquals(both, Presets.all().get("trpo"));
        assertEquals(both, Presets.all().get("a2c"));
    }

    @Test
    void laterLayersWinAndMappingsMergeKeyByKey() {
        ObjectNode defaults = Algorithms.defaults("ppo");
        ObjectNode preset = yaml("n_steps: 32\ngamma: 0.98\npolicy_kwargs: {net_arch: [32, 32]}");
        ObjectNode file = yaml("gamma: 0.9\npolicy_kwargs: {activation_fn: relu}");
        ObjectNode set = ConfigLayers.parseSet("policy_kwargs.net_arch=[8]");
        ObjectNode r = ConfigLayers.merge(ConfigLayers.merge(ConfigLayers.merge(defaults, preset), file), set);
        assertEquals(32, r.get("n_steps").intValue());
        assertEquals(0.9, r.get("gamma").doubleValue());
        assertEquals("relu", r.get("policy_kwargs").get("activation_fn").textValue());
        assertEquals("[8]", r.get("policy_kwargs").get("net_arch").toString());
        assertEquals(0.0, r.get("policy_kwargs").get("log_std_init").doubleValue());
        assertEquals(64, r.get("batch_size").intValue());
    }

    @Test
    void yamlNumbersInZooSpellingAreRead() {
        Hyperparameters h = Algorithms.resolve("ppo", yaml("n_timesteps: !!float 1e5\nlearning_rate: 1e-3"));
        assertEquals(100_000, h.longInteger("n_timesteps"));
        assertEquals(1e-3, h.schedule("learning_rate").value(1));
    }

    @Test
    void netArchAcceptsTheSeparateSpellings() {
        var a = Algorithms.architecture(Algorithms.resolve("ppo",
                yaml("policy_kwargs: {net_arch: {pi: [32], vf: [16, 16]}, activation_fn: nn.ReLU}")));
        assertArrayEquals(new int[] {32}, a.pi());
        assertArrayEquals(new int[] {16, 16}, a.vf());
        assertEquals(org.npg4j.nn.Activation.RELU, a.activation());
        var b = Algorithms.architecture(Algorithms.resolve("ppo",
                yaml("policy_kwargs: {net_arch: [{pi: [8], vf: [4]}]}")));
        assertArrayEquals(new int[] {4}, b.vf());
    }

    @Test
    void badConfigurationsFailNamingTheKey() {
        assertEquals("unknown ppo hyperparameter 'n_step' (closest: n_steps, n_envs, ent_coef)",
                message(() -> Algorithms.resolve("ppo", yaml("n_step: 5"))));
        assertEquals("unknown ppo hyperparameter 'policy_kwargs.net_arc' (closest: policy_kwargs.net_arch, "
                + "policy_kwargs.ortho_init, policy_kwargs.log_std_init)",
                message(() -> Algorithms.resolve("ppo", yaml("policy_kwargs: {net_arc: [3]}"))));
        assertEquals("unknown algorithm 'ppp' (closest: ppo, cpo, npg) (see npg4j algos)",
                message(() -> Algorithms.defaults("ppp")));
        assertEquals("hyperparameter n_steps: expected an integer, found \"many\"",
                message(() -> Algorithms.build("ppo", "CartPole-v1", yaml("n_steps: many"), 0, 1)));
        assertEquals("hyperparameter learning_rate: expected a number or lin_<number>, found \"fast\"",
                message(() -> Algorithms.build("ppo", "CartPole-v1", yaml("learning_rate: fast"), 0, 1)));
        assertEquals("hyperparameter normalize: expected true, false or {norm_obs: true|false, norm_reward: true|false}, found 1",
                message(() -> Algorithms.build("ppo", "CartPole-v1", yaml("normalize: 1"), 0, 1)));
        assertEquals("n_steps must be positive, got 0",
                message(() -> Algorithms.build("ppo", "CartPole-v1", yaml("n_steps: 0"), 0, 1)));
        assertEquals("batch_size 100 must divide n_steps*n_envs 2048",
                message(() -> Algorithms.build("ppo", "CartPole-v1", yaml("batch_size: 100"), 0, 1)));
        assertEquals("n_envs must be positive, got 0",
                message(() -> Algorithms.build("a2c", "CartPole-v1", yaml("n_envs: 0"), 0, 1)));
        assertEquals("hyperparameter policy_kwargs.activation_fn: expected tanh or relu, found \"gelu\"",
                message(() -> Algorithms.build("a2c", "CartPole-v1",
                        yaml("policy_kwargs: {activation_fn: gelu}"), 0, 1)));
        assertEquals("--set expects key=value, got 'gamma'", message(() -> ConfigLayers.parseSet("gamma")));
    }

    @Test
    void seedsAreDerivedPerComponentAndReproducible() {
        RunSeeds a = RunSeeds.derive(7);
        assertEquals(a, RunSeeds.derive(7));
        assertTrue(a.env() != a.policyInit() && a.actionSampling() != a.minibatchShuffling());
        assertTrue(a.evaluation() >= 0);
        assertFalse(a.equals(RunSeeds.derive(8)));
    }
}
