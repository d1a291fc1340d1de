package org.npg4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.npg4j.env.Env;
import org.npg4j.spark.tune.TrialResult;
import org.npg4j.spark.tune.TrialTask;
import org.npg4j.spark.tune.TuneSettings;
import org.npg4j.train.Algorithms;
import org.npg4j.train.Callback;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.CsvLogger;
import org.npg4j.train.EpisodeEvaluation;
import org.npg4j.train.RunDirectoryWriter;
import org.npg4j.train.RunSummary;
import org.npg4j.train.Trainer;
import org.npg4j.train.TrainingSetup;
import org.npg4j.util.AtomicFiles;

/**
 * Trains one task of a study into its run directory, as {@link SweepTask} trains a sweep's run: written by
 * {@link RunDirectoryWriter} into a hidden directory that is renamed into place when complete. The trial trains with
 * the full budget's schedule ({@code n_timesteps} = budget, so learning-rate and clip-range decays are those of a full
 * trial) and stops after the update that reaches its rung; after the update reaching each rung the policy is evaluated
 * ({@code eval_episodes} episodes, deterministic actions; rung k resets its episodes from seed
 * {@code periodic evaluation seed + k·episodes}), and the scores go to {@value #RUNGS} before the final evaluation and
 * {@code summary.json}. Evaluations take nothing from the training generators, so the task of rung k replays the
 * task of rung k-1 step for step before going on: a promoted trial's earlier scores are reproduced exactly.
 */
public final class TuneTask {
    /** The rung scores of a trial's run directory. */
    public static final String RUNGS = "rungs.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TuneTask() {
    }

    /** The configuration of a task: the base (preset and fixed keys), the sampled values, the full budget. */
    static ObjectNode config(TuneSettings settings, TrialTask task) {
        try {
            ObjectNode c = ConfigLayers.merge(settings.baseConfig(), (ObjectNode) JSON.readTree(task.overrides()));
            c.put("n_timesteps", settings.budget());
            return c;
        } catch (IOException e) {
            throw new IllegalStateException("trial " + task.trial() + ": unreadable overrides " + task.overrides(), e);
        }
    }

    /** The recorded result of a complete run directory, or null. */
    static TrialResult read(RunStore store, TuneSettings settings, TrialTask task) {
        String id = settings.runId(task);
        RunSummary s = store.readSummary(id);
        String rungs = s == null ? null : store.readRunFile(id, RUNGS);
        if (rungs == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(rungs);
            double[] scores = new double[n.get("scores").size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = n.get("scores").get(i).asDouble();
            }
            return new TrialResult(task.trial(), task.rung(), scores, s.timesteps(), s.wallSeconds(), true);
        } catch (IOException e) {
            throw new IllegalStateException(id + "/" + RUNGS + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Trains the task, or returns its recorded result. */
    public static TrialResult run(RunStore store, TuneSettings settings, TrialTask task) {
        TrialResult done = read(store, settings, task);
        if (done != null) {
            return done;
        }
        String id = settings.runId(task);
        long start = System.nanoTime();
        Path tmp = store.newWorkDirectory(id);
        try {
            long[] budgets = settings.halving().budgets();
            double[] scores = new double[task.rung() + 1];
            long[] at = new long[task.rung() + 1];
            RunSummary summary;
            try (TrainingSetup setup = Algorithms.build(settings.algo(), settings.env(), config(settings, task),
                    settings.seed(), 1)) {
                ObjectNode fields = JsonNodeFactory.instance.objectNode();
                fields.put("id", id);
                fields.put("params", task.params());
                fields.put("trial", task.trial());
                fields.put("rung", task.rung());
                fields.put("threads", 1);
                RunDirectoryWriter.writeConfig(tmp, setup, settings.preset(), fields);
                setup.trainer().addCallback(new Callback() {
                    int next;

                    @Override
                    public boolean afterUpdate(Trainer trainer, Map<String, Double> metrics) {
                        while (next <= task.rung() && trainer.timesteps() >= budgets[next]) {
                            try (Env env = setup.evaluationEnv()) {
                                scores[next] = EpisodeEvaluation.evaluate(setup.policy(), env, settings.episodes(),
                                        true, setup.seeds().periodicEvaluation() + (long) next * settings.episodes())
                                        .meanReturn();
                            }
                            at[next] = trainer.timesteps();
                            next++;
                        }
                        return next <= task.rung();
                    }
                });
                try (CsvLogger csv = new CsvLogger(tmp.resolve(RunDirectoryWriter.METRICS))) {
                    setup.trainer().addLogger(csv);
                    setup.learn(settings.budget());
                }
                ObjectNode r = JsonNodeFactory.instance.objectNode();
                r.put("trial", task.trial());
                r.put("rung", task.rung());
                ArrayNode b = r.putArray("rung_budgets");
                ArrayNode t = r.putArray("timesteps");
                ArrayNode s = r.putArray("scores");
                for (int k = 0; k <= task.rung(); k++) {
                    b.add(budgets[k]);
                    t.add(at[k]);
                    s.add(scores[k]);
                }
                AtomicFiles.writeString(tmp.resolve(RUNGS), r.toPrettyString() + "\n");
                summary = RunDirectoryWriter.finish(tmp, setup, id, "trial " + task.trial(),
                        (System.nanoTime() - start) * 1e-9).summary();
            }
            if (!store.publish(tmp, id)) {
                TrialResult winner = read(store, settings, task);
                if (winner == null) {
                    throw new IllegalStateException("run " + id + " could not be published and has no result");
                }
                return winner;
            }
            return new TrialResult(task.trial(), task.rung(), scores, summary.timesteps(), summary.wallSeconds(),
                    false);
        } catch (RuntimeException e) {
            SweepTask.deleteTree(tmp);
            throw e;
        }
    }
}
