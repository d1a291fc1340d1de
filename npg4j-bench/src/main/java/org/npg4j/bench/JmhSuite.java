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
 * {@code --quick} runs 1 warm-up and 2 measurement iterations of 1 s (a smoke run, wide errors); without it each
 * benchmark keeps its own annotations. REGEX selects benchmarks (default: all).
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
        ChainedOptionsBuilder opts = new OptionsBuilder().addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON).result(out.resolve("jmh.json").toString());
        if (patterns.isEmpty()) {
            opts.include("org\\.npg4j\\.bench\\..*Bench.*");
        }
        for (String p : patterns) {
            opts.include(p);
        }
        if (quick) {
            opts.warmupIterations(1).measurementIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1)).forks(1);
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        Files.writeString(out.resolve("jmh.md"), markdown(results));
        System.out.println("wrote " + out.resolve("jmh.json") + " and " + out.resolve("jmh.md"));
    }

    static String markdown(Collection<RunResult> results) {
        StringBuilder sb = new StringBuilder("| benchmark | params | mode | score | error | unit | alloc B/op |\n");
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
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4g | %.2g | %s | %s |%n", name, ps,
                    params.getMode().shortLabel(), primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    alloc == null ? "-" : String.format(Locale.ROOT, "%.1f", alloc.getScore())));
        }
        return sb.toString();
    }
}
