package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.algo.PpoConfig;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

/** The algorithm registry: keys reach their records, defaults come from the records, names are found in one place. */
class AlgorithmRegistryTest {
    /** A valid value different from {@code v}, of the same kind. */
    private static JsonNode perturbed(String key, JsonNode v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (key) {
            case "divergence":
                return f.textNode(v.textValue().equals("entropy") ? "barrier" : "entropy");
            case "projection":
                return f.textNode(v.textValue().equals("kl") ? "l2" : "kl");
            case "lagrangian":
                return f.textNode(v.textValue().equals("gradient") ? "pid" : "gradient");
            case "lambda_optimizer":
                return f.textNode(v.textValue().equals("adam") ? "sgd" : "adam");
            case "cost_advantage_normalization":
                return f.textNode(v.textValue().equals("center") ? "standardize" : "center");
            default:
                break;
        }
        if (v.isNull()) {
            return f.numberNode(0.05);
        }
        if (v.isBoolean()) {
            return f.booleanNode(!v.booleanValue());
        }
        if (v.isTextual() && v.textValue().startsWith("lin_")) {
            double half = Double.parseDouble(v.textValue().substring(4)) / 2;
            return f.textNode("lin_" + java.math.BigDecimal.valueOf(half).stripTrailingZeros().toPlainString());
        }
        if (v.isIntegralNumber()) {
            return f.numberNode(v.intValue() + 1);
        }
        double d = v.doubleValue();
        return f.numberNode(d == 0 ? 0.25 : d <= 1 ? d / 2 : d * 2);
    }

    @Test
    void everyKeyOfEveryAlgorithmReachesItsConfigRecord() {
        int checked = 0;
        for (String name : Algorithms.names()) {
            checked += walkKeys(Algorithms.spec(name));
        }
        assertTrue(checked > 80, "keys checked: " + checked);
    }

    private static <C> int walkKeys(AlgorithmSpec<C> spec) {
        ObjectNode defaults = Algorithms.defaults(spec.name());
        ObjectNode recordDefaults = spec.keys().defaults();
        for (String key : spec.keys().names()) {
            assertEquals(recordDefaults.get(key), defaults.get(key), spec.name() + " " + key
                    + ": the registry's default is the record's");
            ObjectNode set = JsonNodeFactory.instance.objectNode();
            JsonNode value = perturbed(key, defaults.get(key));
            set.set(key, value);
            C config = spec.keys().read(Algorithms.resolve(spec.name(), set));
            ObjectNode back = spec.keys().defaults(config);
            for (String other : spec.keys().names()) {
                JsonNode expected = other.equals(key) ? value : recordDefaults.get(other);
                assertEquals(expected.asText(), back.get(other).asText(), spec.name() + ": setting " + key + " to "
                        + value + " gives " + other + " = " + back.get(other));
            }
        }
        return spec.keys().names().size();
    }

    @Test
    void nestedRecordsCarryTheirParentsKeys() {
        assertTrue(Algorithms.spec("c3po").keys().names().containsAll(List.of("n_epochs", "clip_range", "ent_coef",
                "adam_epsilon", "kappa", "w", "cost_limit")));
        assertTrue(Algorithms.spec("ctrpo").keys().names().containsAll(
                AlgorithmCatalog.TRPO_KEYS.names()));
        assertFalse(Algorithms.spec("ppo-kl").keys().names().contains("clip_range"), "PPO-KL has no clip range");
        // C3PO's PPO settings keep C3PO's own defaults.
        assertEquals("lin_0.0003", Algorithms.defaults("c3po").get("learning_rate").asText());
        assertEquals(15, Algorithms.defaults("ctrpo").get("line_search_max_iter").intValue());
        assertEquals(10, Algorithms.defaults("trpo").get("line_search_max_iter").intValue());
        assertTrue(Algorithms.spec("cpo").keys().names().containsAll(AlgorithmCatalog.TRPO_KEYS.names()));
        // PCPO takes its projected step whole: no line-search keys.
        assertFalse(Algorithms.spec("pcpo").keys().names().contains("line_search_max_iter"));
        assertEquals("kl", Algorithms.defaults("pcpo").get("projection").asText());
    }

    /** A trivial update: counts its rollouts. */
    private record Counting(int[] rollouts) implements OnPolicyAlgorithm {
        @Override
        public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
            rollouts[0]++;
            return Map.of("train/rollouts", (double) rollouts[0]);
        }
    }

    @Test
    void aRegisteredAlgorithmIsBuiltByNameWithItsKeys() {
        int[] rollouts = new int[1];
        ConfigKeys<PpoConfig, PpoConfig.Builder> keys = ConfigKeys.of(PpoConfig::builder, PpoConfig.Builder::build)
                .integer("batch_size", PpoConfig::batchSize, PpoConfig.Builder::batchSize);
        AlgorithmSpec<PpoConfig> spec = new AlgorithmSpec<>("counting", "counts rollouts", false,
                RolloutConfig.of(16, 0.9, 0.9), keys, (c, ctx) -> new Counting(rollouts));
        Algorithms.register(spec);
        try {
            assertTrue(Algorithms.names().contains("counting"));
            assertEquals(16, Algorithms.defaults("counting").get("n_steps").intValue());
            assertEquals("algorithm counting is already registered",
                    assertThrows(IllegalArgumentException.class, () -> Algorithms.register(spec)).getMessage());
            ObjectNode cfg = JsonNodeFactory.instance.objectNode().put("batch_size", 8);
            try (TrainingSetup s = Algorithms.build("counting", "CartPole-v1", cfg, 0, 1)) {
                s.learn(64);
                assertEquals(4, rollouts[0]);
                assertEquals(4.0, s.trainer().lastMetrics().get("train/rollouts"));
            }
            assertEquals("unknown counting hyperparameter 'clip_range' (closest: env_kwargs, n_envs, policy_kwargs)",
                    assertThrows(IllegalArgumentException.class, () -> Algorithms.resolve("counting",
                            JsonNodeFactory.instance.objectNode().put("clip_range", 0.1))).getMessage());
        } finally {
            assertTrue(Algorithms.unregister("counting"));
        }
        assertFalse(Algorithms.names().contains("counting"));
    }

    @Test
    void aSpecKeyMayNotShadowACommonKey() {
        ConfigKeys<PpoConfig, PpoConfig.Builder> keys = ConfigKeys.of(PpoConfig::builder, PpoConfig.Builder::build)
                .integer("n_steps", PpoConfig::batchSize, PpoConfig.Builder::batchSize);
        AlgorithmSpec<PpoConfig> spec = new AlgorithmSpec<>("shadow", "x", false, RolloutConfig.of(16, 0.9, 0.9),
                keys, (c, ctx) -> new Counting(new int[1]));
        assertEquals("algorithm shadow: key n_steps is a common key",
                assertThrows(IllegalArgumentException.class, () -> Algorithms.register(spec)).getMessage());
    }

    /**
     * Algorithms are chosen through the registry only: no {@code case "name"} over an algorithm's name anywhere in
     * the main code of any module.
     */
    @Test
    void noSwitchOverAlgorithmNames() throws IOException {
        Pattern caseLabel = Pattern.compile("case\\s+\"([a-z0-9-]+)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("npg4j-")).toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = caseLabel.matcher(Files.readString(file));
                        while (m.find()) {
                            if (Algorithms.names().contains(m.group(1))) {
                                found.add(file.getFileName() + ": case \"" + m.group(1) + "\"");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "switches over algorithm names: " + found);
    }
}
