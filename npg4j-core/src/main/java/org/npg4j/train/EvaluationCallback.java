package org.npg4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.npg4j.algo.MetricKeys;
import org.npg4j.env.Env;
import org.npg4j.math.StateMap;
import org.npg4j.util.AtomicFiles;

/**
 * Evaluation during training, as Stable-Baselines3's {@code EvalCallback}: every {@code eval_freq} env steps the
 * current policy plays {@code n_eval_episodes} whole episodes on a separate env, its observations normalized with
 * the training statistics of that moment, frozen (rewards are never normalized there); the results go to
 * {@code evaluations.csv}, the policy of the best mean return so far to {@code best_model.npg}, and training can stop
 * once the mean return reaches a threshold (SB3's {@code StopTrainingOnRewardThreshold}).
 *
 * <p><b>When.</b> {@code eval_freq} counts env steps summed over envs, as the zoo's {@code --eval-freq}: the zoo
 * hands SB3 {@code max(eval_freq / n_envs, 1)} (integer division) calls of the vector env, so evaluations fall at
 * the multiples of {@link #period()} = {@code max(eval_freq / n_envs, 1) · n_envs} env steps. SB3 evaluates in the
 * middle of a rollout with the policy that collects it; the parameters change only at updates, so this callback
 * evaluates that same policy at the rollout's end, once for each multiple crossed, and labels the row with the
 * multiple. (The observation statistics are those of the rollout's end rather than of the step in between.)
 *
 * <p><b>Seeds.</b> Evaluation j (from 0) resets episode k with seed {@code s + j·n + k}, s =
 * {@link RunSeeds#periodicEvaluation()}, and samples stochastic actions from a generator of its own: it takes
 * nothing from the training generators, so a run with evaluations ends with the same parameters as one without. The
 * row's {@code episode_seed} is {@code s + j·n}: {@code npg4j eval best_model.npg --seed <episode_seed> --episodes n}
 * replays the best row.
 *
 * <p><b>Resume.</b> The rows, the best row and the next evaluation step are checkpointed with the trainer (see
 * {@link Callback#stateName}); a resumed run writes the same rows as an uninterrupted one.
 */
public final class EvaluationCallback implements Callback {
    /** The file of the evaluation rows in a run directory. */
    public static final String CSV = "evaluations.csv";
    /** The model file of the best mean return so far in a run directory. */
    public static final String BEST_MODEL = "best_model.npg";

    /**
     * What to evaluate and when.
     *
     * @param evalFreq      env steps (summed over envs) between evaluations, ≥ 1
     * @param episodes      episodes per evaluation ({@code n_eval_episodes}), ≥ 1
     * @param deterministic act with the distribution's mode (SB3's default) or sample
     * @param stopAtReward  stop training once an evaluation's mean return is at least this; NaN: never
     */
    public record Settings(long evalFreq, int episodes, boolean deterministic, double stopAtReward) {
        public Settings {
            if (evalFreq < 1) {
                throw new IllegalArgumentException("eval_freq must be at least 1 env step, got " + evalFreq);
            }
            if (episodes < 1) {
                throw new IllegalArgumentException("n_eval_episodes must be at least 1, got " + episodes);
            }
            if (Double.isInfinite(stopAtReward)) {
                throw new IllegalArgumentException("the reward threshold must be finite, got " + stopAtReward);
            }
        }

        /** Every {@code evalFreq} env steps, 5 deterministic episodes (SB3's and the zoo's defaults), no threshold. */
        public static Settings every(long evalFreq) {
            return new Settings(evalFreq, 5, true, Double.NaN);
        }

        public Settings withEpisodes(int n) {
            return new Settings(evalFreq, n, deterministic, stopAtReward);
        }

        /** Sampled actions instead of the mode. */
        public Settings stochastic() {
            return new Settings(evalFreq, episodes, false, stopAtReward);
        }

        public Settings stopAtReward(double threshold) {
            return new Settings(evalFreq, episodes, deterministic, threshold);
        }
    }

    /**
     * One evaluation: a row of {@code evaluations.csv}.
     *
     * @param timesteps   env steps (summed over envs) the evaluation is labelled with, a multiple of the period
     * @param meanReturn  mean undiscounted episode return
     * @param stdReturn   its (population) standard deviation, as SB3 reports it
     * @param meanLength  mean episode length
     * @param meanCosts   mean episode cost per constraint (empty without costs)
     * @param episodeSeed reset seed of the first episode (episode k: {@code episodeSeed + k})
     */
    public record Row(long timesteps, double meanReturn, double stdReturn, double meanLength, double[] meanCosts,
                      long episodeSeed) {
    }

    private final TrainingSetup setup;
    private final Settings settings;
    private final Path directory;
    private final long period;
    private final int costCount;
    private final List<Row> rows = new ArrayList<>();
    private int best = -1;
    private long next;
    private boolean thresholdReached;
    private Consumer<Row> listener = r -> {
    };

    /**
     * @param setup     the run (its policy, its normalization statistics, its env factory for the evaluation env)
     * @param settings  what to evaluate and when
     * @param directory where to write {@value #CSV} and {@value #BEST_MODEL}; null keeps the rows in memory only
     */
    public EvaluationCallback(TrainingSetup setup, Settings settings, Path directory) {
        this.setup = setup;
        this.settings = settings;
        this.directory = directory;
        int nEnvs = setup.env().numEnvs();
        this.period = Math.max(settings.evalFreq() / nEnvs, 1) * nEnvs;
        try (Env probe = setup.envFactory().get()) {
            this.costCount = probe.costCount();
        }
        this.next = (setup.trainer().timesteps() / period + 1) * period;
    }

    /** Called after each evaluation with its row. */
    public EvaluationCallback onEvaluation(Consumer<Row> l) {
        this.listener = l;
        return this;
    }

    /** Env steps between evaluations: {@code max(eval_freq / n_envs, 1) · n_envs}. */
    public long period() {
        return period;
    }

    public Settings settings() {
        return settings;
    }

    /** The evaluations so far, oldest first. */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The row of the best mean return so far (the first of equals), if any. */
    public Optional<Row> best() {
        return best < 0 ? Optional.empty() : Optional.of(rows.get(best));
    }

    /** Whether an evaluation reached the reward threshold (and so stopped training). */
    public boolean thresholdReached() {
        return thresholdReached;
    }

    @Override
    public boolean onRolloutEnd(Trainer trainer) {
        // The parameters are still those that collected the rollout: the policy SB3 would evaluate in its middle.
        while (next <= trainer.timesteps()) {
            Row row = evaluate(next);
            next += period;
            if (!Double.isNaN(settings.stopAtReward()) && row.meanReturn() >= settings.stopAtReward()) {
                thresholdReached = true;
                return false;
            }
        }
        return true;
    }

    private Row evaluate(long timesteps) {
        long seed = episodeSeed(rows.size());
        EpisodeEvaluation.Result r;
        try (Env env = setup.evaluationEnv()) {
            r = EpisodeEvaluation.evaluate(setup.policy(), env, settings.episodes(), settings.deterministic(), seed);
        }
        Row row = new Row(timesteps, r.meanReturn(), r.stdReturn(), r.meanLength(), r.meanCosts().clone(), seed);
        rows.add(row);
        // Strictly better replaces the best, as SB3 does: ties keep the earlier model.
        boolean newBest = best < 0 || row.meanReturn() > rows.get(best).meanReturn();
        if (newBest) {
            best = rows.size() - 1;
        }
        if (directory != null) {
            if (newBest) {
                setup.save(directory.resolve(BEST_MODEL));
            }
            AtomicFiles.writeString(directory.resolve(CSV), csv());
        }
        listener.accept(row);
        return row;
    }

    /** Reset seed of the first episode of evaluation {@code j}. */
    private long episodeSeed(int j) {
        return setup.seeds().periodicEvaluation() + (long) j * settings.episodes();
    }

    /** The text of {@value #CSV}: a header and one row per evaluation, numbers in Java's shortest exact form. */
    public String csv() {
        StringBuilder sb = new StringBuilder("timesteps,mean_return,std_return,mean_length");
        for (int i = 0; i < costCount; i++) {
            sb.append(',').append(MetricKeys.indexed("mean_cost", i));
        }
        sb.append(",episode_seed\n");
        for (Row r : rows) {
            sb.append(r.timesteps()).append(',').append(r.meanReturn()).append(',').append(r.stdReturn()).append(',')
                    .append(r.meanLength());
            for (double c : r.meanCosts()) {
                sb.append(',').append(c);
            }
            sb.append(',').append(r.episodeSeed()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String stateName() {
        return "evaluation";
    }

    @Override
    public void writeState(StateMap out) {
        out.putLong("period", period);
        out.putLong("episodes", settings.episodes());
        out.putLong("next", next);
        out.putLong("best", best);
        int n = rows.size();
        double[] t = new double[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        double[] len = new double[n];
        double[] costs = new double[n * costCount];
        for (int j = 0; j < n; j++) {
            Row r = rows.get(j);
            t[j] = r.timesteps();
            mean[j] = r.meanReturn();
            std[j] = r.stdReturn();
            len[j] = r.meanLength();
            System.arraycopy(r.meanCosts(), 0, costs, j * costCount, costCount);
        }
        out.put("timesteps", t).put("mean_return", mean).put("std_return", std).put("mean_length", len)
                .put("mean_cost", costs);
    }

    /**
     * Restores the rows, the best row and the schedule; with a directory, rewrites {@value #CSV} to the restored rows
     * (a run killed after its last checkpoint may have written more, which the resumed run writes again).
     */
    @Override
    public void readState(StateMap in) {
        long p = in.longValue("period");
        long episodes = in.longValue("episodes");
        if (p != period || episodes != settings.episodes()) {
            throw new IllegalArgumentException("the checkpoint evaluates " + episodes + " episodes every " + p
                    + " env steps, this run " + settings.episodes() + " every " + period);
        }
        double[] t = in.doubles("timesteps", -1);
        int n = t.length;
        double[] mean = in.doubles("mean_return", n);
        double[] std = in.doubles("std_return", n);
        double[] len = in.doubles("mean_length", n);
        double[] costs = in.doubles("mean_cost", n * costCount);
        long b = in.longValue("best");
        if (b < -1 || b >= n) {
            throw new IllegalArgumentException("checkpoint evaluation state: best row " + b + " of " + n + " rows");
        }
        rows.clear();
        for (int j = 0; j < n; j++) {
            double[] c = new double[costCount];
            System.arraycopy(costs, j * costCount, c, 0, costCount);
            rows.add(new Row((long) t[j], mean[j], std[j], len[j], c, episodeSeed(j)));
        }
        best = (int) b;
        next = in.longValue("next");
        if (directory != null) {
            AtomicFiles.writeString(directory.resolve(CSV), csv());
        }
    }
}
