package org.npg4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.npg4j.spark.tune.TrialResult;
import org.npg4j.spark.tune.TrialRunner;
import org.npg4j.spark.tune.TrialTask;
import org.npg4j.spark.tune.TuneSettings;

/**
 * Runs a study's stages on Spark, one task per trial and rung, as a sweep runs its runs: tasks whose run directory is
 * complete are not trained again (their recorded results are read on the driver), and Spark starts only when a stage
 * has something to train, so resuming a finished study starts no Spark at all. Masters and checks are the sweep's
 * ({@link SparkSettings}, {@link SweepRunner}).
 */
final class SparkTrialRunner implements TrialRunner, AutoCloseable {
    private final TuneSettings settings;
    private final RunStore store;
    private final String out;
    private final String master;
    private final SparkConf conf;
    private JavaSparkContext sc;

    SparkTrialRunner(TuneSettings settings, RunStore store, String out, String resolvedMaster, SparkConf conf) {
        this.settings = settings;
        this.store = store;
        this.out = out;
        this.master = resolvedMaster;
        this.conf = conf;
    }

    @Override
    public List<TrialResult> run(List<TrialTask> tasks) {
        List<TrialResult> results = new ArrayList<>();
        List<TrialTask> pending = new ArrayList<>();
        for (TrialTask t : tasks) {
            TrialResult r = TuneTask.read(store, settings, t);
            if (r == null) {
                pending.add(t);
            } else {
                results.add(r);
            }
        }
        if (pending.isEmpty()) {
            return results;
        }
        for (TrialTask t : pending) {
            if (t.rung() == 0) {
                check(t);
            }
        }
        JavaSparkContext context = context();
        TuneSettings s = settings;
        RunStore st = store;
        try {
            results.addAll(context.parallelize(pending, pending.size()).map(t -> TuneTask.run(st, s, t)).collect());
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            String app = context.sc().applicationId();
            String where = context.sc().isStopped() ? "the Spark application " + app + " on " + master
                    + " was stopped before the study finished (when executors cannot start, the workers' work/" + app
                    + "/*/stderr says why): " : "the study failed on " + master + ": ";
            throw new IllegalStateException(where + SweepRunner.rootCause(e), e);
        }
        return results;
    }

    /**
     * Builds a new trial's configuration on the driver before Spark trains it: a key fixed with {@code --set} that
     * conflicts with a sampled value ({@code batch_size=256} with a drawn {@code n_steps} of 8) ends the study with
     * one line naming the trial instead of failing every attempt of a task.
     */
    private void check(TrialTask t) {
        try (org.npg4j.train.TrainingSetup setup = org.npg4j.train.Algorithms.build(settings.algo(), settings.env(),
                TuneTask.config(settings, t), settings.seed(), 1)) {
            setup.algorithm();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trial " + t.trial() + " (" + t.params() + ") is not a valid "
                    + "configuration: " + e.getMessage() + "; a key fixed with --set conflicts with the sampled "
                    + "values");
        }
    }

    private JavaSparkContext context() {
        if (sc == null) {
            SparkSettings.configure(conf, master);
            try {
                sc = new JavaSparkContext(conf);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Spark did not start on " + master + ": " + SweepRunner.rootCause(e),
                        e);
            }
            sc.setLogLevel("WARN");
            if (!SparkSettings.isLocal(master)) {
                SweepRunner.awaitExecutor(sc, master, conf.getLong(SweepRunner.EXECUTOR_WAIT, 300));
                SweepRunner.checkVisibleToExecutors(sc, store, out);
            }
        }
        return sc;
    }

    /** Whether Spark was started (some task had to be trained). */
    boolean started() {
        return sc != null;
    }

    @Override
    public void close() {
        if (sc != null) {
            sc.close();
            sc = null;
        }
    }
}
