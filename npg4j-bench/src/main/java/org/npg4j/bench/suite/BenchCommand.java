package org.npg4j.bench.suite;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.npg4j.cli.ExternalCommand;
import org.npg4j.cli.Main;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code npg4j bench}: the end-to-end benchmark. Every (row, seed) of a suite is one {@code npg4j train} run in a
 * child JVM with its own heap limit ({@link BenchChild}); the results are compared with the targets and the
 * rl-baselines3-zoo figures and written as {@code bench.md}, {@code bench.json} and learning curves.
 *
 * <p>The command lives here rather than in npg4j-cli so that the CLI does not depend on the benchmark; npg4j's
 * {@code Main} finds it through {@link java.util.ServiceLoader} ({@code META-INF/services/org.npg4j.cli.ExternalCommand})
 * when this module's jar is on the class path, as {@code bin/npg4j} arranges.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the end-to-end benchmark: each (algo, env, seed) of a suite is `npg4j train --preset zoo` "
                + "in a child JVM (-Xmx256m); writes OUT/bench.md (one table: final eval mean ± std over seeds, "
                + "the 95%% confidence interval of the mean, targets met, the rl-baselines3-zoo figure and the ratio, "
                + "time to target, wall time, fps, peak RSS), "
                + "OUT/bench.json (every run) and OUT/curves/<algo>-<env>.png/.svg.",
                "Suites: quick (4 rows, 9 runs, a few minutes), full (the whole sample-efficiency table, 5 seeds; "
                        + "about an hour), mujoco (PPO, TRPO and A2C on Hopper, HalfCheetah, Walker2d, Ant and Swimmer "
                        + "-v5 at 1e6 steps, 5 seeds, against 80%% of the zoo's figures; needs libmujoco, many hours), "
                        + "or a YAML file of the same format.",
                "Suite safe: ctrpo, c3po, cpo, pcpo, trpo-lag and ppo-lag on SafetyPointGoal1-v0, "
                        + "SafetyHopperVelocity-v1 and SafetyAntVelocity-v1 with cost limit 25, 5 seeds, --budget "
                        + "steps each (default 2e6): final return, final episode cost and cumulative cost above the "
                        + "limit per seed, beside the C-TRPO authors' own runs at the same budget (1e6, 2e6 or 1e7) "
                        + "and the published figures, and whether the C-TRPO paper's claim holds; envs that cannot "
                        + "run here are reported as unavailable.",
                "Resume: rerunning a bench with the same --out reuses every run that finished with the same "
                        + "arguments (OUT/runs/<row>/s<seed>.json), so a suite of many hours can run in parts."})
public final class BenchCommand implements ExternalCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--suite", defaultValue = "quick", paramLabel = "NAME|FILE",
            description = "quick, full, mujoco, safe or a suite YAML file (default: ${DEFAULT-VALUE})")
    String suite;

    @Option(names = "--budget", paramLabel = "STEPS",
            description = "training steps per run, e.g. 2e5: suite safe's budget (default: 2e6); for the other suites "
                    + "it replaces every row's budget, a smoke run (the targets are the full budget's, so they say "
                    + "little then)")
    String budget;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds 0..N-1 for every row (default: the suite's)")
    Integer seeds;

    @Option(names = "--out", defaultValue = "bench-results", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--only", paramLabel = "REGEX", description = "rows whose algo-env matches, e.g. 'ppo-CartPole'")
    String only;

    @Option(names = "--jobs", defaultValue = "1", description = "child JVMs at a time (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--xmx", description = "heap limit of each child JVM (default: 256m; suite safe: "
            + SafeBench.DEFAULT_HEAP + ")")
    String maxHeap;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        if (seeds != null && seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        if (maxHeap == null) {
            maxHeap = suite.equals(SafeBench.NAME) ? SafeBench.DEFAULT_HEAP : "256m";
        }
        if (!maxHeap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException("--xmx expects a heap size such as 256m, got '" + maxHeap + "'");
        }
        if (suite.equals(SafeBench.NAME)) {
            return safe(o);
        }
        BenchSuite s = BenchSuite.load(suite, BenchZooFigures.shipped());
        if (only != null) {
            try {
                s = s.only(Pattern.compile(only));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--only: not a regular expression: '" + only + "'");
            }
        }
        if (seeds != null) {
            s = s.withSeeds(seeds);
        }
        if (budget != null) {
            s = s.withBudget(budgetSteps());
        }
        prepareOut();
        BenchChild.Launcher launcher = BenchChild.Launcher.current(maxHeap);
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT));
        o.printf("bench: suite %s, %d rows, %d runs, %d at a time, -Xmx%s; writing %s%n", s.name(), s.rows().size(),
                s.runCount(), jobs, maxHeap, out);
        o.flush();
        long t0 = System.nanoTime();
        List<List<BenchRun>> results = runAll(s, launcher, o);
        double total = (System.nanoTime() - t0) * 1e-9;
        List<BenchTable.Summary> summaries = new ArrayList<>();
        for (int i = 0; i < s.rows().size(); i++) {
            summaries.add(BenchTable.summarize(s.rows().get(i), results.get(i)));
        }
        String header = String.format(Locale.ROOT, "Started %s; %d runs in %.0f s, %d at a time, each a child JVM "
                + "with -Xmx%s; npg4j %s, Java %s, %d cores (%s).", started, s.runCount(), total, jobs, maxHeap,
                Provenance.npg4jVersion(), Provenance.javaVersion(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        String md = BenchTable.markdown(s.name(), summaries, header);
        AtomicFiles.writeString(out.resolve("bench.md"), md);
        AtomicFiles.writeString(out.resolve("bench.json"), BenchTable.json(s.name(), summaries, machine(started,
                total)));
        Path curves = out.resolve("curves");
        try {
            Files.createDirectories(curves);
        } catch (IOException e) {
            throw new IllegalArgumentException(curves + ": cannot create (" + Main.oneLine(e) + ")");
        }
        for (BenchTable.Summary sum : summaries) {
            BenchCurves.write(sum, curves);
        }
        o.println();
        o.print(md);
        o.printf("%nwrote %s, %s and %s/*.png%n", out.resolve("bench.md"), out.resolve("bench.json"), curves);
        o.flush();
        return 0;
    }

    /** {@code --budget} as a whole number of steps ({@code 2e5} allowed). */
    private long budgetSteps() {
        double b;
        try {
            b = Double.parseDouble(budget.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget expects a number of steps such as 2e5, got '" + budget + "'");
        }
        if (!(b >= 1) || b != Math.rint(b) || b > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("--budget must be a positive whole number of steps, got '" + budget
                    + "'");
        }
        return (long) b;
    }

    /** {@code --suite safe}: the constrained algorithms on Safety-Gymnasium's tasks ({@link SafeBench}). */
    private Integer safe(PrintWriter o) throws InterruptedException {
        long steps = budget == null ? SafeBench.BUDGET : budgetSteps();
        List<SafeBench.Row> rows;
        try {
            rows = SafeBench.rows(only == null ? null : Pattern.compile(only));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--only: not a regular expression: '" + only + "'");
        }
        int n = seeds == null ? SafeBench.SEEDS : seeds;
        prepareOut();
        o.printf("bench: suite safe, %d rows, %d seeds, %s steps each, cost limit 25, %d at a time, -Xmx%s; writing %s%n",
                rows.size(), n, BenchTable.grouped(steps), jobs, maxHeap, out);
        o.flush();
        String md = SafeBench.run(rows, steps, n, jobs, BenchChild.Launcher.current(maxHeap), out, o);
        o.println();
        o.print(md);
        o.printf("%nwrote %s and %s%n", out.resolve("bench.md"), out.resolve("bench.json"));
        o.flush();
        return 0;
    }

    private void prepareOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalArgumentException(out + ": cannot create the output directory (" + Main.oneLine(e) + ")");
        }
        if (!Files.isDirectory(out) || !Files.isWritable(out)) {
            throw new IllegalArgumentException(out + ": output directory is not writable");
        }
    }

    /** Runs every (row, seed), {@code jobs} children at a time; the results in suite order. */
    private List<List<BenchRun>> runAll(BenchSuite s, BenchChild.Launcher launcher, PrintWriter o)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "npg4j-bench");
            t.setDaemon(true);
            return t;
        });
        int n = s.runCount();
        AtomicInteger done = new AtomicInteger();
        List<List<Future<BenchRun>>> futures = new ArrayList<>();
        try {
            for (BenchSuite.Row row : s.rows()) {
                List<Future<BenchRun>> fs = new ArrayList<>();
                for (long seed = 0; seed < row.seeds(); seed++) {
                    long sd = seed;
                    fs.add(pool.submit(() -> {
                        BenchRun r = BenchChild.run(launcher, row, sd, out);
                        synchronized (o) {
                            o.println(progressLine(done.incrementAndGet(), n, r));
                            o.flush();
                        }
                        return r;
                    }));
                }
                futures.add(fs);
            }
            List<List<BenchRun>> results = new ArrayList<>();
            for (List<Future<BenchRun>> fs : futures) {
                List<BenchRun> rs = new ArrayList<>();
                for (Future<BenchRun> f : fs) {
                    try {
                        rs.add(f.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("bench run failed: " + Main.oneLine(e.getCause()), e);
                    }
                }
                results.add(rs);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static String progressLine(int i, int n, BenchRun r) {
        String head = String.format(Locale.ROOT, "[%d/%d] %s %s seed %d: %s", i, n, r.algo(), r.env(), r.seed(),
                r.reused() ? "(reused) " : "");
        if (!r.ok()) {
            return head + "FAILED (" + r.error() + ") after " + BenchTable.fixed(r.wallSeconds(), 1) + " s";
        }
        return head + String.format(Locale.ROOT, "eval %.1f ± %.1f%s, target %s, %.1f s, %s fps, peak RSS %s",
                r.finalMean(), r.finalStd(), r.metTarget() ? " (met)" : "",
                r.timeToTarget() < 0 ? "not reached" : "at " + BenchTable.grouped(r.timeToTarget()) + " steps",
                r.wallSeconds(), Double.isNaN(r.fps()) ? "?" : BenchTable.grouped(Math.round(r.fps())),
                r.peakRssKb() < 0 ? "n/a" : BenchTable.fixed(r.peakRssKb() / 1024.0, 0) + " MB");
    }

    private static ObjectNode machine(String started, double totalSeconds) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("started", started);
        m.put("total_seconds", totalSeconds);
        m.put("npg4j_version", Provenance.npg4jVersion());
        m.put("java_version", Provenance.javaVersion());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        return m;
    }
}
