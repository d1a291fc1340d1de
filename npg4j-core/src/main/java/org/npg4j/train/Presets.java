package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hyperparameter presets per (algorithm, env), shipped as YAML resources {@code presets/<algo>.yml}: equal to
 * rl-baselines3-zoo's where the zoo has an entry (each file says what it leaves out, e.g. gSDE), otherwise
 * npg4j's documented defaults. A preset is the second configuration layer (after the algorithm's defaults).
 */
public final class Presets {
    private Presets() {
    }

    /** The preset of {@code algo} for {@code envId}, if there is one. */
    public static Optional<ObjectNode> find(String algo, String envId) {
        JsonNode p = file(algo).get("presets").get(envId);
        return p == null ? Optional.empty() : Optional.of(((ObjectNode) p).deepCopy());
    }

    /** Where {@code algo}'s presets come from (one line). */
    public static String source(String algo) {
        return file(algo).get("source").asText();
    }

    /** For every algorithm, the env ids it has a preset for, in file order. */
    public static Map<String, List<String>> all() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String algo : Algorithms.names()) {
            List<String> ids = new ArrayList<>();
            file(algo).get("presets").fieldNames().forEachRemaining(ids::add);
            out.put(algo, ids);
        }
        return out;
    }

    private static JsonNode file(String algo) {
        Algorithms.spec(algo);
        String name = "presets/" + algo + ".yml";
        try (InputStream in = Presets.class.getResourceAsStream(name)) {
            if (in == null) {
                // No preset file: the algorithm has no presets.
                return ConfigLayers.parse("source: no preset file\npresets: {}", name);
            }
            return ConfigLayers.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
