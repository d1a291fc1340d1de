package org.npg4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.npg4j.spark.tune.SearchSpace;
import org.npg4j.spark.tune.TrialTask;
import org.npg4j.spark.tune.TuneSettings;
import org.npg4j.spark.tune.TuneStudy;
import org.npg4j.train.ConfigLayers;

/**
 * The files a study writes at the top of its output: {@value #TRIALS} (one row per trial), {@value #BEST} (the best
 * complete trial's configuration as an rl-baselines3-zoo hyperparameter file that {@code npg4j train --config} takes)
 * and {@code report.html}.
 */
final class TuneReport {
    static final String TRIALS = "trials.csv";
    static final String BEST = "best.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TuneReport() {
    }

    static void write(RunStore store, TuneSettings s, TuneStudy.Outcome r) {
        store.writeText(TRIALS, csv(s, r.trials()));
        TuneStudy.Trial best = r.best(s.rungs());
        if (best != null) {
            store.writeText(BEST, bestYaml(s, best, r.trials().size()));
        }
        store.writeText("report.html", html(s, r.trials(), best));
    }

    /** The status of a trial: complete when it reached the full budget, else pruned. */
    static String status(TuneSettings s, TuneStudy.Trial t) {
        return t.rung() == s.rungs() - 1 ? "complete" : "pruned";
    }

    /**
     * {@code trial,status,rung,timesteps,score_r0..,final_score,wall_seconds,<parameters>}: scores are mean
     * evaluation returns (Java's shortest exact form), empty where the trial did not get; the run directory of the
     * trial's last task is {@code run}.
     */
    static String csv(TuneSettings s, List<TuneStudy.Trial> trials) {
        SearchSpace space = s.space();
        StringBuilder sb = new StringBuilder("trial,status,rung,timesteps");
        for (int k = 0; k < s.rungs(); k++) {
            sb.append(",score_r").append(k);
        }
        sb.append(",final_score,wall_seconds");
        for (SearchSpace.Param p : space.params()) {
            sb.append(',').append(p.name());
        }
        sb.append(",run\n");
        for (TuneStudy.Trial t : trials) {
            sb.append(t.number()).append(',').append(status(s, t)).append(',').append(t.rung()).append(',')
                    .append(t.timesteps());
            for (int k = 0; k < s.rungs(); k++) {
                Double v = t.scores().get(k);
                sb.append(',').append(v == null ? "" : Double.toString(v));
            }
            Double fin = t.scores().get(s.rungs() - 1);
            sb.append(',').append(fin == null ? "" : Double.toString(fin));
            sb.append(',').append(String.format(Locale.ROOT, "%.3f", t.wallSeconds()));
            for (SearchSpace.Param p : space.params()) {
                sb.append(',').append(t.point().get(p.name()));
            }
            sb.append(',').append(runId(s, t)).append('\n');
        }
        return sb.toString();
    }

    static String runId(TuneSettings s, TuneStudy.Trial t) {
        return s.runId(new TrialTask(t.number(), t.rung(), "", t.overrides()));
    }

    /** The trial's full configuration (base, sampled values, budget) as a zoo file keyed by the env. */
    static String bestYaml(TuneSettings s, TuneStudy.Trial best, int trials) {
        ObjectNode config;
        try {
            config = ConfigLayers.merge(s.baseConfig(), (ObjectNode) JSON.readTree(best.overrides()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        ordered.put("n_timesteps", s.budget());
        ordered.setAll(config);
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.set(s.env(), ordered);
        String yaml = ConfigLayers.toYaml(file);
        if (yaml.startsWith("---\n")) {
            yaml = yaml.substring(4);
        }
        return String.format(Locale.ROOT, "# npg4j tune: the best of %d trials of %s on %s (seed %d, %d env steps a "
                        + "trial, %s sampler): trial %d, mean return %s over %d evaluation episodes%n"
                        + "# %s%n# Train it: npg4j train --algo %s --env %s --seed %d --config %s%n",
                trials, s.algo(), s.env(), s.seed(), s.budget(), s.sampler(), best.number(),
                best.scores().get(s.rungs() - 1), s.episodes(), params(best.point()), s.algo(), s.env(), s.seed(),
                BEST) + yaml;
    }

    static String params(Map<String, Object> point) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : point.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    static String html(TuneSettings s, List<TuneStudy.Trial> trials, TuneStudy.Trial best) {
        long[] budgets = s.halving().budgets();
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>npg4j tune "
                + escape(s.algo() + " " + s.env()) + "</title>\n<style>body{font-family:sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th{background:#eee}tr.best td{background:#e6f4e6}td.p{text-align:left;font-size:85%}</style>"
                + "</head><body>\n");
        sb.append("<h1>npg4j tune: ").append(escape(s.algo())).append(" on ").append(escape(s.env())).append("</h1>\n");
        sb.append(String.format(Locale.ROOT, "<p>%d trials, %s sampler%s, seed %d; %s; %d evaluation episodes per "
                        + "rung (deterministic actions).</p>%n", trials.size(), s.sampler(),
                s.sampler().equals("tpe") ? " (first " + s.nStartup() + " at random)" : "", s.seed(),
                s.rungs() == 1 ? "every trial trains " + s.budget() + " env steps"
                        : "successive halving with eta " + s.eta() + ", rungs at " + join(budgets) + " env steps",
                s.episodes()));
        if (best != null) {
            sb.append(String.format(Locale.ROOT, "<p><b>Best:</b> trial %d, mean return %.2f: %s. Its configuration: "
                            + "<a href=\"%s\">%s</a> (<code>npg4j train --config %s</code>).</p>%n", best.number(),
                    best.scores().get(s.rungs() - 1), escape(params(best.point())), BEST, BEST, BEST));
        }
        sb.append(svg(s, trials));
        sb.append("<h2>Trials</h2>\n<table><tr><th>trial</th><th>status</th>");
        for (long b : budgets) {
            sb.append("<th>score at ").append(b).append("</th>");
        }
        sb.append("<th>wall s</th><th>parameters</th></tr>\n");
        for (TuneStudy.Trial t : trials) {
            sb.append(t == best ? "<tr class=\"best\">" : "<tr>").append("<td>").append(t.number()).append("</td><td>")
                    .append(status(s, t)).append("</td>");
            for (int k = 0; k < s.rungs(); k++) {
                Double v = t.scores().get(k);
                sb.append("<td>").append(v == null ? "" : String.format(Locale.ROOT, "%.2f", v)).append("</td>");
            }
            sb.append(String.format(Locale.ROOT, "<td>%.1f</td><td class=\"p\">%s</td></tr>%n", t.wallSeconds(),
                    escape(params(t.point()))));
        }
        return sb.append("</table>\n<p>Each trial's run directories (<code>trial-NNNN-rK-*</code>, one per rung it "
                + "trained to) hold its config.yaml, metrics.csv, model.npg and rungs.json.</p>\n</body></html>\n")
                .toString();
    }

    /** Score at the highest rung reached, per trial, and the best final score so far. */
    private static String svg(TuneSettings s, List<TuneStudy.Trial> trials) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TuneStudy.Trial t : trials) {
            for (double v : t.scores().values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi >= lo)) {
            return "";
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        int w = 640;
        int h = 240;
        int n = Math.max(1, trials.size() - 1);
        String[] colors = {"#bbb", "#7aa6d6", "#2a6db0", "#123f70"};
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "<h2>Scores</h2>%n<svg width=\"%d\" "
                + "height=\"%d\" style=\"border:1px solid #ccc\">%n", w + 60, h + 30));
        sb.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"12\" font-size=\"11\">%.1f</text><text x=\"2\" "
                + "y=\"%d\" font-size=\"11\">%.1f</text>%n", hi, h + 10, lo));
        StringBuilder line = new StringBuilder();
        double bestSoFar = Double.NaN;
        for (TuneStudy.Trial t : trials) {
            double x = 50 + (double) t.number() / n * w;
            double v = t.scores().get(t.rung());
            double y = 10 + (hi - v) / (hi - lo) * h;
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>trial %d: "
                            + "%.2f at rung %d</title></circle>%n", x, y,
                    colors[Math.min(colors.length - 1, t.rung() + colors.length - s.rungs())], t.number(), v, t.rung()));
            if (t.rung() == s.rungs() - 1 && (Double.isNaN(bestSoFar) || v > bestSoFar)) {
                bestSoFar = v;
            }
            if (!Double.isNaN(bestSoFar)) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, 10 + (hi - bestSoFar) / (hi - lo) * h));
            }
        }
        if (line.length() > 0) {
            sb.append("<polyline fill=\"none\" stroke=\"#2a2\" points=\"").append(line).append("\"/>\n");
        }
        return sb.append("</svg>\n<p>Dots: each trial's score at the highest rung it reached (darker: a later rung); "
                + "line: the best complete trial so far.</p>\n").toString();
    }

    private static String join(long[] b) {
        StringBuilder sb = new StringBuilder();
        for (long x : b) {
            sb.append(sb.length() == 0 ? "" : ", ").append(x);
        }
        return sb.toString();
    }

    private static String escape(String x) {
        return x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
