package org.npg4j.spark.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;

class SearchSpaceTest {
    /**
     * rl-baselines3-zoo v2.4.0, rl_zoo3/hyperparams_opt.py: sample_ppo_params, sample_trpo_params, sample_a2c_params,
     * parameter by parameter in the order they are drawn.
     */
    private static final String ZOO = """
            ppo batch_size [8, 16, 32, 64, 128, 256, 512]
            ppo n_steps [8, 16, 32, 64, 128, 256, 512, 1024, 2048]
            ppo gamma [0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999]
            ppo learning_rate log 1e-5 1
            ppo ent_coef log 1e-8 0.1
            ppo clip_range [0.1, 0.2, 0.3, 0.4]
            ppo n_epochs [1, 5, 10, 20]
            ppo gae_lambda [0.8, 0.9, 0.92, 0.95, 0.98, 0.99, 1.0]
            ppo max_grad_norm [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0, 5.0]
            ppo vf_coef uniform 0 1
            ppo net_arch [tiny, small, medium]
            ppo activation_fn [tanh, relu]
            trpo batch_size [8, 16, 32, 64, 128, 256, 512]
            trpo n_steps [8, 16, 32, 64, 128, 256, 512, 1024, 2048]
            trpo gamma [0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999]
            trpo learning_rate log 1e-5 1
            trpo n_critic_updates [5, 10, 20, 25, 30]
            trpo cg_max_steps [5, 10, 20, 25, 30]
            trpo target_kl [0.1, 0.05, 0.03, 0.02, 0.01, 0.005, 0.001]
            trpo gae_lambda [0.8, 0.9, 0.92, 0.95, 0.98, 0.99, 1.0]
            trpo net_arch [small, medium]
            trpo activation_fn [tanh, relu]
            a2c gamma [0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999]
            a2c normalize_advantage [false, true]
            a2c max_grad_norm [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0, 5.0]
            a2c use_rms_prop [false, true]
            a2c gae_lambda [0.8, 0.9, 0.92, 0.95, 0.98, 0.99, 1.0]
            a2c n_steps [8, 16, 32, 64, 128, 256, 512, 1024, 2048]
            a2c lr_schedule [linear, constant]
            a2c learning_rate log 1e-5 1
            a2c ent_coef log 1e-8 0.1
            a2c vf_coef uniform 0 1
            a2c ortho_init [false, true]
            a2c net_arch [small, medium]
            a2c activation_fn [tanh, relu]
            """;

    @Test
    void theSpacesAreTheZoos() {
        List<String> rows = new ArrayList<>();
        for (String algo : SearchSpace.algorithms()) {
            for (SearchSpace.Param p : SearchSpace.of(algo).orElseThrow().params()) {
                rows.add(algo + " " + p.name() + " " + (p instanceof SearchSpace.Uniform u
                        ? (u.log() ? "log " : "uniform ") + fmt(u.low()) + " " + fmt(u.high())
                        : ((SearchSpace.Categorical) p).choices().toString()));
            }
        }
        List<String> want = new ArrayList<>(ZOO.strip().lines().map(String::strip).toList());
        want.sort(null);
        rows.sort(null);
        assertEquals(want, rows);
        assertTrue(SearchSpace.of("npg").isEmpty());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : (v < 1e-3 ? String.format("%.0e", v).replace("e-0", "e-")
                : Double.toString(v));
    }

    @Test
    void aPointBecomesNpg4jKeysAsTheZooTurnsItIntoSb3Arguments() {
        SearchSpace ppo = SearchSpace.of("ppo").orElseThrow();
        Map<String, Object> p = new java.util.LinkedHashMap<>(ppo.sample(new SplittableRandom(3)));
        p.put("batch_size", 256);
        p.put("n_steps", 32);
        p.put("net_arch", "tiny");
        p.put("activation_fn", "relu");
        ObjectNode o = ppo.overrides(p);
        // batch_size is capped at n_steps, as the zoo does.
        assertEquals(32, o.get("batch_size").asInt());
        assertEquals("{\"pi\":[64],\"vf\":[64]}", o.get("policy_kwargs").get("net_arch").toString());
        assertEquals("relu", o.get("policy_kwargs").get("activation_fn").asText());
        // The zoo fixes ortho_init = False for PPO and TRPO; a key the user fixes overrides it.
        assertFalse(o.get("policy_kwargs").get("ortho_init").asBoolean(true), o.toString());
        assertFalse(ppo.without(List.of("policy_kwargs.ortho_init")).overrides(p).get("policy_kwargs")
                .has("ortho_init"));
        assertEquals((Double) p.get("learning_rate"), o.get("learning_rate").asDouble());
        SearchSpace a2c = SearchSpace.of("a2c").orElseThrow();
        Map<String, Object> q = new java.util.LinkedHashMap<>(a2c.sample(new SplittableRandom(0)));
        q.put("lr_schedule", "linear");
        q.put("learning_rate", 7.5e-4);
        q.put("net_arch", "medium");
        ObjectNode r = a2c.overrides(q);
        assertEquals("lin_0.00075", r.get("learning_rate").asText());
        assertEquals("{\"pi\":[256,256],\"vf\":[256,256]}", r.get("policy_kwargs").get("net_arch").toString());
        assertTrue(!r.has("lr_schedule") && !r.has("net_arch"), r.toString());
        // Fixed keys leave the space; a fixed n_steps still caps batch_size.
        SearchSpace fixed = ppo.without(List.of("n_steps", "policy_kwargs.net_arch", "learning_rate"));
        assertEquals(9, fixed.params().size());
        Map<String, Object> f = new java.util.LinkedHashMap<>(fixed.sample(new SplittableRandom(1)));
        f.put("batch_size", 512);
        assertEquals(64, fixed.overrides(f, 64).get("batch_size").asInt());
        assertEquals(q.get("ortho_init"), r.get("policy_kwargs").get("ortho_init").asBoolean());
        // 13 parameters less learning_rate and lr_schedule.
        assertEquals(11, a2c.without(List.of("learning_rate")).params().size());
    }

    @Test
    void everySampledConfigurationIsValidForNpg4j() {
        for (String algo : SearchSpace.algorithms()) {
            SearchSpace space = SearchSpace.of(algo).orElseThrow();
            for (String env : List.of("CartPole-v1", "Pendulum-v1")) {
                SplittableRandom rng = new SplittableRandom(42);
                for (int i = 0; i < 25; i++) {
                    ObjectNode config = ConfigLayers.merge(Presets.find(algo, env).orElse(
                            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()),
                            space.overrides(space.sample(rng)));
                    try (TrainingSetup s = Algorithms.build(algo, env, config, 0, 1)) {
                        assertEquals(algo, s.algorithm());
                    }
                }
            }
        }
    }
}
