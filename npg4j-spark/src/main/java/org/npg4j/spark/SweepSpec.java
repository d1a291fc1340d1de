package org.npg4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.npg4j.env.Envs;
import org.npg4j.util.Suggestions;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;

/**
 * A sweep file and its deterministic expansion into runs:
 * <pre>
 * algos: [ppo, trpo]          # required
 * envs: [CartPole-v1]         # required
 * seeds: [0, 1, 2]            # or a count: seeds: 3 (0..2)
 * timesteps: 100000           # optional: n_timesteps of every run
 * preset: zoo                 # zoo (default) or default
 * set: {n_envs: 8}            # optional fixed overrides (--set-style keys)
 * grid:                       # optional: every combination of these values
 *   learning_rate: [0.001, 0.0003]
 *   gae_lambda: [0.9, 0.95]
 * </pre>
 * Expansion order: algos × envs × grid combinations (keys sorted, values in list order) × seeds.
 */
public record SweepSpec(List<String> algos, List<String> envs, List<Long> seeds, Long timesteps, String preset,
                        ObjectNode set, Map<String, List<JsonNode>> grid) {
    private static final Set<String> KEYS = Set.of("algos", "envs", "seeds", "timesteps", "preset", "set", "grid");
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Reads and validates a sweep file; errors name the file and the key. */
    public static SweepSpec read(Path file) {
        ObjectNode root = ConfigLayers.readFile(file);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(file + ": " + Suggestions.unknown("sweep key", k, KEYS));
            }
        }
        List<String> algos = strings(file, root, "algos");
        for (String a : algos) {
            Algorithms.describe(a);
        }
        List<String> envs = strings(file, root, "envs");
        for (String e : envs) {
            Envs.spec(e);
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode s = root.get("seeds");
        if (s == null) {
            seeds.add(0L);
        } else if (s.isIntegralNumber()) {
            for (long i = 0; i < s.asLong(); i++) {
                seeds.add(i);
            }
        } else if (s.isArray()) {
            for (JsonNode x : s) {
                if (!x.isIntegralNumber()) {
                    throw new IllegalArgumentException(file + ": seeds: expected integers, found " + x);
                }
                seeds.add(x.asLong());
            }
        } else {
            throw new IllegalArgumentException(file + ": seeds: expected a list of integers or a count, found " + s);
        }
        Long timesteps = null;
        if (root.has("timesteps")) {
            JsonNode t = root.get("timesteps");
            if (!t.isNumber() || t.asDouble() < 1 || t.asDouble() != Math.rint(t.asDouble())) {
                throw new IllegalArgumentException(file + ": timesteps: expected a positive integer, found " + t);
            }
            timesteps = (long) t.asDouble();
        }
        String preset = root.has("preset") ? root.get("preset").asText() : "zoo";
        if (!preset.equals("zoo") && !preset.equals("default")) {
            throw new IllegalArgumentException(file + ": preset: expected zoo or default, found " + preset);
        }
        ObjectNode set = root.has("set") ? object(file, root, "set") : JsonNodeFactory.instance.objectNode();
        Map<String, List<JsonNode>> grid = new TreeMap<>();
        if (root.has("grid")) {
            ObjectNode g = object(file, root, "grid");
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<JsonNode> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(values::add);
                } else {
                    values.add(e.getValue());
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(file + ": grid." + e.getKey() + ": no values");
                }
                grid.put(e.getKey(), values);
            }
        }
        return new SweepSpec(algos, envs, seeds, timesteps, preset, set, grid);
    }

    private static List<String> strings(Path file, ObjectNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null) {
            throw new IllegalArgumentException(file + ": missing key " + key);
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray() && n.size() > 0) {
            n.forEach(x -> out.add(x.asText()));
        } else {
            throw new IllegalArgumentException(file + ": " + key + ": expected a non-empty list, found " + n);
        }
        return out;
    }

    private static ObjectNode object(Path file, ObjectNode root, String key) {
        JsonNode n = root.get(key);
        if (!n.isObject()) {
            throw new IllegalArgumentException(file + ": " + key + ": expected a mapping, found " + n);
        }
        return (ObjectNode) n;
    }

    /** Every run, in the deterministic order described above. */
    public List<RunSpec> expand() {
        List<String> keys = new ArrayList<>(grid.keySet());
        List<int[]> combos = new ArrayList<>();
        combos.add(new int[keys.size()]);
        for (int k = keys.size() - 1; k >= 0; k--) {
            List<int[]> next = new ArrayList<>();
            int n = grid.get(keys.get(k)).size();
            for (int[] c : combos) {
                for (int v = 0; v < n; v++) {
                    int[] copy = c.clone();
                    copy[k] = v;
                    next.add(copy);
                }
            }
            combos = next;
        }
        combos.sort((x, y) -> {
            for (int i = 0; i < x.length; i++) {
                if (x[i] != y[i]) {
                    return Integer.compare(x[i], y[i]);
                }
            }
            return 0;
        });
        List<RunSpec> runs = new ArrayList<>();
        for (String algo : algos) {
            for (String env : envs) {
                for (int[] combo : combos) {
                    ObjectNode overrides = set.deepCopy();
                    StringBuilder params = new StringBuilder();
                    for (int k = 0; k < keys.size(); k++) {
                        JsonNode v = grid.get(keys.get(k)).get(combo[k]);
                        overrides = ConfigLayers.merge(overrides, ConfigLayers.parseSet(keys.get(k) + "=" + v));
                        params.append(params.length() == 0 ? "" : ",").append(keys.get(k)).append('=')
                                .append(v.isTextual() ? v.asText() : v.toString());
                    }
                    if (timesteps != null) {
                        overrides.put("n_timesteps", timesteps);
                    }
                    for (long seed : seeds) {
                        runs.add(new RunSpec(runs.size(), algo, env, seed, preset, canonical(overrides),
                                params.toString()));
                    }
                }
            }
        }
        return runs;
    }

    /**
     * Checks that every run's configuration resolves (known keys, valid values, an env the algorithm can train on) by
     * building each configuration once (seeds do not change validity), so a bad grid value is one line before Spark
     * starts rather than a failed task retried on every executor.
     *
     * @throws IllegalArgumentException naming the file, the configuration and the problem
     */
    public void checkRuns(Path file) {
        Set<String> checked = new java.util.HashSet<>();
        for (RunSpec run : expand()) {
            if (!checked.add(run.algo() + "\n" + run.env() + "\n" + run.preset() + "\n" + run.overrides())) {
                continue;
            }
            try {
                SweepTask.setup(run).close();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + run.group() + ": " + e.getMessage());
            }
        }
    }

    static String canonical(JsonNode node) {
        try {
            Object tree = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
