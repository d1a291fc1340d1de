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
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.CsvLogger;
import org.npg4j.train.Presets;
import org.npg4j.train.RunDirectoryWriter;
import org.npg4j.train.RunSummary;
import org.npg4j.train.TrainingSetup;

/**
 * Trains one run of a sweep into its run directory, written by the same {@link RunDirectoryWriter} as
 * {@code npg4j train}. The directory is complete or absent: everything is written into a hidden temporary directory
 * next to it, which is renamed to {@code <out>/<id>} only when the run has finished ({@code summary.json} last). A
 * rerun of a task whose directory already exists returns the recorded summary.
 */
public final class SweepTask {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepTask() {
    }

    /** The run directory of a run. */
    public static Path runDirectory(Path out, RunSpec run) {
        return out.resolve(run.id());
    }

    /** The recorded summary of a complete run directory, or null when there is none. */
    public static RunSummary readSummary(Path dir) {
        return RunDirectoryWriter.readSummary(dir);
    }

    /**
     * The setup of a run, built from its preset and overrides (used to train it, and by the driver to check every
     * run's configuration before Spark starts). The caller closes it.
     */
    static TrainingSetup setup(RunSpec run) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (run.preset().equals("zoo")) {
            config = Presets.find(run.algo(), run.env()).orElse(config);
        }
        try {
            config = ConfigLayers.merge(config, (ObjectNode) JSON.readTree(run.overrides()));
        } catch (IOException e) {
            throw new IllegalStateException("run " + run.id() + ": unreadable overrides " + run.overrides(), e);
        }
        return Algorithms.build(run.algo(), run.env(), config, run.seed(), 1);
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
            RunSummary summary;
            try (TrainingSetup setup = setup(run)) {
                ObjectNode fields = JsonNodeFactory.instance.objectNode();
                fields.put("id", run.id());
                fields.put("params", run.params());
                fields.put("threads", 1);
                String preset = run.preset().equals("zoo") && Presets.find(run.algo(), run.env()).isPresent()
                        ? "zoo" : "default";
                RunDirectoryWriter.writeConfig(tmp, setup, preset, fields);
                try (CsvLogger csv = new CsvLogger(tmp.resolve(RunDirectoryWriter.METRICS))) {
                    setup.trainer().addLogger(csv);
                    setup.learn(setup.totalTimesteps());
                }
                summary = RunDirectoryWriter.finish(tmp, setup, run.id(), run.group(),
                        (System.nanoTime() - start) * 1e-9).summary();
            }
            // Another attempt of the same run may have finished first: then keep its directory, drop ours.
            if (store.publish(tmp, run.id())) {
                return summary;
            }
            RunSummary winner = store.readSummary(run.id());
            if (winner == null) {
                throw new IllegalStateException("run " + run.id() + " could not be published and has no summary");
            }
            return winner;
        } catch (RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
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
