package org.npg4j.bench.suite;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.npg4j.cli.SeedAggregate;
import org.npg4j.util.JsonInput;

/**
 * The results of {@code npg4j bench}: per row of the suite the aggregate over its seeds ({@link Summary}), written as
 * one markdown table ({@code bench.md}) and as JSON with every run ({@code bench.json}).
 */
final class BenchTable {
    private BenchTable() {
    }

    /**
     * One row's aggregate over its runs.
     *
     * @param finished     runs that finished (failed runs count as not meeting the target and have no figures)
     * @param mean         mean over finished runs of the final eval return
     * @param std          sample standard deviation (n - 1) of the final eval returns; 0 for one run
 * @param ciHalfWidth  half-width of the two-sided 95% Student-t confidence interval of the mean over seeds,
 *                     t_{0.975, n-1} · std / √n; NaN for fewer than two finished runs
     * @param seedsMet     runs whose final eval return reached the target
     * @param met          the row's target is met: for {@code seeds}, seedsMet ≥ ⌈min_fraction · runs⌉; for
     *                     {@code mean}, every run finished and the mean reached the target; for {@code reference},
     *                     the same with at least {@link BenchSuite#MIN_REFERENCE_SEEDS} runs
     * @param ratio        the score ratio against the zoo, &gt; 1 = better than the zoo: ours/zoo when the zoo's mean
     *                     is positive, zoo/ours when both are negative; NaN otherwise or without a zoo figure
     * @param difference   ours - zoo, NaN without a zoo figure
     * @param medianTimeToTarget median over the runs that reached the target of {@link BenchRun#timeToTarget}, -1 if
     *                     none did
     * @param reachedTarget runs whose ep_rew_mean reached the target during training
     * @param meanWallSeconds mean wall time of the child JVMs (all runs)
     * @param meanFps      mean over finished runs of the last logged time/fps
     * @param maxPeakRssKb the largest peak RSS of the row's children, -1 if not measured
     */
    record Summary(BenchSuite.Row row, List<BenchRun> runs, int finished, double mean, double std, double ciHalfWidth,
                   int seedsMet,
                   boolean met, double ratio, double difference, long medianTimeToTarget, int reachedTarget,
                   double meanWallSeconds, double meanFps, long maxPeakRssKb) {
    }

    static Summary summarize(BenchSuite.Row row, List<BenchRun> runs) {
        double[] finals = runs.stream().filter(BenchRun::ok).mapToDouble(BenchRun::finalMean).toArray();
        int n = finals.length;
        double mean = n == 0 ? Double.NaN : Arrays.stream(finals).sum() / n;
        double ss = 0;
        for (double f : finals) {
            ss += (f - mean) * (f - mean);
        }
        double std = n == 0 ? Double.NaN : n == 1 ? 0 : Math.sqrt(ss / (n - 1));
        double ci = n < 2 ? Double.NaN : org.npg4j.math.StudentT.quantile975(n - 1) * std / Math.sqrt(n);
        int seedsMet = (int) runs.stream().filter(BenchRun::metTarget).count();
        boolean met = switch (row.targetKind()) {
            case SEEDS -> seedsMet >= row.seedsNeeded(runs.size());
            case MEAN, ZOO -> n == runs.size() && n > 0 && mean >= row.target();
            case REFERENCE -> n == runs.size() && n >= BenchSuite.MIN_REFERENCE_SEEDS && mean >= row.target();
        };
        double ratio = Double.NaN;
        double diff = Double.NaN;
        if (row.zoo().isPresent() && n > 0) {
            double z = row.zoo().get().mean();
            diff = mean - z;
            ratio = scoreRatio(mean, z);
        }
        long[] ttt = runs.stream().mapToLong(BenchRun::timeToTarget).filter(t -> t >= 0).sorted().toArray();
        long median = ttt.length == 0 ? -1 : ttt.length % 2 == 1 ? ttt[ttt.length / 2]
                : Math.round((ttt[ttt.length / 2 - 1] + ttt[ttt.length / 2]) / 2.0);
        double wall = runs.stream().mapToDouble(BenchRun::wallSeconds).average().orElse(Double.NaN);
        double fps = runs.stream().filter(BenchRun::ok).mapToDouble(BenchRun::fps).filter(Double::isFinite)
                .average().orElse(Double.NaN);
        long rss = runs.stream().mapToLong(BenchRun::peakRssKb).max().orElse(-1);
        return new Summary(row, List.copyOf(runs), n, mean, std, ci, seedsMet, met, ratio, diff, median, ttt.length, wall,
                fps, rss);
    }

    /** ours/zoo for a positive zoo figure, zoo/ours when both are negative (so &gt; 1 is better); NaN otherwise. */
    static double scoreRatio(double ours, double zoo) {
        if (zoo > 0) {
            return ours / zoo;
        }
        if (zoo < 0 && ours < 0) {
            return zoo / ours;
        }
        return Double.NaN;
    }

    /** bench.md: the table, the failures, the notes and the definitions of the columns. */
    static String markdown(String suite, List<Summary> rows, String header) {
        StringBuilder sb = new StringBuilder();
        sb.append("# npg4j bench: suite ").append(suite).append("\n\n").append(header).append("\n\n");
        sb.append("| algo | env | budget | final eval (mean ± std) | 95% CI of the mean | target | seeds met | zoo "
                + "| ratio | ours − zoo | time to target (median) | wall s (mean) | fps (mean) | peak RSS MB (max) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Set<String> notes = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        for (Summary s : rows) {
            BenchSuite.Row r = s.row();
            String zoo = "—";
            if (r.zoo().isPresent()) {
                BenchZooFigures.Figure z = r.zoo().get();
                zoo = fixed(z.mean(), 1) + " ± " + fixed(z.std(), 1);
                if (z.trainingTimesteps() != r.budget()) {
                    notes.add(r.algo() + " " + r.env() + ": the zoo figure (" + z.key() + ") is after "
                            + steps(z.trainingTimesteps()) + " training steps, this row after " + steps(r.budget())
                            + ".");
                }
            }
            if (!r.note().isEmpty()) {
                notes.add(r.algo() + " " + r.env() + ": " + r.note() + ".");
            }
            r.reference().ifPresent(ref -> notes.add(referenceNote(r, ref)));
            for (BenchRun run : s.runs()) {
                if (!run.ok()) {
                    failures.add(r.algo() + " " + r.env() + " seed " + run.seed() + ": " + run.error());
                }
            }
            String finals = s.finished() == 0 ? "failed" : fixed(s.mean(), 1) + " ± " + fixed(s.std(), 1)
                    + (s.finished() < s.runs().size() ? " (" + s.finished() + " finished)" : "");
            sb.append("| ").append(r.algo()).append(" | ").append(r.env()).append(" | ").append(steps(r.budget()))
                    .append(" | ").append(finals)
                    .append(" | ").append(Double.isNaN(s.ciHalfWidth()) ? "—"
                            : "[" + fixed(s.mean() - s.ciHalfWidth(), 1) + ", " + fixed(s.mean() + s.ciHalfWidth(), 1)
                                    + "]")
                    .append(" | ").append(r.withSeeds(s.runs().size()).targetText())
                    .append(" | ").append(s.seedsMet()).append('/').append(s.runs().size())
                    .append(s.met() ? " ✓" : " ✗")
                    .append(" | ").append(zoo)
                    .append(" | ").append(Double.isNaN(s.ratio()) ? "—" : fixed(s.ratio(), 2))
                    .append(" | ").append(Double.isNaN(s.difference()) ? "—" : signed(s.difference()))
                    .append(" | ").append(s.medianTimeToTarget() < 0 ? "—" : grouped(s.medianTimeToTarget()))
                    .append(" (").append(s.reachedTarget()).append('/').append(s.runs().size()).append(')')
                    .append(" | ").append(fixed(s.meanWallSeconds(), 1))
                    .append(" | ").append(Double.isNaN(s.meanFps()) ? "—" : grouped(Math.round(s.meanFps())))
                    .append(" | ").append(s.maxPeakRssKb() < 0 ? "n/a" : fixed(s.maxPeakRssKb() / 1024.0, 0))
                    .append(" |\n");
        }
        if (!failures.isEmpty()) {
            sb.append("\nFailed runs:\n");
            failures.forEach(f -> sb.append("- ").append(f).append('\n'));
        }
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        sb.append("""

                Columns: *final eval* is the mean return of 20 deterministic episodes after training (eval.json), \
                mean ± sample standard deviation over seeds; *95% CI of the mean* is Student's t interval over the \
                seeds (mean ± t₀.₉₇₅,ₙ₋₁ · std / √n), which says how far the mean of so few seeds can be from the \
                algorithm's: a mean target inside it is within chance. *seeds met* counts the seeds whose final eval reached the \
                target; ✓ when the row's target is met (target "in ≥ k/n": at least k seeds; "mean": the mean over \
                seeds; "reference CI": the mean over at least 10 seeds is not below the lower end of the 95% CI of \
                the mean of reference runs of Stable-Baselines3 / sb3-contrib, see the notes). *zoo* is \
                rl-baselines3-zoo's published mean ± std (benchmark.md). *ratio* is ours/zoo when the zoo's return is positive and zoo/ours when both are negative, so > 1 is better than the zoo in both \
                cases. *time to target* is the first total timestep at which rollout/ep_rew_mean (mean return of the \
                last 100 training episodes, stochastic policy) reached the target: median over the seeds that reached \
                it (count in brackets). *wall s* is the child JVM's wall time (start-up, training, evaluation); *fps* \
                the last logged time/fps (training steps per second); *peak RSS* the child's VmHWM, polled every \
                100 ms, largest over seeds.
                """);
        return sb.toString();
    }

    /** The reference runs a row is held to: their mean, interval and per-seed finals. */
    static String referenceNote(BenchSuite.Row r, BenchReferenceRuns.Reference ref) {
        StringBuilder sb = new StringBuilder(r.algo() + " " + r.env() + ": target = lower end of the 95% CI of "
                + ref.seeds().length + " reference runs (" + BenchReferenceRuns.RESOURCE + ", " + ref.key()
                + "): mean " + fixed(ref.mean(), 1) + " ± " + fixed(ref.std(), 1) + ", CI ["
                + fixed(ref.lowerBound(), 1) + ", " + fixed(ref.mean() + ref.ciHalfWidth(), 1) + "]; per seed");
        for (int i = 0; i < ref.seeds().length; i++) {
            sb.append(i == 0 ? " " : ", ").append(ref.seeds()[i]).append(": ").append(fixed(ref.finals()[i], 1));
        }
        return sb.append('.').toString();
    }

    /** bench.json: the suite, the rows' aggregates and every run's record (learning curves stay in metrics.csv). */
    static String json(String suite, List<Summary> rows, ObjectNode machine) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("suite", suite);
        root.set("machine", machine);
        ArrayNode rs = root.putArray("rows");
        ArrayNode runs = root.putArray("runs");
        for (Summary s : rows) {
            BenchSuite.Row r = s.row();
            ObjectNode o = rs.addObject();
            o.put("algo", r.algo());
            o.put("env", r.env());
            o.put("budget", r.budget());
            o.put("target", r.target());
            o.put("target_kind", r.targetKind().name().toLowerCase(Locale.ROOT));
            o.put("seeds", s.runs().size());
            o.put("finished", s.finished());
            putNumber(o, "final_mean", s.mean());
            putNumber(o, "final_std", s.std());
            putNumber(o, "final_ci95_half_width", s.ciHalfWidth());
            o.put("seeds_met", s.seedsMet());
            o.put("target_met", s.met());
            if (r.zoo().isPresent()) {
                o.put("zoo", r.zoo().get().key());
                o.put("zoo_mean", r.zoo().get().mean());
                o.put("zoo_std", r.zoo().get().std());
                o.put("zoo_timesteps", r.zoo().get().trainingTimesteps());
                putNumber(o, "ratio", s.ratio());
                putNumber(o, "difference", s.difference());
            }
            if (r.reference().isPresent()) {
                BenchReferenceRuns.Reference ref = r.reference().get();
                o.put("reference", ref.key());
                o.put("reference_seeds", ref.seeds().length);
                o.put("reference_mean", ref.mean());
                o.put("reference_std", ref.std());
                o.put("reference_ci95_half_width", ref.ciHalfWidth());
            }
            o.put("median_time_to_target", s.medianTimeToTarget());
            o.put("seeds_reaching_target", s.reachedTarget());
            putNumber(o, "mean_wall_seconds", s.meanWallSeconds());
            putNumber(o, "mean_fps", s.meanFps());
            o.put("max_peak_rss_kb", s.maxPeakRssKb());
            for (BenchRun run : s.runs()) {
                ObjectNode x = runs.addObject();
                x.put("algo", run.algo());
                x.put("env", run.env());
                x.put("budget", run.budget());
                x.put("seed", run.seed());
                x.put("exit_code", run.exitCode());
                x.put("error", run.error());
                putNumber(x, "final_mean", run.finalMean());
                putNumber(x, "final_std", run.finalStd());
                x.put("time_to_target", run.timeToTarget());
                putNumber(x, "wall_seconds", run.wallSeconds());
                putNumber(x, "fps", run.fps());
                x.put("peak_rss_kb", run.peakRssKb());
                x.put("met_target", run.metTarget());
                x.put("run_dir", run.runDir());
            }
        }
        try {
            return JsonInput.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON has no NaN: a missing figure is null. */
    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }

    static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** 100000 → "1e5", 250000 → "2.5e5", 2048 → "2,048". */
    static String steps(long v) {
        if (v >= 10_000) {
            int e = (int) Math.floor(Math.log10(v));
            double m = v / Math.pow(10, e);
            if (Math.abs(m * 10 - Math.rint(m * 10)) < 1e-9) {
                String ms = m == Math.rint(m) ? Long.toString((long) m) : fixed(m, 1);
                return ms + "e" + e;
            }
        }
        return grouped(v);
    }

    /** A number as written in a suite: integers without a fraction. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
