package org.npg4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.io.ModelFile;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.train.EpisodeEvaluation;
import org.npg4j.train.RunDirectoryWriter;
import org.npg4j.train.RunRestore;
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
        Path file = target;
        ModelFile.Model model = model(target, spec.commandLine().getErr());
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

    /**
     * The model of a run directory (its model.npg, or for a run that did not finish the policy of its last
     * checkpoint, announced on {@code err}) or of a model file.
     */
    static ModelFile.Model model(Path target, PrintWriter err) {
        if (Files.isDirectory(target)) {
            return RunRestore.model(target, note -> {
                err.println("npg4j: note: " + note);
                err.flush();
            });
        }
        if (!Files.exists(target)) {
            throw new IllegalArgumentException(target + ": no such run directory or model file");
        }
        return ModelFile.read(target);
    }

    /** The evaluation as JSON (eval.json and {@code eval --json}). */
    static String json(String envId, String algo, EpisodeEvaluation.Result r, boolean deterministic, long seed) {
        return RunDirectoryWriter.evaluationJson(envId, algo, r, deterministic, seed);
    }
}
