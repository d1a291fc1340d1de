package org.npg4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.npg4j.env.Env;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.Provenance;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.CsvLogger;
import org.npg4j.train.EpisodeEvaluation;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;

/**
 * Trains one run of a sweep into its run directory. The directory is complete or absent: everything is written into
 * a hidden temporary directory next to it, which is renamed to {@code <out>/<id>} only when the run has finished
 * ({@code summary.json} last). A rerun of a task whose directory already exists returns the recorded summary.
 */
public final class SweepTask {
    /** Evaluation episodes of every run (deterministic actions). */
    public static final int EVAL_EPISODES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepTask() {
    }

    /** The run directory of a run. */
    public static Path runDirectory(Path out, RunSpec run) {
        return out.resolve(run.id());
    }

    /** The recorded summary of a complete run directory, or null when there is none. */
    public static RunSummary readSummary(Path dir) {
        Path f = dir.resolve("summary.json");
        return Files.isRegularFile(f) ? RunStore.parseSummary(RunStore.read(f), f.toString()) : null;
    }

    /** Trains the run into a local output directory (see {@link #run(RunStore, RunSpec, String)}). */
    public static RunSummary run(Path out, RunSpec run, String failOnceId) {
        LocalRunStore store = new LocalRunStore(out.toAbsolutePath().toString());
        store.init();
        return run(store, run, failOnceId);
    }

    /**
     * Trains the run. {@code failOnceId}: fault injection for tests — the first attempt of that run throws after
     * leaving a marker file, so the retry succeeds.
     */
    public static RunSummary run(RunStore store, RunSpec run, String failOnceId) {
        RunSummary done = store.readSummary(run.id());
        if (done != null) {
            return done;
        }
        if (run.id().equals(failOnceId) && store.createMarker(".failed-once-" + run.id())) {
            throw new IllegalStateException("injected failure of run " + run.id());
        }
        long start = System.nanoTime();
        Path tmp = store.newWorkDirectory(run.id());
        try {
            ObjectNode config = JsonNodeFactory.instance.objectNode();
            if (run.preset().equals("zoo")) {
                config = Presets.find(run.algo(), run.env()).orElse(config);
            }
            config = ConfigLayers.merge(config, (ObjectNode) JSON.readTree(run.overrides()));
            RunSummary summary;
            try (TrainingSetup setup = Algorithms.build(run.algo(), run.env(), config, run.seed(), 1)) {
                AtomicFiles.writeString(tmp.resolve("config.yaml"), configYaml(run, setup));
                try (CsvLogger csv = new CsvLogger(tmp.resolve("metrics.csv"))) {
                    setup.trainer().addLogger(csv);
                    setup.learn(setup.totalTimesteps());
                }
                setup.save(tmp.resolve("model.npg"));
                EpisodeEvaluation.Result r;
                try (Env evalEnv = setup.evaluationEnv()) {
                    r = EpisodeEvaluation.evaluate(setup.policy(), evalEnv, EVAL_EPISODES, true, setup.seeds().evaluation());
                }
                summary = new RunSummary(run.id(), run.group(), run.seed(), r.meanReturn(), r.stdReturn(),
                        setup.trainer().timesteps(), (System.nanoTime() - start) * 1e-9);
            }
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("id", summary.id());
            s.put("group", summary.group());
            s.put("seed", summary.seed());
            s.put("eval_mean", summary.evalMean());
            s.put("eval_std", summary.evalStd());
            s.put("eval_episodes", EVAL_EPISODES);
            s.put("timesteps", summary.timesteps());
            s.put("wall_seconds", summary.wallSeconds());
            ObjectNode eval = JsonNodeFactory.instance.objectNode();
            eval.put("env", run.env());
            eval.put("algo", run.algo());
            eval.put("episodes", EVAL_EPISODES);
            eval.put("deterministic", true);
            eval.put("mean_return", summary.evalMean());
            eval.put("std_return", summary.evalStd());
            AtomicFiles.writeString(tmp.resolve("eval.json"), eval.toPrettyString() + "\n");
            AtomicFiles.writeString(tmp.resolve("summary.json"), s.toPrettyString() + "\n");
            // Another attempt of the same run may have finished first: then keep its directory, drop ours.
            if (store.publish(tmp, run.id())) {
                return summary;
            }
            RunSummary winner = store.readSummary(run.id());
            if (winner == null) {
                throw new IllegalStateException("run " + run.id() + " could not be published and has no summary");
            }
            return winner;
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private static String configYaml(RunSpec run, TrainingSetup setup) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("id", run.id());
        c.put("algo", run.algo());
        c.put("env", run.env());
        c.put("seed", run.seed());
        c.put("preset", run.preset());
        c.put("params", run.params());
        c.put("npg4j_version", Provenance.npg4jVersion());
        c.put("java_version", Provenance.javaVersion());
        c.set("hyperparams", setup.hyperparameters().toNode());
        return ConfigLayers.toYaml(c);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
