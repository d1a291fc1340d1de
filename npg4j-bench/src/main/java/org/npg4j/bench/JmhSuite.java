package org.npg4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks with the GC profiler (allocation per operation is part of every result) and writes
 * {@code bench-results/jmh.json} (JMH's JSON) and {@code bench-results/jmh.md} (a summary table).
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.JmhSuite [--quick] [--out DIR] [REGEX ...]
 * </pre>
 * {@code --quick} runs 1 warm-up and 3 measurement iterations of 1 s (a smoke run, wide errors; about 5 minutes for
 * all); without it each benchmark keeps its own annotations. REGEX selects benchmarks (default: all). The summary
 * starts with the machine's load average before and after the run: on a shared machine the figures are only as
 * good as the CPU time the benchmarks got.
 */
public final class JmhSuite {
    private JmhSuite() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean quick = false;
        Path out = Path.of("bench-results");
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> patterns.add(args[i]);
            }
        }
        Files.createDirectories(out);
        String loadBefore = loadAverage();
        ChainedOptionsBuilder opts = new OptionsBuilder().addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON).result(out.resolve("jmh.json").toString());
        if (patterns.isEmpty()) {
            opts.include("org\\.npg4j\\.bench\\..*Bench.*");
        }
        for (String p : patterns) {
            opts.include(p);
        }
        if (quick) {
            opts.warmupIterations(1).measurementIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1)).forks(1);
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        String header = String.format(Locale.ROOT, "JMH %s, %s; %d cores; load average (1, 5, 15 min) %s before, %s "
                + "after.%n%n", quick ? "--quick (1 warm-up, 3 measurement iterations of 1 s, 1 fork)"
                : "with each benchmark's own iterations", "Java " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
        Files.writeString(out.resolve("jmh.md"), header + markdown(results));
        System.out.println("wrote " + out.resolve("jmh.json") + " and " + out.resolve("jmh.md"));
    }

    /** The first three fields of /proc/loadavg, or "n/a". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** A score for reading: thousands grouped, small values to 4 significant digits. */
    static String score(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String markdown(Collection<RunResult> results) {
        StringBuilder sb = new StringBuilder("| benchmark | params | mode | score | error (99.9%) | unit | alloc B/op |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (RunResult r : results) {
            var params = r.getParams();
            StringBuilder ps = new StringBuilder();
            for (String k : params.getParamsKeys()) {
                ps.append(ps.length() == 0 ? "" : ", ").append(k).append('=').append(params.getParam(k));
            }
            Result<?> primary = r.getPrimaryResult();
            Map<String, Result> secondary = r.getSecondaryResults();
            Result<?> alloc = secondary.get("gc.alloc.rate.norm");
            String name = params.getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, ps,
                    params.getMode().shortLabel(), score(primary.getScore()), score(primary.getScoreError()),
                    primary.getScoreUnit(), alloc == null ? "-" : score(alloc.getScore())));
        }
        return sb.toString();
    }
}
