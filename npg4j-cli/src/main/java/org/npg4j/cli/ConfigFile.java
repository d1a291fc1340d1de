package org.npg4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.npg4j.train.ConfigLayers;

/**
 * A file given to {@code npg4j train --config}, of one of three kinds:
 * <ul>
 *   <li>a run directory's {@code config.yaml}: its {@code hyperparams}, and the run's {@code algo}, {@code env} and
 *   {@code seed}, which the run takes unless options say otherwise (the hyperparameters are resolved for that
 *   algorithm and env, so a run's config alone reproduces the run);</li>
 *   <li>an rl-baselines3-zoo hyperparameter file, keyed by env id at the top level: the entry of the run's env (of
 *   its only env when {@code --env} is not given), with the zoo's Python strings ({@code policy_kwargs:
 *   "dict(net_arch=[64, 64], activation_fn=nn.Tanh)"}, {@code normalize: "{'norm_obs': True, ...}"}) read as
 *   values;</li>
 *   <li>a plain mapping of hyperparameters (zoo keys), read the same way.</li>
 * </ul>
 *
 * @param algo        the run's algorithm, for a run's config.yaml
 * @param env         the run's env (of a run's config.yaml, or the zoo entry taken when {@code --env} was not given)
 * @param seed        the run's seed, for a run's config.yaml
 * @param hyperparams the configuration layer the file contributes
 */
record ConfigFile(Optional<String> algo, Optional<String> env, Optional<Long> seed, ObjectNode hyperparams) {
    /** A Gymnasium env id: a name and a version, {@code CartPole-v1}, {@code ALE/Pong-v5}. */
    private static final Pattern ENV_ID = Pattern.compile("[\\w.:/-]+-v\\d+");

    /**
     * Reads {@code file}; {@code envOption} is the {@code --env} given on the command line, or the default env when
     * {@code explicitEnv} is false (a zoo file with one entry then names the env).
     */
    static ConfigFile read(Path file, String envOption, boolean explicitEnv) {
        JsonNode root;
        try {
            // SnakeYAML itself rather than Jackson's tree: the zoo's files use anchors, aliases and merge keys
            // (AntBulletEnv-v0: {<<: *pybullet-defaults, ...}), which Jackson leaves unresolved.
            root = ConfigLayers.yaml().valueToTree(new org.yaml.snakeyaml.Yaml().load(Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + Main.oneLine(e) + ")");
        } catch (org.yaml.snakeyaml.error.YAMLException | IllegalArgumentException e) {
            // Malformed YAML: ConfigLayers words it (line, column, problem) in one line.
            return new ConfigFile(Optional.empty(), Optional.empty(), Optional.empty(), ConfigLayers.readFile(file));
        }
        if (root != null && root.path("hyperparams").isObject()) {
            return new ConfigFile(text(root, "algo"), text(root, "env"),
                    root.path("seed").isIntegralNumber() ? Optional.of(root.get("seed").asLong()) : Optional.empty(),
                    (ObjectNode) root.get("hyperparams"));
        }
        if (isZooFile(root)) {
            List<String> ids = new ArrayList<>();
            root.fieldNames().forEachRemaining(ids::add);
            String id = !explicitEnv && ids.size() == 1 ? ids.get(0) : envOption;
            if (!root.has(id)) {
                throw new IllegalArgumentException(file + ": no entry for " + id + " in this zoo hyperparameter file "
                        + "(it has " + String.join(", ", ids) + "); choose one with --env");
            }
            return new ConfigFile(Optional.empty(), Optional.of(id).filter(i -> !explicitEnv), Optional.empty(),
                    zooValues((ObjectNode) root.get(id), file + " (" + id + ")"));
        }
        return new ConfigFile(Optional.empty(), Optional.empty(), Optional.empty(),
                zooValues(ConfigLayers.readFile(file), file.toString()));
    }

    /** Keyed by env ids at the top level, each a mapping (the zoo's {@code hyperparams/<algo>.yml}). */
    private static boolean isZooFile(JsonNode root) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            return false;
        }
        boolean anyEnvId = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                return false;
            }
            anyEnvId |= ENV_ID.matcher(e.getKey()).matches();
        }
        return anyEnvId;
    }

    /**
     * The zoo's Python strings as values: {@code policy_kwargs} and {@code env_kwargs} ({@code dict(...)}) and {@code normalize} (a bool, or
     * a dict of VecNormalize's arguments).
     */
    static ObjectNode zooValues(ObjectNode entry, String source) {
        ObjectNode out = entry.deepCopy();
        for (String key : new String[] {"policy_kwargs", "env_kwargs"}) {
            JsonNode pk = out.get(key);
            if (pk != null && pk.isTextual()) {
                JsonNode v = PythonLiteral.parse(pk.textValue(), source + ": " + key);
                if (!v.isObject()) {
                    throw new IllegalArgumentException(source + ": " + key + ": expected dict(...), found \""
                            + pk.textValue() + "\"");
                }
                out.set(key, v);
            }
        }
        JsonNode norm = out.get("normalize");
        if (norm != null && norm.isTextual()) {
            norm = PythonLiteral.parse(norm.textValue(), source + ": normalize");
        }
        if (norm != null && norm.isObject()) {
            out.set("normalize", normalizeKwargs((ObjectNode) norm, source));
        }
        return out;
    }

    /**
     * A zoo {@code normalize} dict is VecNormalize's arguments: npg4j takes {@code norm_obs} and {@code norm_reward}
     * (each true or false) with VecNormalize's defaults for the rest.
     */
    private static ObjectNode normalizeKwargs(ObjectNode kwargs, String source) {
        for (Iterator<String> it = kwargs.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("norm_obs") && !k.equals("norm_reward")) {
                throw new IllegalArgumentException(source + ": normalize: '" + k + "' is not supported (npg4j's "
                        + "normalize takes norm_obs and norm_reward with VecNormalize's defaults for the rest); "
                        + "remove it");
            }
            if (!kwargs.get(k).isBoolean()) {
                throw new IllegalArgumentException(source + ": normalize: '" + k + "' must be True or False, found "
                        + kwargs.get(k));
            }
        }
        return kwargs;
    }

    private static Optional<String> text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
