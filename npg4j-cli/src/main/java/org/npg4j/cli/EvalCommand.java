package org.npg4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.io.ModelFile;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.train.EpisodeEvaluation;
import org.npg4j.train.FinalEvaluation;
import org.npg4j.train.Hyperparameters;
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

    @Option(names = "--deterministic", negatable = true, fallbackValue = "true",
            description = "act with the mode of the policy; --no-deterministic samples actions. Default: the mode, "
                    + "except for a run with cost limits, which evaluates both on the same episodes with the "
                    + "sampling policy as headline (the policy its constraint was trained for)")
    Boolean deterministic;

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
        Map<String, Object> kwargs = envKwargs(file, model.envId());
        try (Env raw = Envs.make(model.envId(), kwargs)) {
            ModelFile.checkCompatible(model, raw, file.toString());
        }
        double[] limits = costLimits(file, model.envId());
        FinalEvaluation r;
        try (Env env = policy.evaluationEnv(kwargs)) {
            r = FinalEvaluation.run(policy.network(), env, model.envId(), model.algorithm(), episodes, seed, limits,
                    deterministic);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(r.json());
        } else {
            for (String line : r.lines()) {
                o.printf(Locale.ROOT, "%s %s: %s%n", model.algorithm(), model.envId(), line);
            }
        }
        o.flush();
    }

    /**
     * The cost limits of the run the model belongs to: {@code cost_limit} of the config.yaml beside the model file
     * (a run directory's), one per cost signal; empty for a model without one (an unconstrained run, or a model file
     * outside its run directory).
     */
    static double[] costLimits(Path target, String envId) {
        Path dir = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent();
        Path cfg = dir == null ? null : dir.resolve("config.yaml");
        if (cfg == null || !Files.isRegularFile(cfg)) {
            return new double[0];
        }
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = org.npg4j.train.ConfigLayers.yaml().readTree(Files.readString(cfg));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(cfg + ": cannot read (" + Main.oneLine(e) + ")");
        }
        if (config == null || !envId.equals(config.path("env").asText(envId))) {
            return new double[0];
        }
        int costCount;
        try (Env raw = Envs.make(envId)) {
            costCount = raw.costCount();
        }
        return FinalEvaluation.limitsOf(config, costCount, cfg.toString());
    }

    /**
     * The env's constructor arguments of the run the model belongs to: {@code hyperparams.env_kwargs} of the
     * config.yaml beside the model file (a run directory's); empty for a model file outside its run directory.
     */
    static Map<String, Object> envKwargs(Path target, String envId) {
        Path dir = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent();
        Path cfg = dir == null ? null : dir.resolve("config.yaml");
        if (cfg == null || !Files.isRegularFile(cfg)) {
            return Map.of();
        }
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = org.npg4j.train.ConfigLayers.yaml().readTree(Files.readString(cfg));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(cfg + ": cannot read (" + Main.oneLine(e) + ")");
        }
        if (config == null || !envId.equals(config.path("env").asText(envId))) {
            return Map.of();
        }
        try {
            return Hyperparameters.envKwargs(config.path("hyperparams").get(Hyperparameters.ENV_KWARGS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cfg + ": " + e.getMessage());
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
}
