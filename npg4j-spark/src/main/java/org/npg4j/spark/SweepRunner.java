package org.npg4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a sweep on Spark: every run not already complete in the output directory becomes one Spark task
 * ({@link SweepTask}); the driver then writes {@code results.csv} (one row per complete run, sorted by id, so a
 * resumed sweep never duplicates a row) and {@code report.html} (mean, standard deviation and 95% confidence
 * interval of the final evaluation per configuration).
 *
 * <p>Masters: {@code local[*]} (the default, embedded: no installation), {@code local[N]}, or any cluster URL
 * ({@code spark://host:7077}, {@code yarn}, {@code k8s://...}) — for a cluster, the output directory must be a path
 * every executor sees (a shared filesystem). Local masters are given 4 task attempts ({@code local[N,4]}) so a
 * failed task is retried, as on a cluster.
 */
public final class SweepRunner {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)]");

    private SweepRunner() {
    }

    /** The outcome: every complete run, and how many of them this invocation trained. */
    public record Outcome(List<RunSummary> runs, int trained, int skipped) {
    }

    static String withRetries(String master) {
        Matcher m = LOCAL.matcher(master.trim());
        if (master.trim().equals("local")) {
            return "local[1,4]";
        }
        return m.matches() ? "local[" + m.group(1) + ",4]" : master;
    }

    /** Runs the sweep into a local directory; {@code failOnceId} injects one failure of that run (tests), or null. */
    public static Outcome run(SweepSpec spec, String master, Path out, String failOnceId) {
        return run(spec, master, out.toAbsolutePath().toString(), failOnceId);
    }

    /** Runs the sweep into a local directory or a Hadoop-filesystem URI ({@link RunStore#of}). */
    public static Outcome run(SweepSpec spec, String master, String out, String failOnceId) {
        List<RunSpec> all = spec.expand();
        RunStore store = RunStore.of(out);
        store.init();
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
            SparkConf conf = new SparkConf().setAppName("npg4j sweep").setMaster(withRetries(master))
                    .set("spark.ui.enabled", "false")
                    .set("spark.task.maxFailures", "4");
            if (master.trim().startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                done.addAll(sc.parallelize(pending, pending.size())
                        .map(r -> SweepTask.run(store, r, failOnceId)).collect());
            }
        }
        done.sort(Comparator.comparing(RunSummary::id));
        writeResults(store, done);
        return new Outcome(done, pending.size(), skipped);
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
            double half = n > 1 ? tQuantile975(n - 1) * std / Math.sqrt(n) : Double.NaN;
            stats.put(e.getKey(), new double[] {n, mean, std, half});
        }
        return stats;
    }

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom (table to 30, then the normal). */
    static double tQuantile975(int df) {
        double[] t = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
            2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
            2.045, 2.042};
        return df <= 30 ? t[df - 1] : 1.960;
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
