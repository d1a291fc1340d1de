package org.npg4j.train;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Layers of a run's configuration, resolved in the order algorithm defaults &lt; preset &lt; config file &lt;
 * {@code --set key=value}: a later layer replaces a key of an earlier one; mappings (such as
 * {@code policy_kwargs}) are merged key by key. Values are YAML (numbers, booleans, strings such as
 * {@code lin_0.001}, lists such as {@code [64, 64]}, mappings).
 */
public final class ConfigLayers {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private ConfigLayers() {
    }

    /** The YAML mapper used for configuration files. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** {@code over} laid on {@code base} (neither is modified): mappings merge recursively, other values replace. */
    public static ObjectNode merge(ObjectNode base, ObjectNode over) {
        ObjectNode out = base.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = out.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                out.set(e.getKey(), merge((ObjectNode) old, (ObjectNode) e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return out;
    }

    /**
     * Reads a YAML file of hyperparameters: a mapping of zoo keys, or a run directory's {@code config.yaml} (whose
     * {@code hyperparams} mapping is taken).
     */
    public static ObjectNode readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode root = parse(text, file.toString());
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping of hyperparameters, found "
                    + Hyperparameters.describe(root));
        }
        JsonNode h = root.get("hyperparams");
        if (h != null && h.isObject()) {
            return (ObjectNode) h;
        }
        return (ObjectNode) root;
    }

    static JsonNode parse(String text, String source) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            String problem = e.getOriginalMessage();
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
                // SnakeYAML's own message spans several lines with an excerpt; keep the problem and its place.
                problem = m.getProblem();
                if (m.getProblemMark() != null) {
                    where = "line " + (m.getProblemMark().getLine() + 1) + ", column "
                            + (m.getProblemMark().getColumn() + 1) + ": ";
                }
            }
            throw new IllegalArgumentException(source + ": " + where + "malformed YAML ("
                    + problem.replace('\n', ' ').replace('\r', ' ').trim() + ")");
        }
    }

    /**
     * One {@code key=value} override as a layer: the value is read as YAML ({@code 0.1}, {@code lin_0.2},
     * {@code true}, {@code [32, 32]}); a dotted key ({@code policy_kwargs.net_arch=[32, 32]}) sets a nested key.
     */
    public static ObjectNode parseSet(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set expects key=value, got '" + assignment + "'");
        }
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        JsonNode v = value.isEmpty() ? JsonNodeFactory.instance.nullNode() : parse(value, "--set " + key);
        if (v == null || v.isMissingNode()) {
            v = JsonNodeFactory.instance.nullNode();
        }
        String[] parts = key.split("\\.");
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            cur = cur.putObject(parts[i]);
        }
        cur.set(parts[parts.length - 1], v);
        return root;
    }

    /** YAML text of a node. */
    public static String toYaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML: " + e.getOriginalMessage(), e);
        }
    }
}
