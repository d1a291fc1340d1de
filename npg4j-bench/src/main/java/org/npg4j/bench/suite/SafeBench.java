package org.npg4j.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.npg4j.cli.Main;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.algo.MetricKeys;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.JsonInput;

/**
 * The {@code safe} suite of {@code npg4j bench}: the constrained algorithms (ctrpo, c3po, cpo, pcpo, trpo-lag,
 * ppo-lag) on Safety-Gymnasium's tasks (SafetyPointGoal1-v0, SafetyHopperVelocity-v1, SafetyAntVelocity-v1) with the
 * per-episode cost limit 25, 5 seeds and a training budget (default 2·10⁶ steps). Each (algo, env, seed) is
 * {@code npg4j train --preset zoo --set cost_limit=25} in a child JVM; per seed it records the final return and
 * episode cost (the final evaluation's headline: 20 episodes of the stochastic policy) and the cumulative cost above
 * the limit during training (the last {@code safety/cumulative_violation}: Σ over updates of max(0, Ĵ_c − 25)).
 * The table prints the published figures beside (the C-TRPO paper's final interquartile means after 10⁷ steps and
 * OmniSafe 0.5.0's benchmark). An env that is not registered, or cannot be made here (no MuJoCo), makes its rows
 * "unavailable" instead of failing the suite.
 */
final class SafeBench {
    static final String NAME = "safe";
    static final List<String> ALGOS = List.of("ctrpo", "c3po", "cpo", "pcpo", "trpo-lag", "ppo-lag");
    static final List<String> ENVS = List.of("SafetyPointGoal1-v0", "SafetyHopperVelocity-v1", "SafetyAntVelocity-v1");
    static final double LIMIT = 25;
    static final int SEEDS = 5;
    static final long BUDGET = 2_000_000;
    /**
     * The children's default heap: a preset's update holds 20,000 steps of rollout and the Fisher products' tapes of
     * them (256m, the other suites' default, runs out).
     */
    static final String DEFAULT_HEAP = "2g";

    /** A published figure: return, episode cost and (NaN when not published) cumulative cost above the limit. */
    record Published(String source, double ret, double cost, double cumulativeViolation) {
        String text() {
            String s = BenchTable.fixed(ret, 1) + " / " + BenchTable.fixed(cost, 1);
            return Double.isNaN(cumulativeViolation) ? s : s + " / " + BenchTable.fixed(cumulativeViolation, 0);
        }
    }

    static final String CTRPO_PAPER = "C-TRPO paper (Milosevic et al. 2025), 1e7 steps, IQM";
    static final String OMNISAFE = "OmniSafe 0.5.0 benchmark";

    /** The published figures by {@code algo|env}. */
    static final Map<String, List<Published>> PUBLISHED = Map.ofEntries(
            Map.entry("ctrpo|SafetyPointGoal1-v0", List.of(new Published(CTRPO_PAPER, 20.9, 29.6, 2460))),
            Map.entry("trpo-lag|SafetyPointGoal1-v0", List.of(new Published(CTRPO_PAPER, 18.5, 28.4, 4095),
                    new Published(OMNISAFE, 18.51, 22.98, Double.NaN))),
            Map.entry("ppo-lag|SafetyPointGoal1-v0", List.of(new Published(CTRPO_PAPER, 9.4, 22.5, 5136),
                    new Published(OMNISAFE, 12.96, 25.80, Double.NaN))),
            Map.entry("cpo|SafetyPointGoal1-v0", List.of(new Published(CTRPO_PAPER, 20.4, 28.2, 2532),
                    new Published(OMNISAFE, 20.46, 28.84, Double.NaN))),
            Map.entry("ctrpo|SafetyHopperVelocity-v1", List.of(new Published(CTRPO_PAPER, 1669, 20.4, 1056))),
            Map.entry("trpo-lag|SafetyHopperVelocity-v1", List.of(new Published(CTRPO_PAPER, 701, 13.7, 6076))),
            Map.entry("ppo-lag|SafetyHopperVelocity-v1", List.of(new Published(CTRPO_PAPER, 240, 38.8, 5910))),
            Map.entry("cpo|SafetyHopperVelocity-v1", List.of(new Published(CTRPO_PAPER, 1696, 25.7, 3568))),
            Map.entry("ctrpo|SafetyAntVelocity-v1", List.of(new Published(CTRPO_PAPER, 3099, 18.8, 244))),
            Map.entry("trpo-lag|SafetyAntVelocity-v1", List.of(new Published(CTRPO_PAPER, 3002, 20.8, 2774))),
            Map.entry("ppo-lag|SafetyAntVelocity-v1", List.of(new Published(CTRPO_PAPER, 3211, 28.9, 1768))),
            Map.entry("cpo|SafetyAntVelocity-v1", List.of(new Published(CTRPO_PAPER, 3107, 25.1, 1324))));

    /** One row: an (algo, env) pair. */
    record Row(String algo, String env) {
        String key() {
            return algo + "-" + env;
        }

        List<Published> published() {
            return PUBLISHED.getOrDefault(algo + "|" + env, List.of());
        }
    }

    /**
     * One seed's result; {@code error} is empty when the run finished. finalReturn, finalCost: the final evaluation's
     * headline; trainReturn, trainCost: the last logged mean return and cost of the training episodes (the measure
     * the C-TRPO authors report).
     */
    record Run(String algo, String env, long seed, String error, double finalReturn, double finalCost,
               double cumulativeViolation, double trainReturn, double trainCost, double wallSeconds, String runDir,
               boolean reused) {
        boolean ok() {
            return error.isEmpty();
        }
    }

    /** A row's outcome: its runs, or why it could not run. */
    record Outcome(Row row, Optional<String> unavailable, List<Run> runs) {
    }

    private SafeBench() {
    }

    /** Every (algo, env) of the suite, env by env, those whose key matches {@code only} (all when null). */
    static List<Row> rows(Pattern only) {
        List<Row> rows = new ArrayList<>();
        for (String env : ENVS) {
            for (String algo : ALGOS) {
                Row r = new Row(algo, env);
                if (only == null || only.matcher(r.key()).find()) {
                    rows.add(r);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--only: no row of the safe suite matches '" + only + "'");
        }
        return rows;
    }

    /** Why {@code env} cannot run here (not registered, or making it fails), or empty when it can. */
    static Optional<String> unavailable(String env) {
        if (!Envs.ids().contains(env)) {
            return Optional.of(env + " is not registered");
        }
        try (Env e = Envs.make(env)) {
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of(Main.oneLine(e));
        }
    }

    /** Runs the rows' seeds, {@code jobs} children at a time; writes bench.md and bench.json; returns the markdown. */
    static String run(List<Row> rows, long budget, int seeds, int jobs, BenchChild.Launcher launcher, Path out,
                      PrintWriter o) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "npg4j-bench-safe");
            t.setDaemon(true);
            return t;
        });
        Map<String, Optional<String>> availability = new java.util.HashMap<>();
        int total = 0;
        for (Row r : rows) {
            if (availability.computeIfAbsent(r.env(), SafeBench::unavailable).isEmpty()) {
                total += seeds;
            }
        }
        int n = total;
        AtomicInteger done = new AtomicInteger();
        try {
            List<List<Future<Run>>> futures = new ArrayList<>();
            for (Row r : rows) {
                List<Future<Run>> fs = new ArrayList<>();
                if (availability.get(r.env()).isEmpty()) {
                    for (long seed = 0; seed < seeds; seed++) {
                        long sd = seed;
                        fs.add(pool.submit(() -> {
                            Run run = runOne(launcher, r, budget, sd, out);
                            synchronized (o) {
                                o.println(progressLine(done.incrementAndGet(), n, run));
                                o.flush();
                            }
                            return run;
                        }));
                    }
                }
                futures.add(fs);
            }
            for (int i = 0; i < rows.size(); i++) {
                List<Run> runs = new ArrayList<>();
                for (Future<Run> f : futures.get(i)) {
                    try {
                        runs.add(f.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("bench run failed: " + Main.oneLine(e.getCause()), e);
                    }
                }
                outcomes.add(new Outcome(rows.get(i), availability.get(rows.get(i).env()), runs));
            }
        } finally {
            pool.shutdownNow();
        }
        String md = markdown(outcomes, budget, seeds);
        AtomicFiles.writeString(out.resolve("bench.md"), md);
        AtomicFiles.writeString(out.resolve("bench.json"), json(outcomes, budget, seeds));
        return md;
    }

    static String progressLine(int i, int n, Run r) {
        String head = String.format(Locale.ROOT, "[%d/%d] %s %s seed %d: %s", i, n, r.algo(), r.env(), r.seed(),
                r.reused() ? "(reused) " : "");
        if (!r.ok()) {
            return head + "FAILED (" + r.error() + ") after " + BenchTable.fixed(r.wallSeconds(), 1) + " s";
        }
        return head + String.format(Locale.ROOT, "return %.1f, episode cost %.1f (limit %s), cumulative violation "
                + "%.0f, %.1f s", r.finalReturn(), r.finalCost(), BenchTable.number(LIMIT), r.cumulativeViolation(),
                r.wallSeconds());
    }

    /** The child's command: {@code npg4j train} with the preset, the budget, the seed and the limit 25. */
    static List<String> command(BenchChild.Launcher launcher, Row row, long budget, long seed, Path out) {
        List<String> cmd = new ArrayList<>(List.of(launcher.java().toString()));
        cmd.addAll(org.npg4j.cli.TrainingJvm.childOptions(launcher.maxHeap()));
        cmd.addAll(List.of("-cp", launcher.classPath(), Main.class.getName(), "train", "--algo", row.algo(),
                "--env", row.env(), "--preset", "zoo", "--timesteps", Long.toString(budget), "--seed",
                Long.toString(seed), "--set", "cost_limit=" + BenchTable.number(LIMIT), "--out", out.toString(),
                "--keep-checkpoints", "1"));
        return cmd;
    }

    /** Trains one seed in a child JVM and reads its figures; a failing child is recorded, never thrown. */
    static Run runOne(BenchChild.Launcher launcher, Row row, long budget, long seed, Path benchOut)
            throws InterruptedException {
        BenchChild.Finished f = BenchChild.runChild(out -> command(launcher, row, budget, seed, out), benchOut,
                row.key(), seed);
        String failure = f.failure(SafeBench::errorLine);
        if (failure != null) {
            return failed(row, seed, failure, f.wall(), f.runDir());
        }
        try {
            Path dir = Path.of(f.runDir());
            JsonNode eval = JsonInput.mapper().readTree(Files.readString(dir.resolve("eval.json")));
            double ret = eval.get("mean_return").asDouble();
            double cost = eval.get("mean_costs").get(0).asDouble();
            Path metrics = dir.resolve("metrics.csv");
            double violation = lastColumn(metrics, MetricKeys.CUMULATIVE_VIOLATION);
            return new Run(row.algo(), row.env(), seed, "", ret, cost, violation,
                    lastColumn(metrics, MetricKeys.EP_REW_MEAN), lastColumn(metrics, MetricKeys.EP_COST_MEAN),
                    f.wall(), f.runDir(), f.reused());
        } catch (IOException | RuntimeException e) {
            return failed(row, seed, "unreadable run directory: " + Main.oneLine(e), f.wall(), f.runDir());
        }
    }

    /** The first line naming an exception or error in stderr (a stack trace's head), else the last line. */
    static String errorLine(Path stderr, Path stdout) {
        try {
            for (String line : Files.readAllLines(stderr)) {
                if (line.contains("Exception") || line.contains("Error") || line.startsWith("npg4j: error")) {
                    return line.strip();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // fall back
        }
        return BenchChild.lastLine(stderr, stdout);
    }

    private static Run failed(Row row, long seed, String error, double wall, String runDir) {
        return new Run(row.algo(), row.env(), seed, error, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                wall, runDir, false);
    }

    /** The last row's value of {@code column} in a metrics CSV (NaN when empty). */
    static double lastColumn(Path csv, String column) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.size() < 2) {
            return Double.NaN;
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(csv + " has no column " + column);
        }
        String v = lines.get(lines.size() - 1).split(",", -1)[i];
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /** mean ± std (sample) of the values, or "—" when there are none. */
    static String meanStd(List<Double> v, int digits) {
        if (v.isEmpty()) {
            return "—";
        }
        double m = 0;
        for (double x : v) {
            m += x / v.size();
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
        return BenchTable.fixed(m, digits) + " ± " + BenchTable.fixed(sd, digits);
    }

    static String markdown(List<Outcome> outcomes, long budget, int seeds) {
        return markdown(outcomes, budget, seeds, AuthorsRuns.shipped());
    }

    static String markdown(List<Outcome> outcomes, long budget, int seeds, AuthorsRuns authors) {
        StringBuilder b = new StringBuilder();
        b.append("# npg4j bench: suite safe\n\n");
        b.append(String.format(Locale.ROOT, "Cost limit %s per episode, %s steps per run, %d seed(s). *Eval*: the "
                + "final evaluation (20 episodes of the stochastic policy). *Training*: the last logged mean return "
                + "and cost of the training episodes (the last 100), the measure the C-TRPO authors report. "
                + "*Violation*: the cumulative cost above the limit during training, Σ over updates of "
                + "max(0, Ĵ_c − %s). Mean ± std over seeds. *Authors' code at %s steps*: the C-TRPO authors' own "
                + "runs at this budget (training return / cost / violation, mean of their 5 seeds; their Ĵ_c is "
                + "the last 50 episodes). *Published*: the final figures after 1e7 steps.%n%n",
                BenchTable.number(LIMIT), BenchTable.grouped(budget), seeds, BenchTable.number(LIMIT),
                BenchTable.grouped(budget)));
        b.append("| env | algo | seeds ok | eval return | eval cost | ≤ limit | training return | training cost | "
                + "violation | per seed (eval return / eval cost / violation) | authors' code at this budget | "
                + "published (1e7) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Outcome oc : outcomes) {
            Row r = oc.row();
            String published = r.published().isEmpty() ? "—" : String.join("; ", r.published().stream()
                    .map(p -> p.text() + " (" + (p.source().equals(CTRPO_PAPER) ? "C-TRPO paper" : "OmniSafe")
                            + ")").toList());
            String theirs = authors.at(r.algo(), r.env(), budget).map(SafeBench::authorsText).orElse("—");
            if (oc.unavailable().isPresent()) {
                b.append("| ").append(r.env()).append(" | ").append(r.algo()).append(" | unavailable: ")
                        .append(oc.unavailable().get().replace("|", "/")).append(" | | | | | | | | ").append(theirs)
                        .append(" | ").append(published).append(" |\n");
                continue;
            }
            List<Double> rets = new ArrayList<>();
            List<Double> costs = new ArrayList<>();
            List<Double> trainRets = new ArrayList<>();
            List<Double> trainCosts = new ArrayList<>();
            List<Double> viol = new ArrayList<>();
            List<String> per = new ArrayList<>();
            int under = 0;
            for (Run run : oc.runs()) {
                if (!run.ok()) {
                    per.add("s" + run.seed() + " failed");
                    continue;
                }
                rets.add(run.finalReturn());
                costs.add(run.finalCost());
                trainRets.add(run.trainReturn());
                trainCosts.add(run.trainCost());
                viol.add(run.cumulativeViolation());
                if (run.finalCost() <= LIMIT) {
                    under++;
                }
                per.add(BenchTable.fixed(run.finalReturn(), 1) + " / " + BenchTable.fixed(run.finalCost(), 1) + " / "
                        + BenchTable.fixed(run.cumulativeViolation(), 0));
            }
            b.append("| ").append(r.env()).append(" | ").append(r.algo()).append(" | ").append(rets.size())
                    .append("/").append(oc.runs().size()).append(" | ").append(meanStd(rets, 1)).append(" | ")
                    .append(meanStd(costs, 1)).append(" | ").append(under).append("/").append(rets.size())
                    .append(" | ").append(meanStd(trainRets, 1)).append(" | ").append(meanStd(trainCosts, 1))
                    .append(" | ").append(meanStd(viol, 0)).append(" | ").append(String.join("; ", per))
                    .append(" | ").append(theirs).append(" | ").append(published).append(" |\n");
        }
        b.append(claims(outcomes, budget, authors));
        b.append("\nPublished figures: ").append(CTRPO_PAPER).append(" (return / cost / cumulative cost above the "
                + "limit, its own epochs of 20,000 steps); ").append(OMNISAFE).append(" (return / cost). They trained "
                + "1e7 steps; compare the budget before the numbers.\n");
        return b.toString();
    }

    private static String authorsText(List<AuthorsRuns.Seed> seeds) {
        return BenchTable.fixed(mean(seeds.stream().map(AuthorsRuns.Seed::ret).toList()), 1) + " / "
                + BenchTable.fixed(mean(seeds.stream().map(AuthorsRuns.Seed::cost).toList()), 1) + " / "
                + BenchTable.fixed(mean(seeds.stream().map(AuthorsRuns.Seed::cumulativeViolation).toList()), 0);
    }

    private static double mean(List<Double> v) {
        double m = 0;
        for (double x : v) {
            m += x / v.size();
        }
        return v.isEmpty() ? Double.NaN : m;
    }

    /** The means (training return, cumulative violation) of one algorithm's finished seeds, or null if none. */
    private static double[] ours(List<Outcome> outcomes, String algo, String env) {
        for (Outcome oc : outcomes) {
            if (oc.row().algo().equals(algo) && oc.row().env().equals(env) && oc.unavailable().isEmpty()) {
                List<Run> ok = oc.runs().stream().filter(Run::ok).toList();
                if (!ok.isEmpty()) {
                    return new double[] {mean(ok.stream().map(Run::trainReturn).toList()),
                            mean(ok.stream().map(Run::cumulativeViolation).toList())};
                }
            }
        }
        return null;
    }

    /**
     * The C-TRPO paper's claim per env, for npg4j's runs and for the authors' at the same budget: C-TRPO's mean
     * training return at least the lower of TRPO-Lag's and CPO's, and its mean cumulative violation below both.
     */
    static String claims(List<Outcome> outcomes, long budget, AuthorsRuns authors) {
        StringBuilder b = new StringBuilder();
        for (String env : ENVS) {
            double[] c = ours(outcomes, "ctrpo", env);
            double[] t = ours(outcomes, "trpo-lag", env);
            double[] p = ours(outcomes, "cpo", env);
            if (c == null || t == null || p == null) {
                continue;
            }
            if (b.isEmpty()) {
                b.append("\nThe C-TRPO paper's claim (mean training return of C-TRPO at least the lower of TRPO-Lag's "
                        + "and CPO's; its mean cumulative violation below both):\n\n");
            }
            b.append("- ").append(env).append(": npg4j ").append(claim(c, t, p));
            Optional<double[]> ac = authorsMeans(authors, "ctrpo", env, budget);
            Optional<double[]> at = authorsMeans(authors, "trpo-lag", env, budget);
            Optional<double[]> ap = authorsMeans(authors, "cpo", env, budget);
            if (ac.isPresent() && at.isPresent() && ap.isPresent()) {
                b.append("; the authors' code at this budget ").append(claim(ac.get(), at.get(), ap.get()));
            }
            b.append("\n");
        }
        return b.toString();
    }

    private static Optional<double[]> authorsMeans(AuthorsRuns authors, String algo, String env, long budget) {
        return authors.at(algo, env, budget).map(s -> new double[] {
            mean(s.stream().map(AuthorsRuns.Seed::ret).toList()),
            mean(s.stream().map(AuthorsRuns.Seed::cumulativeViolation).toList())});
    }

    private static String claim(double[] c, double[] t, double[] p) {
        boolean ret = c[0] >= Math.min(t[0], p[0]);
        boolean viol = c[1] < t[1] && c[1] < p[1];
        return String.format(Locale.ROOT, "%s (return %s vs TRPO-Lag %s, CPO %s: %s; violation %s vs %s, %s: %s)",
                ret && viol ? "holds" : "fails", BenchTable.fixed(c[0], 1), BenchTable.fixed(t[0], 1),
                BenchTable.fixed(p[0], 1), ret ? "yes" : "no", BenchTable.fixed(c[1], 0), BenchTable.fixed(t[1], 0),
                BenchTable.fixed(p[1], 0), viol ? "yes" : "no");
    }

    static String json(List<Outcome> outcomes, long budget, int seeds) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("suite", NAME);
        root.put("cost_limit", LIMIT);
        root.put("budget", budget);
        root.put("seeds", seeds);
        ArrayNode rows = root.putArray("rows");
        for (Outcome oc : outcomes) {
            ObjectNode row = rows.addObject();
            row.put("algo", oc.row().algo());
            row.put("env", oc.row().env());
            oc.unavailable().ifPresent(u -> row.put("unavailable", u));
            ArrayNode runs = row.putArray("runs");
            for (Run r : oc.runs()) {
                ObjectNode o = runs.addObject();
                o.put("seed", r.seed());
                if (r.ok()) {
                    o.put("final_return", r.finalReturn());
                    o.put("final_cost", r.finalCost());
                    o.put("cumulative_violation", r.cumulativeViolation());
                    o.put("train_return", r.trainReturn());
                    o.put("train_cost", r.trainCost());
                } else {
                    o.put("error", r.error());
                }
                o.put("wall_seconds", r.wallSeconds());
                o.put("run_dir", r.runDir());
            }
            ArrayNode theirs = row.putArray("authors_at_budget");
            AuthorsRuns.shipped().at(oc.row().algo(), oc.row().env(), budget).ifPresent(list -> list.forEach(sd -> {
                ObjectNode o = theirs.addObject();
                o.put("seed", sd.seed());
                o.put("train_return", sd.ret());
                o.put("train_cost", sd.cost());
                o.put("cumulative_violation", sd.cumulativeViolation());
            }));
            ArrayNode pub = row.putArray("published");
            for (Published p : oc.row().published()) {
                ObjectNode o = pub.addObject();
                o.put("source", p.source());
                o.put("return", p.ret());
                o.put("cost", p.cost());
                if (!Double.isNaN(p.cumulativeViolation())) {
                    o.put("cumulative_violation", p.cumulativeViolation());
                }
            }
        }
        try {
            return JsonInput.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
