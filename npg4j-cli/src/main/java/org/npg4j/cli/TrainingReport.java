package org.npg4j.cli;

import org.npg4j.algo.MetricKeys;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The page of {@code npg4j report}: one self-contained HTML document (no external assets; charts are inline SVG)
 * comparing groups of runs. A group is the runs of one (algorithm, env); its seeds are averaged with a 95% confidence
 * band ({@link SeedAggregate}). There is one chart per metric family that some run logged, every group overlaid, and
 * two tables: one row per group and one row per run with eval.json's numbers.
 *
 * <p>The document is also well-formed XML (polyglot markup), so any XML parser can read it.
 */
public final class TrainingReport {
    /**
     * A chart: the first of {@code columns} a run logged is plotted against total timesteps.
     *
     * @param nonNegative whether the quantity cannot be negative (a cost, a KL divergence, ...): its confidence band
     *                    is cut at zero and its axis starts there, as a t interval around a mean near zero would
     *                    otherwise claim negative values
     */
    record MetricFamily(String id, String title, String yLabel, List<String> columns, boolean nonNegative) {
        MetricFamily(String id, String title, String yLabel, List<String> columns) {
            this(id, title, yLabel, columns, false);
        }

        /** Whether the family has one column per constraint ({@link MetricKeys#indexed}): costs and violations. */
        boolean perConstraint() {
            return columns.contains(EP_COST_MEAN) || columns.contains(CUMULATIVE_VIOLATION)
                    || columns.contains(MetricKeys.LAGRANGIAN_MULTIPLIER);
        }

        /** The column this run logged for the family, if any (with at least one finite value). */
        Optional<String> columnOf(RunDirectory run) {
            for (String c : columns) {
                double[] v = run.metrics().get(c);
                if (v != null) {
                    for (double x : v) {
                        if (Double.isFinite(x)) {
                            return Optional.of(c);
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** The mean return of the last 100 training episodes (SB3's key); npg4j-bench's time to target reads it. */
    public static final String EP_REW_MEAN = MetricKeys.EP_REW_MEAN;
    static final String EP_COST_MEAN = MetricKeys.EP_COST_MEAN;
    static final String CUMULATIVE_VIOLATION = MetricKeys.CUMULATIVE_VIOLATION;

    /** The charted metric families, in page order (SB3 keys; TRPO and NPG log their KL as kl_divergence_loss). */
    static final List<MetricFamily> FAMILIES = List.of(
            new MetricFamily("return", "Episode return", "ep_rew_mean", List.of(EP_REW_MEAN)),
            new MetricFamily("cost", "Episode cost", "ep_cost_mean", List.of(EP_COST_MEAN), true),
            new MetricFamily("cumulative-violation", "Cumulative constraint violation",
                    "sum over updates of max(0, episode cost - limit)", List.of(CUMULATIVE_VIOLATION), true),
            new MetricFamily("lagrange-multiplier", "Lagrange multiplier", "lagrangian_multiplier",
                    List.of(MetricKeys.LAGRANGIAN_MULTIPLIER), true),
            new MetricFamily("kl", "KL divergence", "approx_kl / kl_divergence_loss",
                    List.of(MetricKeys.APPROX_KL, MetricKeys.KL_DIVERGENCE_LOSS), true),
            new MetricFamily("clip-fraction", "Clip fraction", "clip_fraction", List.of(MetricKeys.CLIP_FRACTION),
                    true),
            new MetricFamily("entropy", "Entropy loss", "entropy_loss (= -entropy)", List.of(MetricKeys.ENTROPY_LOSS)),
            new MetricFamily("value-loss", "Value loss", "value_loss", List.of(MetricKeys.VALUE_LOSS), true),
            new MetricFamily("explained-variance", "Explained variance", "explained_variance",
                    List.of(MetricKeys.EXPLAINED_VARIANCE)),
            new MetricFamily("fps", "Throughput", "steps per second (fps)", List.of(MetricKeys.FPS), true));

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /**
     * The runs of one configuration: (algorithm, env) and, for the runs of a sweep, the grid point ({@code params} of
     * their config.yaml, such as {@code learning_rate=0.001}); its runs differ only by seed.
     */
    record Group(String algo, String env, String params, List<RunDirectory> runs) {
        String label() {
            return algo + " " + env + (params.isEmpty() ? "" : " " + params);
        }
    }

    /** The sweep grid point a run belongs to: {@code params} of its config.yaml, empty for a run of npg4j train. */
    static String gridPoint(RunDirectory r) {
        java.nio.file.Path cfg = r.dir().resolve("config.yaml");
        try {
            return org.npg4j.train.ConfigLayers.yaml().readTree(java.nio.file.Files.readString(cfg)).path("params")
                    .asText("");
        } catch (IOException e) {
            throw new IllegalArgumentException(cfg + ": cannot read (" + Main.oneLine(e) + ")");
        }
    }

    /** A rendered chart of the page. */
    record Chart(MetricFamily family, String svg) {
    }

    private TrainingReport() {
    }

    /** Groups runs by (algorithm, env, sweep grid point) in order of first appearance. */
    static List<Group> group(List<RunDirectory> runs) {
        Map<String, List<RunDirectory>> m = new LinkedHashMap<>();
        for (RunDirectory r : runs) {
            m.computeIfAbsent(r.algo() + "\u0000" + r.env() + "\u0000" + gridPoint(r), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        for (List<RunDirectory> rs : m.values()) {
            groups.add(new Group(rs.get(0).algo(), rs.get(0).env(), gridPoint(rs.get(0)), List.copyOf(rs)));
        }
        return groups;
    }

    /** The charts of the families some run logged, in {@link #FAMILIES} order. */
    static List<Chart> charts(List<Group> groups) {
        List<Chart> charts = new ArrayList<>();
        for (MetricFamily f : FAMILIES) {
            chart(f, groups).ifPresent(c -> charts.add(new Chart(f, svg(c, f.title()))));
        }
        return charts;
    }

    /** The chart of one family: per group the mean over seeds and its band; empty if no run logged the family. */
    static Optional<XYChart> chart(MetricFamily f, List<Group> groups) {
        XYChart chart = Charts.lineChart(f.title(), "total timesteps", f.yLabel(), false, List.of());
        // Solid grid lines: a dashed line becomes one SVG sub-path per dash, which would dominate the page size.
        chart.getStyler().setPlotGridLinesStroke(new java.awt.BasicStroke(0.5f));
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        int plotted = 0;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            // Per-constraint columns (key_1, key_2, ...) of runs with several constraints get one curve each.
            int constraints = f.perConstraint() ? constraintCount(f, group) : 1;
            for (int i = 0; i < constraints; i++) {
                final int constraint = i;
                List<SeedAggregate.Curve> curves = new ArrayList<>();
                for (RunDirectory r : group.runs()) {
                    f.columnOf(r).map(c -> MetricKeys.indexed(c, constraint)).filter(r.metrics()::containsKey)
                            .ifPresent(c -> curves.add(SeedAggregate.Curve.of(r.metrics().get(RunDirectory.TIMESTEPS),
                                    r.metrics().get(c))));
                }
                curves.removeIf(SeedAggregate.Curve::isEmpty);
                if (curves.isEmpty()) {
                    continue;
                }
                SeedAggregate a = SeedAggregate.of(curves);
                if (f.nonNegative()) {
                    a = a.floorAt(0.0);
                }
                String label = group.label() + (constraints > 1 ? " constraint " + i : "");
                Color color = PALETTE[(g + i * groups.size()) % PALETTE.length];
                addBand(chart, label + " 95% CI", a, color);
                XYSeries mean = chart.addSeries(label + " (" + curves.size()
                        + (curves.size() == 1 ? " seed)" : " seeds)"), a.x(), a.mean());
                mean.setMarker(SeriesMarkers.NONE);
                mean.setLineColor(color);
                mean.setLineWidth(2f);
                xMin = Math.min(xMin, a.x()[0]);
                xMax = Math.max(xMax, a.x()[a.x().length - 1]);
                plotted++;
            }
        }
        if (plotted == 0) {
            return Optional.empty();
        }
        if (f.nonNegative()) {
            chart.getStyler().setYAxisMin(0.0);
        }
        if (f.columns().contains(EP_COST_MEAN)) {
            addCostLimits(chart, groups, xMin, xMax);
        }
        Charts.fitLegend(chart);
        Charts.compactXAxis(chart);
        return Optional.of(chart);
    }

    /** The confidence band as a closed polygon (upper bound forwards, lower bound backwards), if any seed overlaps. */
    private static void addBand(XYChart chart, String name, SeedAggregate a, Color color) {
        int m = a.x().length;
        boolean any = false;
        for (int k : a.n()) {
            any |= k > 1;
        }
        if (!any) {
            return;
        }
        double[] px = new double[2 * m];
        double[] py = new double[2 * m];
        for (int i = 0; i < m; i++) {
            px[i] = a.x()[i];
            py[i] = a.upper()[i];
            px[2 * m - 1 - i] = a.x()[i];
            py[2 * m - 1 - i] = a.lower()[i];
        }
        XYSeries band = chart.addSeries(name, px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
        band.setShowInLegend(false);
    }

    /** The number of constraints whose column of {@code f} some run of the group logged (key, key_1, ...). */
    private static int constraintCount(MetricFamily f, Group group) {
        int m = 1;
        for (RunDirectory r : group.runs()) {
            Optional<String> c = f.columnOf(r);
            while (c.isPresent() && r.metrics().containsKey(MetricKeys.indexed(c.get(), m))) {
                m++;
            }
        }
        return m;
    }

    /**
     * One dashed horizontal line per distinct cost limit of the groups (every constraint's, from eval.json when the
     * run has one, else the configuration's first).
     */
    private static void addCostLimits(XYChart chart, List<Group> groups, double xMin, double xMax) {
        Set<Double> limits = new LinkedHashSet<>();
        for (Group g : groups) {
            for (RunDirectory r : g.runs()) {
                double[] all = r.evaluation().map(RunDirectory.Evaluation::limits).orElse(new double[0]);
                if (all.length > 0) {
                    for (double b : all) {
                        limits.add(b);
                    }
                } else if (Double.isFinite(r.costLimit())) {
                    limits.add(r.costLimit());
                }
            }
        }
        for (double b : limits) {
            XYSeries s = chart.addSeries("cost limit " + number(b), new double[] {xMin, xMax}, new double[] {b, b});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
        }
    }

    /** The chart as an inline {@code <svg>} element (XML prolog and DOCTYPE removed) with a {@code <title>}. */
    static String svg(XYChart chart, String title) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + title + "' (" + e.getMessage() + ")", e);
        }
        String s = out.toString(StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        int open = s.indexOf('>', start);
        if (start < 0 || open < 0) {
            throw new IllegalStateException("chart '" + title + "': the SVG encoder wrote no <svg> element");
        }
        return s.substring(start, open + 1) + "<title>" + escape(title) + "</title>" + s.substring(open + 1).strip();
    }

    /** The whole page. */
    static String html(List<Group> groups, List<Chart> charts) {
        int runCount = groups.stream().mapToInt(g -> g.runs().size()).sum();
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>npg4j training report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.3em .6em;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}\n")
                .append("figure{display:inline-block;margin:.5em;width:540px}svg{width:100%;height:auto}\n")
                .append("figcaption{font-size:.85em;color:#555}\n</style>\n</head>\n<body>\n")
                .append("<h1>npg4j training report</h1>\n<p>").append(runCount).append(runCount == 1 ? " run" : " runs")
                .append(" in ").append(groups.size()).append(groups.size() == 1 ? " group" : " groups")
                .append(" (algorithm, env). Curves: mean over seeds, shaded 95% confidence band (Student t), seeds ")
                .append("interpolated linearly onto common timesteps; the bands of quantities that cannot be negative ")
                .append("(costs, violation, KL, multiplier, losses, fractions) are cut at zero.</p>\n<p>Final ")
                .append("evaluation: eval.json's headline policy. Constrained runs are evaluated with the stochastic ")
                .append("policy, the one their constraint was trained for (training samples its actions, so the limit ")
                .append("bounds its expected episode cost); eval.json also holds the deterministic mode's figures. ")
                .append("Unconstrained runs use the deterministic mode. The eval cost columns come from the same ")
                .append("episodes as the eval return; the training columns from the training policy's last ")
                .append("rollouts.</p>\n");
        summaryTable(h, groups);
        runsTable(h, groups);
        h.append("<h2>Training curves</h2>\n");
        for (Chart c : charts) {
            h.append("<figure class=\"chart\" id=\"chart-").append(c.family().id()).append("\">\n").append(c.svg())
                    .append("\n<figcaption>").append(escape(c.family().title())).append(": ")
                    .append(escape(String.join(" or ", c.family().columns())))
                    .append(" vs time/total_timesteps</figcaption>\n</figure>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    /** Whether some run logged episode costs (then the tables get the cost columns). */
    static boolean hasCosts(List<Group> groups) {
        for (Group g : groups) {
            for (RunDirectory r : g.runs()) {
                if (Double.isFinite(r.last(EP_COST_MEAN))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The cost columns: first the final evaluation's (eval.json's headline policy: mean episode cost over the same
     * episodes as the eval return, the limits, whether they are met), then training's (the last rollouts of the
     * training policy: ep_cost_mean and the cumulative violation), labelled apart because they are figures of
     * different policies and episodes.
     */
    private static final String COST_HEADERS = "<th>eval episode cost (same episodes as the eval return)</th>"
            + "<th>cost limit</th><th>limit met (eval)</th><th>training ep_cost_mean (last rollouts)</th>"
            + "<th>training cumulative violation</th>";

    /**
     * The cost cells of a run, or of a group (means over its runs): the evaluation's episode cost per constraint,
     * the limits, whether they are met (of a group: in how many runs), then training's final episode cost and
     * cumulative violation.
     */
    private static void costCells(StringBuilder h, List<RunDirectory> runs) {
        List<RunDirectory.Evaluation> evals = runs.stream().flatMap(r -> r.evaluation().stream()).toList();
        int m = evals.stream().mapToInt(e -> e.meanCosts().length).max().orElse(0);
        double[] evalCost = new double[m];
        for (int i = 0; i < m; i++) {
            final int c = i;
            evalCost[i] = evals.stream().filter(e -> e.meanCosts().length > c).mapToDouble(e -> e.meanCosts()[c])
                    .average().orElse(Double.NaN);
        }
        if (m == 0) {
            h.append("<td class=\"eval-cost\">&#8211;</td>");
        } else {
            List<String> texts = new ArrayList<>();
            for (double c : evalCost) {
                texts.add(String.format(Locale.ROOT, "%.2f", c));
            }
            h.append("<td class=\"eval-cost\" data-value=\"").append(evalCost[0]).append("\" data-values=\"")
                    .append(join(evalCost)).append("\">").append(String.join(", ", texts)).append("</td>");
        }
        Set<String> limits = new LinkedHashSet<>();
        double firstLimit = Double.NaN;
        for (RunDirectory r : runs) {
            double[] l = r.evaluation().map(RunDirectory.Evaluation::limits).filter(x -> x.length > 0)
                    .orElse(Double.isFinite(r.costLimit()) ? new double[] {r.costLimit()} : new double[0]);
            if (l.length > 0) {
                limits.add(join(l));
                firstLimit = l[0];
            }
        }
        if (limits.size() == 1) {
            h.append("<td class=\"limit\" data-value=\"").append(firstLimit).append("\">")
                    .append(escape(limits.iterator().next())).append("</td>");
        } else {
            h.append("<td class=\"limit\">").append(limits.isEmpty() ? "&#8211;" : "several").append("</td>");
        }
        long judged = evals.stream().filter(e -> e.constraintsMet().isPresent()).count();
        long met = evals.stream().filter(e -> e.constraintsMet().orElse(false)).count();
        if (judged == 0) {
            h.append("<td class=\"met\">&#8211;</td>");
        } else if (runs.size() == 1) {
            h.append("<td class=\"met\" data-value=\"").append(met).append("\">").append(met == 1 ? "yes" : "no")
                    .append("</td>");
        } else {
            h.append("<td class=\"met\" data-value=\"").append(met).append("\">").append(met).append(" of ")
                    .append(judged).append(" runs</td>");
        }
        double cost = runs.stream().mapToDouble(r -> r.last(EP_COST_MEAN)).filter(Double::isFinite).average()
                .orElse(Double.NaN);
        double violation = runs.stream().mapToDouble(r -> r.last(CUMULATIVE_VIOLATION)).filter(Double::isFinite)
                .average().orElse(Double.NaN);
        numberCell(h, cost, String.format(Locale.ROOT, "%.2f", cost), "cost");
        numberCell(h, violation, String.format(Locale.ROOT, "%.2f", violation), "violation");
    }

    /** Numbers as "a, b" (shortest round-trip decimals, integers without a fraction). */
    private static String join(double[] v) {
        List<String> s = new ArrayList<>();
        for (double x : v) {
            s.add(number(x));
        }
        return String.join(", ", s);
    }

    /** The headline policy of the runs' evaluations: "stochastic", "deterministic", "mixed", or a dash. */
    private static String policyOf(List<RunDirectory> runs) {
        Set<String> p = new LinkedHashSet<>();
        for (RunDirectory r : runs) {
            r.evaluation().ifPresent(e -> p.add(e.policy()));
        }
        return p.isEmpty() ? "\u2013" : p.size() == 1 ? p.iterator().next() : "mixed";
    }

    private static void summaryTable(StringBuilder h, List<Group> groups) {
        boolean costs = hasCosts(groups);
        h.append("<h2>Summary</h2>\n<table id=\"summary\">\n<tr><th>group</th><th>seeds</th>")
                .append("<th>final eval return (mean &#177; std)</th><th>eval policy</th><th>wall time per run (s)</th>")
                .append("<th>total timesteps per run</th>").append(costs ? COST_HEADERS : "").append("</tr>\n");
        for (Group g : groups) {
            List<String> seeds = new ArrayList<>();
            double[] means = g.runs().stream().flatMap(r -> r.evaluation().stream())
                    .mapToDouble(RunDirectory.Evaluation::meanReturn).toArray();
            for (RunDirectory r : g.runs()) {
                seeds.add(Long.toString(r.seed()));
            }
            h.append("<tr class=\"group\"><td>").append(escape(g.label())).append("</td><td>")
                    .append(escape(String.join(", ", seeds))).append("</td>");
            if (means.length == 0) {
                h.append("<td class=\"eval\">&#8211;</td>");
            } else if (g.runs().size() == 1) {
                RunDirectory.Evaluation e = g.runs().get(0).evaluation().get();
                evalCell(h, e.meanReturn(), e.stdReturn(), "");
            } else {
                double mu = 0;
                for (double m : means) {
                    mu += m / means.length;
                }
                double ss = 0;
                for (double m : means) {
                    ss += (m - mu) * (m - mu);
                }
                double sd = means.length > 1 ? Math.sqrt(ss / (means.length - 1)) : 0.0;
                evalCell(h, mu, sd, " over " + means.length + " seeds");
            }
            h.append("<td class=\"policy\">").append(escape(policyOf(g.runs()))).append("</td>");
            double wall = g.runs().stream().mapToDouble(r -> r.last(RunDirectory.TIME_ELAPSED)).average().orElse(Double.NaN);
            double steps = g.runs().stream().mapToDouble(r -> r.last(RunDirectory.TIMESTEPS)).average().orElse(Double.NaN);
            numberCell(h, wall, String.format(Locale.ROOT, "%.1f", wall));
            numberCell(h, steps, String.format(Locale.ROOT, "%,.0f", steps));
            if (costs) {
                costCells(h, g.runs());
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void runsTable(StringBuilder h, List<Group> groups) {
        boolean costs = hasCosts(groups);
        h.append("<h2>Runs</h2>\n<table id=\"runs\">\n<tr><th>run directory</th><th>group</th><th>seed</th>")
                .append("<th>final eval return (mean &#177; std)</th><th>eval policy</th><th>eval episodes</th>")
                .append("<th>wall time (s)</th>")
                .append("<th>total timesteps</th>").append(costs ? COST_HEADERS : "").append("</tr>\n");
        for (Group g : groups) {
            for (RunDirectory r : g.runs()) {
                h.append("<tr class=\"run\"><td>").append(escape(r.dir().getFileName().toString())).append("</td><td>")
                        .append(escape(g.label())).append("</td><td>").append(r.seed()).append("</td>");
                if (r.evaluation().isPresent()) {
                    RunDirectory.Evaluation e = r.evaluation().get();
                    evalCell(h, e.meanReturn(), e.stdReturn(), "");
                    h.append("<td class=\"policy\">").append(escape(e.policy())).append("</td><td>")
                            .append(e.episodes()).append("</td>");
                } else {
                    h.append("<td class=\"eval\">&#8211;</td><td class=\"policy\">&#8211;</td><td>&#8211;</td>");
                }
                double wall = r.last(RunDirectory.TIME_ELAPSED);
                double steps = r.last(RunDirectory.TIMESTEPS);
                numberCell(h, wall, String.format(Locale.ROOT, "%.1f", wall));
                numberCell(h, steps, String.format(Locale.ROOT, "%,.0f", steps));
                if (costs) {
                    costCells(h, List.of(r));
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table>\n");
    }

    /** A cell "mean ± std" with the exact values in data attributes (shortest round-trip decimal). */
    private static void evalCell(StringBuilder h, double mean, double std, String note) {
        h.append("<td class=\"eval\" data-mean=\"").append(mean).append("\" data-std=\"").append(std).append("\">")
                .append(String.format(Locale.ROOT, "%.2f &#177; %.2f", mean, std)).append(escape(note)).append("</td>");
    }

    private static void numberCell(StringBuilder h, double value, String text) {
        numberCell(h, value, text, null);
    }

    private static void numberCell(StringBuilder h, double value, String text, String cssClass) {
        String cls = cssClass == null ? "" : " class=\"" + cssClass + "\"";
        if (Double.isFinite(value)) {
            h.append("<td").append(cls).append(" data-value=\"").append(value).append("\">").append(text)
                    .append("</td>");
        } else {
            h.append("<td").append(cls).append(">&#8211;</td>");
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
