package org.npg4j.bench.suite;

import org.npg4j.algo.MetricKeys;
import java.util.Map;
import org.npg4j.cli.RunDirectory;
import org.npg4j.cli.TrainingReport;

/**
 * What {@code npg4j bench} records of one training run (one child JVM).
 *
 * @param exitCode       the child's exit code (0: the run finished and wrote eval.json)
 * @param error          for a failed run, the exit code and the last line the child wrote on stderr; empty otherwise
 * @param finalMean      mean return of eval.json (20 deterministic episodes after training), NaN if failed
 * @param finalStd       standard deviation of those returns, NaN if failed
 * @param timeToTarget   the first {@code time/total_timesteps} of metrics.csv at which {@code rollout/ep_rew_mean}
 *                       (mean return of the last 100 training episodes) reached the row's target; -1 if never
 * @param wallSeconds    wall time of the child JVM from start to exit (JVM start-up, training, evaluation)
 * @param fps            the last {@code time/fps} of metrics.csv (training timesteps per second), NaN if none
 * @param peakRssKb      peak resident set size of the child (VmHWM, kB), -1 where it cannot be measured
 * @param metTarget      the final mean eval return reached the row's target
 * @param runDir         the run directory written by {@code npg4j train}, empty if none
 * @param timesteps      the learning curve: {@code time/total_timesteps} per logged update (empty if failed)
 * @param epRewMean      the learning curve: {@code rollout/ep_rew_mean} per logged update (NaN before an episode)
 */
record BenchRun(String algo, String env, long budget, long seed, int exitCode, String error, double finalMean,
                double finalStd, long timeToTarget, double wallSeconds, double fps, long peakRssKb, boolean metTarget,
                String runDir, double[] timesteps, double[] epRewMean, boolean reused) {
    static final String EP_REW_MEAN = TrainingReport.EP_REW_MEAN;

    boolean ok() {
        return exitCode == 0 && error.isEmpty();
    }

    /** A run that finished: its figures from the run directory's metrics and final evaluation. */
    static BenchRun finished(BenchSuite.Row row, long seed, RunDirectory dir, double wallSeconds, long peakRssKb,
                             boolean reused) {
        RunDirectory.Evaluation eval = dir.evaluation().orElseThrow(() ->
                new IllegalArgumentException(dir.dir() + ": no eval.json"));
        double[] t = dir.metrics().get(RunDirectory.TIMESTEPS);
        double[] r = dir.metrics().getOrDefault(EP_REW_MEAN, nan(t.length));
        return new BenchRun(row.algo(), row.env(), row.budget(), seed, 0, "", eval.meanReturn(), eval.stdReturn(),
                timeToTarget(dir.metrics(), row.target()), wallSeconds, dir.last(MetricKeys.FPS), peakRssKb,
                eval.meanReturn() >= row.target(), dir.dir().toString(), t, r, reused);
    }

    /** A run that failed: exit code and the child's last words; no figures. */
    static BenchRun failed(BenchSuite.Row row, long seed, int exitCode, String error, double wallSeconds,
                           long peakRssKb, String runDir) {
        return new BenchRun(row.algo(), row.env(), row.budget(), seed, exitCode, error, Double.NaN, Double.NaN, -1,
                wallSeconds, Double.NaN, peakRssKb, false, runDir, new double[0], new double[0], false);
    }

    /**
     * The first logged {@code time/total_timesteps} at which {@code rollout/ep_rew_mean} is at least the target, -1
     * if it never is (or the columns are missing). ep_rew_mean is the only return logged at every update; it is the
     * stochastic policy's return over the last 100 training episodes, so it lags the deterministic evaluation.
     */
    static long timeToTarget(Map<String, double[]> metrics, double target) {
        double[] t = metrics.get(RunDirectory.TIMESTEPS);
        double[] r = metrics.get(EP_REW_MEAN);
        if (t == null || r == null) {
            return -1;
        }
        for (int i = 0; i < Math.min(t.length, r.length); i++) {
            if (r[i] >= target) {
                return (long) t[i];
            }
        }
        return -1;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }
}
