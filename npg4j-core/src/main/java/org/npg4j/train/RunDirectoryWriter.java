package org.npg4j.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.npg4j.env.Env;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.JsonInput;
import org.npg4j.util.Provenance;

/**
 * The one writer of run directories ({@code docs/run-directory.md}), used by {@code npg4j train} and by the Spark
 * sweeps alike, so every run directory has the same {@code config.yaml}, {@code eval.json} and {@code summary.json}.
 * Every file is written atomically (temporary file + rename) with the permissions of the umask.
 */
public final class RunDirectoryWriter {
    /** The resolved configuration. */
    public static final String CONFIG = "config.yaml";
    /** One row of logged metrics per update. */
    public static final String METRICS = "metrics.csv";
    /** The final model ({@code docs/model-format.md}). */
    public static final String MODEL = "model.npg";
    /** The final deterministic evaluation. */
    public static final String EVAL = "eval.json";
    /** The run in one record ({@link RunSummary#json}), written last: a run directory with it is complete. */
    public static final String SUMMARY = "summary.json";
    /** The HTML report of the run. */
    public static final String REPORT = "report.html";
    /** Episodes of the final evaluation (deterministic actions). */
    public static final int EVAL_EPISODES = 20;

    private RunDirectoryWriter() {
    }

    /**
     * Creates {@code parent/base}, or {@code base-2}, {@code base-3}, ... when it exists, and returns it.
     *
     * @throws IllegalArgumentException naming the directory when it cannot be created
     */
    public static Path create(Path parent, String base) {
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException(parent + ": cannot create the directory (" + e.getMessage() + ")");
        }
        for (int k = 1; ; k++) {
            Path dir = parent.resolve(k == 1 ? base : base + "-" + k);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: try the next suffix
            } catch (IOException e) {
                throw new IllegalArgumentException(dir + ": cannot create the run directory (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * The text of {@code config.yaml}: {@code algo}, {@code env}, {@code seed}, {@code preset}, then the fields of
     * {@code run} (how the run was made, e.g. {@code threads}, {@code checkpoint_every}, a sweep's {@code id} and
     * {@code params}), the versions, the component seeds and the resolved {@code hyperparams}. The file is a valid
     * {@code --config} layer and the input of {@code train --resume}.
     */
    public static String configYaml(TrainingSetup setup, String preset, ObjectNode run) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("algo", setup.algorithm());
        c.put("env", setup.envId());
        c.put("seed", setup.seeds().run());
        c.put("preset", preset);
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = run.fields(); it.hasNext(); ) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
            c.set(e.getKey(), e.getValue());
        }
        c.put("npg4j_version", Provenance.npg4jVersion());
        c.put("java_version", Provenance.javaVersion());
        ObjectNode seeds = c.putObject("component_seeds");
        seeds.put("env", setup.seeds().env());
        seeds.put("policy_init", setup.seeds().policyInit());
        seeds.put("action_sampling", setup.seeds().actionSampling());
        seeds.put("minibatch_shuffling", setup.seeds().minibatchShuffling());
        seeds.put("evaluation", setup.seeds().evaluation());
        c.set("hyperparams", setup.hyperparameters().toNode());
        return ConfigLayers.toYaml(c);
    }

    /** Writes {@code config.yaml} ({@link #configYaml}). */
    public static void writeConfig(Path dir, TrainingSetup setup, String preset, ObjectNode run) {
        AtomicFiles.writeString(dir.resolve(CONFIG), configYaml(setup, preset, run));
    }

    /**
     * What finishing a run produced.
     *
     * @param summary    the record written to summary.json
     * @param evaluation the final evaluation written to eval.json
     */
    public record Finished(RunSummary summary, FinalEvaluation evaluation) {
    }

    /**
     * Finishes a trained run: writes {@code model.npg}, evaluates the policy for {@link #EVAL_EPISODES} episodes with
     * the run's evaluation seed ({@link FinalEvaluation}: deterministic, or for a constrained run stochastic as the
     * headline and deterministic beside it, with every constraint's cost), writes {@code eval.json} and, last,
     * {@code summary.json} (from the headline).
     *
     * @param id          the run id (its directory name)
     * @param group       its configuration without the seed
     * @param wallSeconds the time the run took
     */
    public static Finished finish(Path dir, TrainingSetup setup, String id, String group, double wallSeconds) {
        setup.save(dir.resolve(MODEL));
        FinalEvaluation evaluation;
        try (Env env = setup.evaluationEnv()) {
            evaluation = FinalEvaluation.run(setup.policy(), env, setup.envId(), setup.algorithm(), EVAL_EPISODES,
                    setup.seeds().evaluation(), setup.costLimits(), null);
        }
        AtomicFiles.writeString(dir.resolve(EVAL), evaluation.json());
        EpisodeEvaluation.Result r = evaluation.headline().result();
        RunSummary s = new RunSummary(id, group, setup.seeds().run(), r.meanReturn(), r.stdReturn(),
                r.returns().length, setup.trainer().timesteps(), wallSeconds);
        AtomicFiles.writeString(dir.resolve(SUMMARY), s.json());
        return new Finished(s, evaluation);
    }

    /** The {@code summary.json} of a run directory, or null when there is none (the run is not complete). */
    public static RunSummary readSummary(Path dir) {
        Path f = dir.resolve(SUMMARY);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return RunSummary.parse(Files.readString(f), f.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
