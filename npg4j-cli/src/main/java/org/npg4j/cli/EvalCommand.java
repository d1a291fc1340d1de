package org.npg4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.util.JsonInput;
import org.npg4j.io.ModelFile;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.train.EpisodeEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j eval}: Monte-Carlo evaluation of a saved model on its env. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a trained model (a run directory or a model.npg file) on its env.")
public final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL_FILE")
    Path target;

    @Option(names = "--episodes", defaultValue = "20", description = "episodes (default: ${DEFAULT-VALUE})")
    int episodes;

    @Option(names = "--deterministic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "act with the mode of the policy (default); --no-deterministic samples")
    boolean deterministic;

    @Option(names = "--seed", defaultValue = "0", description = "episode k is reset with seed + k (default: 0)")
    long seed;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be at least 1, got " + episodes);
        }
        Path file = modelFile(target);
        ModelFile.Model model = ModelFile.read(file);
        TrainedPolicy policy = TrainedPolicy.of(model);
        if (!Envs.ids().contains(model.envId())) {
            throw new IllegalArgumentException(file + ": the model's env '" + model.envId() + "' is not registered");
        }
        try (Env raw = Envs.make(model.envId())) {
            ModelFile.checkCompatible(model, raw, file.toString());
        }
        EpisodeEvaluation.Result r;
        try (Env env = policy.evaluationEnv()) {
            r = EpisodeEvaluation.evaluate(policy.network(), env, episodes, deterministic, seed);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(json(model.envId(), model.algorithm(), r, deterministic, seed));
        } else {
            o.printf(Locale.ROOT, "%s %s: %d %s episodes: return %.2f +/- %.2f, length %.1f%n", model.algorithm(),
                    model.envId(), episodes, deterministic ? "deterministic" : "stochastic", r.meanReturn(),
                    r.stdReturn(), r.meanLength());
        }
    }

    /** A run directory's model.npg, or the file itself. */
    static Path modelFile(Path target) {
        if (Files.isDirectory(target)) {
            Path m = target.resolve("model.npg");
            if (!Files.isRegularFile(m)) {
                throw new IllegalArgumentException(target + ": run directory has no model.npg");
            }
            return m;
        }
        if (!Files.exists(target)) {
            throw new IllegalArgumentException(target + ": no such run directory or model file");
        }
        return target;
    }

    /** The evaluation as JSON (eval.json and {@code eval --json}). */
    static String json(String envId, String algo, EpisodeEvaluation.Result r, boolean deterministic, long seed) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("env", envId);
        n.put("algorithm", algo);
        n.put("episodes", r.returns().length);
        n.put("deterministic", deterministic);
        n.put("seed", seed);
        n.put("mean_return", r.meanReturn());
        n.put("std_return", r.stdReturn());
        n.put("mean_length", r.meanLength());
        if (r.meanCosts().length > 0) {
            var costs = n.putArray("mean_costs");
            for (double c : r.meanCosts()) {
                costs.add(c);
            }
        }
        var returns = n.putArray("returns");
        for (double x : r.returns()) {
            returns.add(x);
        }
        try {
            return JsonInput.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
