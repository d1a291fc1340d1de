package org.npg4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.npg4j.math.StudentT;
import org.npg4j.train.RunSummary;

/**
 * Runs a sweep on Spark: every run not already complete in the output directory becomes one Spark task
 * ({@link SweepTask}); the driver then writes {@code results.csv} (one row per complete run, sorted by id, so a
 * resumed sweep never duplicates a row) and {@code report.html} (mean, standard deviation and 95% confidence
 * interval of the final evaluation per configuration).
 *
 * <p>Masters: {@code local[*]} (the default, embedded: no installation), {@code local[N]}, or a cluster
 * ({@code spark://host:7077}; {@code yarn} and {@code k8s://...} with Spark's modules for them, see
 * docs/distributed.md). On a cluster the output directory must be a path every executor sees; the sweep checks that
 * before training. Local masters are given 4 task attempts ({@code local[N,4]}) so a failed task is retried, as on a
 * cluster.
 */
public final class SweepRunner {
    /** How long a cluster sweep waits for its first executor, in seconds (a Spark property; default 300). */
    static final String EXECUTOR_WAIT = "spark.npg4j.executorWaitSeconds";

    private SweepRunner() {
    }

    /** The outcome: every complete run, and how many of them this invocation trained. */
    public record Outcome(List<RunSummary> runs, int trained, int skipped, String master) {
    }

    /** Runs the sweep into a local directory; {@code failOnceId} injects one failure of that run (tests), or null. */
    public static Outcome run(SweepSpec spec, String master, Path out, String failOnceId) {
        return run(spec, master, out.toAbsolutePath().toString(), failOnceId);
    }

    /**
     * Runs the sweep into a local directory or a Hadoop-filesystem URI ({@link RunStore#of}).
     *
     * @param master the Spark master, or null for the configured one ({@code spark-submit --master}) or local[*]
     */
    public static Outcome run(SweepSpec spec, String master, String out, String failOnceId) {
        List<RunSpec> all = spec.expand();
        SparkConf conf = new SparkConf();
        String resolved = SparkSettings.master(master, conf);
        SparkSettings.checkMaster(resolved);
        RunStore store = RunStore.of(out);
        store.init();
        // No task of this output runs now: a .tmp-* directory is what a killed task left behind.
        store.deleteStaleWork();
        List<RunSpec> pending = new ArrayList<>();
        List<RunSummary> done = new ArrayList<>();
        for (RunSpec r : all) {
            RunSummary s = store.readSummary(r.id());
            if (s == null) {
                pending.add(r);
            } else {
                done.add(s);
            }
        }
        int skipped = done.size();
        if (!pending.isEmpty()) {
            SparkSettings.configure(conf, resolved);
            JavaSparkContext sc;
            try {
                sc = new JavaSparkContext(conf);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Spark did not start on " + resolved + ": " + rootCause(e), e);
            }
            try {
                sc.setLogLevel("WARN");
                if (!SparkSettings.isLocal(resolved)) {
                    awaitExecutor(sc, resolved, conf.getLong(EXECUTOR_WAIT, 300));
                }
                try {
                    if (!SparkSettings.isLocal(resolved)) {
                        checkVisibleToExecutors(sc, store, out);
                    }
                    done.addAll(sc.parallelize(pending, pending.size())
                            .map(r -> SweepTask.run(store, r, failOnceId)).collect());
                } catch (RuntimeException e) {
                    if (e instanceof IllegalArgumentException) {
                        throw e;
                    }
                    String app = sc.sc().applicationId();
                    String where = sc.sc().isStopped() ? "the Spark application " + app + " on " + resolved
                            + " was stopped before the sweep finished (when executors cannot start, the workers' work/"
                            + app + "/*/stderr says why): " : "the sweep failed on " + resolved + ": ";
                    throw new IllegalStateException(where + rootCause(e), e);
                }
            } finally {
                sc.close();
            }
        }
        // Attempts of a task lost with its executor may have left work directories: every run is settled now.
        store.deleteStaleWork();
        done.sort(Comparator.comparing(RunSummary::id));
        writeResults(store, done);
        return new Outcome(done, pending.size(), skipped, resolved);
    }

    /**
     * Waits until an executor has registered with the driver. A standalone master relaunches executors that exit at
     * start (a bad JVM option, a missing Java) for ever, and a job would wait for ever too: after
     * {@code spark.npg4j.executorWaitSeconds} the sweep stops with one line instead.
     */
    static void awaitExecutor(JavaSparkContext sc, String master, long seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // The block managers of the driver and of every registered executor.
        while (sc.sc().getExecutorMemoryStatus().size() < 2) {
            String app = sc.sc().applicationId();
            if (sc.sc().isStopped()) {
                throw new IllegalStateException("the Spark application " + app + " on " + master + " was stopped "
                        + "before any executor started");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no executor of the Spark application " + app + " started within "
                        + seconds + " s on " + master + ": the cluster has no worker with the free cores and memory "
                        + "it asks for, or its executors exit at start (a worker's work/" + app + "/<executor>/stderr "
                        + "says why); " + EXECUTOR_WAIT + " sets the wait");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors", e);
            }
        }
    }

    /**
     * Every executor that runs a task of this check must see a marker file the driver wrote into the output: a
     * driver-local directory would otherwise fill executors' local disks with runs the driver never sees.
     */
    static void checkVisibleToExecutors(JavaSparkContext sc, RunStore store, String out) {
        String marker = ".npg4j-visible-" + UUID.randomUUID();
        store.writeText(marker, "written by the sweep's driver\n");
        try {
            int n = Math.max(2, sc.defaultParallelism());
            List<Integer> probes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                probes.add(i);
            }
            List<String> blind = sc.parallelize(probes, n).map(i -> store.exists(marker) ? ""
                    : "executor " + org.apache.spark.SparkEnv.get().executorId() + " on "
                    + java.net.InetAddress.getLocalHost().getHostName()).collect();
            for (String b : blind) {
                if (!b.isEmpty()) {
                    throw new IllegalArgumentException("--out " + out + " is not visible to " + b + ": on a cluster "
                            + "the output must be a shared directory or a Hadoop-filesystem URI (see "
                            + "docs/distributed.md)");
                }
            }
        } finally {
            store.delete(marker);
        }
    }

    /**
     * The cause of a failure in one line: Spark wraps a task's exception in a stage failure whose first line names the
     * task, the executor and the exception.
     */
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getName();
        } else if (!(t instanceof org.apache.spark.SparkException)) {
            m = t.getClass().getName() + ": " + m;
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    static void writeResults(RunStore store, List<RunSummary> runs) {
        StringBuilder csv = new StringBuilder(RunSummary.HEADER).append('\n');
        for (RunSummary r : runs) {
            csv.append(r.csv()).append('\n');
        }
        store.writeText("results.csv", csv.toString());
        store.writeText("report.html", html(runs));
        Path out = store.localRoot();
        if (out != null && !runs.isEmpty()) {
            // Learning curves across seeds: npg4j's own report over the run directories.
            List<String> args = new ArrayList<>(List.of("report"));
            for (RunSummary r : runs) {
                args.add(out.resolve(r.id()).toString());
            }
            args.add("-o");
            args.add(out.resolve("curves.html").toString());
            java.io.StringWriter err = new java.io.StringWriter();
            int code = org.npg4j.cli.Main.run(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                    new java.io.PrintWriter(err), args.toArray(String[]::new));
            if (code != 0) {
                throw new IllegalStateException("learning-curve report failed: " + err.toString().strip());
            }
        }
    }

    /** Per configuration: seeds, mean, std (n-1), 95% CI half-width t_{0.975,n-1}·std/√n. */
    static Map<String, double[]> groups(List<RunSummary> runs) {
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            byGroup.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r.evalMean());
        }
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : byGroup.entrySet()) {
            List<Double> v = e.getValue();
            int n = v.size();
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = 0;
            for (double x : v) {
                var += (x - mean) * (x - mean);
            }
            double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0.0;
            double half = n > 1 ? StudentT.quantile975(n - 1) * std / Math.sqrt(n) : Double.NaN;
            stats.put(e.getKey(), new double[] {n, mean, std, half});
        }
        return stats;
    }

    static String html(List<RunSummary> runs) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>npg4j sweep"
                + "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}"
                + "td:first-child{text-align:left}</style></head><body>\n<h1>npg4j sweep</h1>\n");
        sb.append("<h2>Final evaluation per configuration</h2>\n<table><tr><th>configuration</th><th>seeds</th>"
                + "<th>mean return</th><th>std</th><th>95% CI</th></tr>\n");
        for (Map.Entry<String, double[]> e : groups(runs).entrySet()) {
            double[] s = e.getValue();
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%s</td></tr>%n",
                    escape(e.getKey()), (int) s[0], s[1], s[2],
                    Double.isNaN(s[3]) ? "-" : String.format(Locale.ROOT, "%.2f &plusmn; %.2f", s[1], s[3])));
        }
        sb.append("</table>\n<h2>Runs</h2>\n<table><tr><th>id</th><th>seed</th><th>eval mean</th><th>eval std</th>"
                + "<th>timesteps</th><th>wall s</th></tr>\n");
        for (RunSummary r : runs) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%d</td>"
                    + "<td>%.1f</td></tr>%n", escape(r.id()), r.seed(), r.evalMean(), r.evalStd(), r.timesteps(),
                    r.wallSeconds()));
        }
        return sb.append("</table>\n<p>Learning curves across seeds (one curve per configuration: algorithm, env and "
                + "grid point): "
                + "<a href=\"curves.html\">curves.html</a>.</p>\n</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
