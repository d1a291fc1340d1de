package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.npg4j.util.Suggestions;
import org.npg4j.nn.Schedule;

/**
 * A resolved hyperparameter map of one algorithm (zoo keys such as {@code n_steps}, {@code learning_rate}) read
 * with types: every accessor fails with a one-line message naming the key, the expected type and the value found.
 * Construction rejects keys the algorithm does not know, suggesting the closest valid ones.
 */
public final class Hyperparameters {
    /** The key of the env's constructor arguments (the zoo's), a mapping the env checks rather than the algorithm. */
    public static final String ENV_KWARGS = "env_kwargs";
    /** Mappings whose keys are not the algorithm's to check. */
    private static final List<String> FREE_MAPPINGS = List.of(ENV_KWARGS);
    private final String algo;
    private final ObjectNode node;

    private Hyperparameters(String algo, ObjectNode node) {
        this.algo = algo;
        this.node = node;
    }

    /**
     * Checks every key of {@code resolved} (and of its {@code policy_kwargs}) against those of
     * {@code defaults}; the defaults also supply the keys {@code resolved} lacks.
     */
    static Hyperparameters of(String algo, ObjectNode defaults, ObjectNode resolved) {
        checkKeys(algo, defaults, resolved, "");
        ObjectNode merged = ConfigLayers.merge(defaults, resolved);
        Hyperparameters h = new Hyperparameters(algo, merged);
        if (merged.has("normalize")) {
            // one canonical form: a boolean when both parts agree, else both parts named
            merged.set("normalize", normalizationNode(h.normalization()));
        }
        return h;
    }

    private static void checkKeys(String algo, ObjectNode defaults, ObjectNode given, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode def = defaults.get(key);
            if (def == null) {
                UnsupportedKeys.explain(prefix + key).ifPresent(why -> {
                    throw new IllegalArgumentException(why);
                });
                List<String> valid = new ArrayList<>();
                defaults.fieldNames().forEachRemaining(valid::add);
                throw new IllegalArgumentException(Suggestions.unknown(algo + " hyperparameter", prefix + key,
                        valid.stream().map(k -> prefix + k).toList()));
            }
            if (def.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException("hyperparameter " + prefix + key
                            + ": expected a mapping, found " + describe(e.getValue()));
                }
                if (!FREE_MAPPINGS.contains(prefix + key)) {
                    checkKeys(algo, (ObjectNode) def, (ObjectNode) e.getValue(), prefix + key + ".");
                }
            }
        }
    }

    /**
     * The env's constructor arguments ({@code env_kwargs}, empty by default) for {@link org.npg4j.env.Envs#make(
     * String, Map)}: numbers as Integer, Long or Double as YAML wrote them, booleans, strings, lists and mappings.
     */
    public Map<String, Object> envKwargs() {
        return envKwargs(raw(ENV_KWARGS));
    }

    /** {@link #envKwargs()} of a mapping node (null or missing: none). */
    public static Map<String, Object> envKwargs(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("hyperparameter " + ENV_KWARGS + ": expected a mapping of the env's "
                    + "arguments such as {forward_reward_weight: 2.0}, found " + describe(node));
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            Object v = plain(e.getValue());
            if (v == null) {
                throw new IllegalArgumentException("hyperparameter " + ENV_KWARGS + "." + e.getKey()
                        + ": expected a value, found null");
            }
            out.put(e.getKey(), v);
        });
        return out;
    }

    private static Object plain(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.canConvertToInt() ? (Object) n.intValue() : (Object) n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>();
            n.forEach(x -> list.add(plain(x)));
            return list;
        }
        if (n.isObject()) {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            n.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        return null;
    }

    /** The algorithm these hyperparameters are for. */
    public String algorithm() {
        return algo;
    }

    /** The full resolved map (defaults filled in); a copy. */
    public ObjectNode toNode() {
        return node.deepCopy();
    }

    JsonNode raw(String key) {
        String[] path = key.split("\\.");
        JsonNode n = node;
        for (String p : path) {
            n = n == null ? null : n.get(p);
        }
        return n;
    }

    private IllegalArgumentException wrong(String key, String expected, JsonNode found) {
        return new IllegalArgumentException("hyperparameter " + key + ": expected " + expected + ", found "
                + describe(found));
    }

    public int integer(String key) {
        JsonNode n = raw(key);
        if (n == null || !n.isNumber() || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw wrong(key, "an integer", n);
        }
        if (Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyperparameter " + key + ": " + n.asText() + " is out of range");
        }
        return (int) n.doubleValue();
    }

    public long longInteger(String key) {
        JsonNode n = raw(key);
        if (n == null || !n.isNumber() || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw wrong(key, "an integer", n);
        }
        return n.isIntegralNumber() ? n.longValue() : (long) n.doubleValue();
    }

    public double number(String key) {
        JsonNode n = raw(key);
        if (n == null || !n.isNumber()) {
            throw wrong(key, "a number", n);
        }
        return n.doubleValue();
    }

    /** A number or null (YAML {@code null}/{@code ~}) for an option that can be switched off. */
    public Double optionalNumber(String key) {
        JsonNode n = raw(key);
        return n == null || n.isNull() ? null : number(key);
    }

    public boolean bool(String key) {
        JsonNode n = raw(key);
        if (n == null || !n.isBoolean()) {
            throw wrong(key, "true or false", n);
        }
        return n.booleanValue();
    }

    /**
     * The {@code normalize} key: {@code true} or {@code false} (observations and rewards together), or a mapping
     * {@code {norm_obs: B, norm_reward: B}} (SB3's VecNormalize arguments; a missing one is on, as there).
     */
    public org.npg4j.rollout.Normalization normalization() {
        JsonNode n = raw("normalize");
        if (n != null && n.isBoolean()) {
            return org.npg4j.rollout.Normalization.of(n.booleanValue());
        }
        if (n == null || !n.isObject()) {
            throw wrong("normalize", "true, false or {norm_obs: true|false, norm_reward: true|false}", n);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("norm_obs") && !e.getKey().equals("norm_reward")) {
                throw new IllegalArgumentException(Suggestions.unknown("normalize key", "normalize." + e.getKey(),
                        List.of("normalize.norm_obs", "normalize.norm_reward")));
            }
            if (!e.getValue().isBoolean()) {
                throw wrong("normalize." + e.getKey(), "true or false", e.getValue());
            }
        }
        return new org.npg4j.rollout.Normalization(n.path("norm_obs").asBoolean(true),
                n.path("norm_reward").asBoolean(true));
    }

    /** The JSON form of a normalization: a boolean when both parts agree, else the mapping. */
    public static JsonNode normalizationNode(org.npg4j.rollout.Normalization n) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (n.uniform()) {
            return f.booleanNode(n.observations());
        }
        ObjectNode o = f.objectNode();
        o.put("norm_obs", n.observations());
        o.put("norm_reward", n.rewards());
        return o;
    }

    public String text(String key) {
        JsonNode n = raw(key);
        if (n == null || !n.isTextual()) {
            throw wrong(key, "a string", n);
        }
        return n.textValue();
    }

    /** A zoo schedule: a number (constant) or {@code lin_X} (X·progress_remaining). */
    public Schedule schedule(String key) {
        JsonNode n = raw(key);
        if (n != null && n.isNumber()) {
            return Schedule.constant(n.doubleValue());
        }
        if (n != null && n.isTextual() && n.textValue().startsWith("lin_")) {
            try {
                return Schedule.linear(Double.parseDouble(n.textValue().substring(4)));
            } catch (NumberFormatException e) {
                throw wrong(key, "a number or lin_<number>", n);
            }
        }
        throw wrong(key, "a number or lin_<number>", n);
    }

    /** A schedule or null. */
    public Schedule optionalSchedule(String key) {
        JsonNode n = raw(key);
        return n == null || n.isNull() ? null : schedule(key);
    }

    /** A list of positive layer sizes such as {@code [64, 64]}. */
    public int[] layers(String key, JsonNode n) {
        if (n == null || !n.isArray()) {
            throw wrong(key, "a list of layer sizes such as [64, 64]", n);
        }
        int[] sizes = new int[n.size()];
        for (int i = 0; i < sizes.length; i++) {
            JsonNode x = n.get(i);
            if (!x.isIntegralNumber() || x.intValue() < 1) {
                throw new IllegalArgumentException("hyperparameter " + key + "[" + i
                        + "]: expected a positive layer size, found " + describe(x));
            }
            sizes[i] = x.intValue();
        }
        return sizes;
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "\"" + n.textValue() + "\"";
        }
        if (n.isArray()) {
            return "a list " + n;
        }
        if (n.isObject()) {
            return "a mapping " + n;
        }
        return n.asText();
    }
}
