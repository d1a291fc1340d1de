package org.npg4j.cli;

import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.npg4j.exact.ExactHyperparameter;
import org.npg4j.exact.ExactOptimizerSpec;
import org.npg4j.exact.ExactOptimizers;
import org.npg4j.exact.ExactProblem;
import org.npg4j.exact.ExactRunner;
import org.npg4j.exact.TheoryBounds;
import org.npg4j.exact.Trace;
import org.npg4j.exact.TraceRow;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.Suggestions;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.MdpSpecs;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.PolicyJson;
import org.npg4j.mdp.SoftValueIteration;
import org.npg4j.mdp.TabularPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code npg4j exact}: runs exact-gradient optimizers side by side on a finite MDP, and writes their traces and
 * charts. The optimizers, their hyperparameter options ({@code --eta}, {@code --max-kl}, ...: one per hyperparameter
 * key of {@link ExactOptimizers}, with each optimizer's own default) and the listing in {@code --help} come from the
 * registry. {@code --json} prints
 * {@code {"algo": {"trace": [{"iter", "value_rho", "expected_return", "gap", "entropy", "step_size"}, ...],
 * "policy": [[...]]}, ...}}.
 */
@Command(name = "exact", mixinStandardHelpOptions = true, modelTransformer = ExactCommand.RegistryOptions.class,
        description = "Exact-gradient policy optimization on a finite MDP: traces (CSV), charts (PNG, SVG), JSON.")
public final class ExactCommand implements Callable<Integer> {
    /** Feasibility tolerance of the summary: C_i(pi_k) <= b_i + this counts as satisfying constraint i. */
    static final double FEASIBILITY_TOLERANCE = 1e-9;
    /** The gap threshold of the summary's "iter<=1e-3" column. */
    static final double SUMMARY_GAP = 1e-3;

    @Option(names = "--mdp", defaultValue = "two-state", paramLabel = "FILE|SPEC",
            description = "MDP file or generator spec (default ${DEFAULT-VALUE}).")
    String mdpSpec;

    @Option(names = "--algo", defaultValue = "npg,pg", split = ",", paramLabel = "NAME",
            description = "Comma-separated optimizers (default ${DEFAULT-VALUE}); listed below.")
    List<String> algos;

    @Option(names = "--start", paramLabel = "uniform|feasible|P.json|[[..],..]",
            description = "Start policy: uniform (default); feasible, a strictly feasible policy of a constrained MDP "
                    + "from the LP (the max-slack occupancy mixed with the uniform policy's), as safe-npg needs; a "
                    + "policy file; or an inline matrix such as [[0.8,0.2],[0.2,0.8]].")
    String startPolicy;

    @Option(names = "--iters", defaultValue = "200", description = "Iterations (default ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--mu", defaultValue = "rho", description = "Optimization start distribution: rho or uniform (default ${DEFAULT-VALUE}).")
    String mu;

    @Option(names = "--out", paramLabel = "DIR", description = "Write <algo>.csv traces and the charts here.")
    Path out;

    @Option(names = "--json", description = "Print the traces as JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    /** The charts written by the last run, by file name (without extension). */
    final Map<String, XYChart> charts = new LinkedHashMap<>();

    /** The command-line option of a hyperparameter key: {@code max_kl} is {@code --max-kl}. */
    static String option(String key) {
        return "--" + key.replace('_', '-');
    }

    /**
     * Adds one {@code --key} option per hyperparameter key of the registry (its help names the optimizers having it
     * and their defaults), and the list of optimizers as the usage footer, so neither can fall behind the registry.
     */
    static final class RegistryOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            Map<String, Map<String, List<String>>> byKey = new LinkedHashMap<>();
            Map<String, String> firstDescription = new LinkedHashMap<>();
            for (ExactOptimizerSpec s : ExactOptimizers.specs()) {
                for (ExactHyperparameter h : s.hyperparameters()) {
                    byKey.computeIfAbsent(h.key(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(h.defaultText(), d -> new ArrayList<>()).add(s.name());
                    firstDescription.putIfAbsent(h.key(), h.description());
                }
            }
            for (Map.Entry<String, Map<String, List<String>>> e : byKey.entrySet()) {
                List<String> defaults = new ArrayList<>();
                for (Map.Entry<String, List<String>> d : e.getValue().entrySet()) {
                    defaults.add(String.join(", ", d.getValue()) + ": " + d.getKey());
                }
                command.addOption(OptionSpec.builder(option(e.getKey())).type(Double.class).paramLabel("X")
                        .description(capitalized(firstDescription.get(e.getKey())) + ". Default "
                                + String.join("; ", defaults) + ".")
                        .build());
            }
            List<String> footer = new ArrayList<>();
            footer.add("%nOptimizers (--algo NAME), with their hyperparameter options and defaults:");
            String indent = " ".repeat(18);
            for (ExactOptimizerSpec s : ExactOptimizers.specs()) {
                footer.add(String.format(Locale.ROOT, "  %-15s %s", s.name(), s.description()));
                // "constrained MDPs only; --eta 50, --beta 0.01", wrapped before 78 columns between options.
                StringBuilder line = new StringBuilder(indent).append(s.constrained() ? "constrained MDPs only; " : "");
                List<ExactHyperparameter> hs = s.hyperparameters();
                for (int i = 0; i < hs.size(); i++) {
                    String item = option(hs.get(i).key()) + " " + hs.get(i).defaultText() + (i + 1 < hs.size() ? "," : "");
                    if (line.length() > indent.length() && line.length() + item.length() > 78) {
                        footer.add(line.toString().stripTrailing());
                        line = new StringBuilder(indent);
                    }
                    line.append(item).append(' ');
                }
                footer.add(line.toString().stripTrailing());
            }
            command.usageMessage().footer(footer.toArray(new String[0]));
            return command;
        }

        private static String capitalized(String text) {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }

    @Override
    public Integer call() {
        List<ExactOptimizerSpec> chosen = new ArrayList<>();
        for (String a : new LinkedHashSet<>(algos)) {
            Optional<ExactOptimizerSpec> s = ExactOptimizers.find(a);
            if (s.isEmpty()) {
                throw new IllegalArgumentException(Suggestions.unknown("--algo", a, ExactOptimizers.names())
                        + "; known: " + String.join(", ", ExactOptimizers.names()));
            }
            chosen.add(s.get());
        }
        if (iters < 1) {
            throw new IllegalArgumentException("--iters " + iters + " must be at least 1");
        }
        Map<String, Double> given = givenHyperparameters(chosen);
        FiniteMdp mdp = MdpSpecs.parse(mdpSpec);
        ExactProblem problem = switch (mu) {
            case "rho" -> ExactProblem.of(mdp);
            case "uniform" -> ExactProblem.uniformMu(mdp);
            default -> throw new IllegalArgumentException("--mu must be rho or uniform, got '" + mu + "'");
        };
        TabularPolicy start = startPolicy(mdp);
        ExactRunner runner = ExactRunner.builder().iterations(iters).build();
        Map<String, Trace> traces = new LinkedHashMap<>();
        Map<String, List<double[]>> iterates = new LinkedHashMap<>();
        for (ExactOptimizerSpec s : chosen) {
            Map<String, Double> values = new LinkedHashMap<>();
            given.forEach((k, v) -> s.hyperparameter(k).ifPresent(h -> values.put(k, v)));
            List<double[]> path = new ArrayList<>();
            Trace t = runner.run(problem, ExactOptimizers.build(s.name(), problem, start, values, ExactCommand::option),
                    (k, pi, ev) -> {
                        if (mdp.states() == 2 && mdp.actions() == 2) {
                            double[] d = ev.stateActionDistribution();
                            path.add(new double[] {pi[0], pi[2], d[0], d[2]});
                        }
                    });
            traces.put(s.name(), t);
            iterates.put(s.name(), path);
        }
        Optional<String> boundOmitted = traces.containsKey("npg") ? npgBoundInapplicable(mdp, start) : Optional.empty();
        PrintWriter pw = spec.commandLine().getOut();
        if (out != null) {
            writeFiles(mdp, start, traces, iterates, given.getOrDefault("eta",
                    ExactOptimizers.spec("npg").defaults().get("eta")), boundOmitted);
        }
        if (json) {
            pw.println(Json.write(jsonOf(traces)));
        } else {
            printSummary(pw, mdp, problem, traces);
            if (out != null) {
                boundOmitted.ifPresent(why -> pw.println("Theorem 10.7 bound not drawn: it assumes an unconstrained"
                        + " MDP, rewards in [0, 1] and the uniform start, and here " + why));
                pw.println("wrote traces and charts to " + out);
            }
        }
        return 0;
    }

    /**
     * The hyperparameter options given on the command line, by key; an option that none of the chosen optimizers
     * has is an error naming the ones that do.
     */
    private Map<String, Double> givenHyperparameters(List<ExactOptimizerSpec> chosen) {
        Map<String, Double> given = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (ExactOptimizerSpec s : ExactOptimizers.specs()) {
            s.hyperparameters().forEach(h -> keys.add(h.key()));
        }
        for (String key : keys) {
            OptionSpec o = spec.findOption(option(key));
            Double v = o == null ? null : o.getValue();
            if (v == null) {
                continue;
            }
            if (chosen.stream().noneMatch(s -> s.hyperparameter(key).isPresent())) {
                List<String> owners = ExactOptimizers.specs().stream()
                        .filter(s -> s.hyperparameter(key).isPresent()).map(ExactOptimizerSpec::name).toList();
                throw new IllegalArgumentException(option(key) + " is a hyperparameter of " + String.join(", ", owners)
                        + ", none of which is in --algo " + String.join(",", algos));
            }
            given.put(key, v);
        }
        return given;
    }

    private TabularPolicy startPolicy(FiniteMdp mdp) {
        if (startPolicy == null || startPolicy.equals("uniform")) {
            return TabularPolicy.uniform(mdp.states(), mdp.actions());
        }
        if (startPolicy.equals("feasible")) {
            if (!mdp.isConstrained()) {
                throw new IllegalArgumentException("--start feasible needs a constrained MDP, but " + mdpSpec
                        + " has no costs");
            }
            return LinearProgram.strictlyFeasiblePolicy(mdp);
        }
        TabularPolicy start = startPolicy.trim().startsWith("[")
                ? PolicyJson.parse("{\"policy\": " + startPolicy + "}", "--start")
                : PolicyJson.read(Path.of(startPolicy), mdp);
        start.checkCompatible(mdp);
        return start;
    }

    /**
     * The summary table. The "iter<=1e-3" column counts, on a constrained MDP, only iterates that satisfy every
     * constraint: a primal-dual method can exceed the constrained optimum (gap < 0) while it violates a constraint,
     * and such an iterate is not a solution.
     */
    private void printSummary(PrintWriter pw, FiniteMdp mdp, ExactProblem problem, Map<String, Trace> traces) {
        boolean constrained = mdp.isConstrained();
        pw.printf(Locale.ROOT, "%s: %d states, %d actions, gamma %s; V*(rho) = %.10g%s%n", mdpSpec, mdp.states(),
                mdp.actions(), mdp.gamma(), problem.optimalValueRho(), constrained ? " (constrained, LP)" : "");
        pw.printf(Locale.ROOT, "%-15s %8s %14s %14s %12s%s%n", "algo", "iters", "V(rho)", "gap", "iter<=1e-3",
                constrained ? String.format(Locale.ROOT, " %14s", "max C-b") : "");
        for (Map.Entry<String, Trace> e : traces.entrySet()) {
            TraceRow last = e.getValue().last();
            int first = firstSolvedIteration(mdp, e.getValue());
            pw.printf(Locale.ROOT, "%-15s %8d %14.8g %14.4e %12s%s%n", e.getKey(), last.iteration(), last.valueRho(),
                    last.suboptimality(), first < 0 ? "-" : Integer.toString(first),
                    constrained ? String.format(Locale.ROOT, " %14.4e", worstExcess(mdp, e.getValue())) : "");
        }
        if (constrained) {
            pw.printf(Locale.ROOT, "iter<=1e-3: first iterate with |gap| <= 1e-3 and every C_i <= b_i + %.0e; "
                    + "max C-b: the largest C_i - b_i over all iterates (above %.0e: the run left the safe set)%n",
                    FEASIBILITY_TOLERANCE, FEASIBILITY_TOLERANCE);
        }
    }

    /** The first iteration with |gap| ≤ {@link #SUMMARY_GAP} that satisfies every constraint; -1 if none. */
    static int firstSolvedIteration(FiniteMdp mdp, Trace trace) {
        for (TraceRow r : trace.rows()) {
            if (Math.abs(r.suboptimality()) <= SUMMARY_GAP && excess(mdp, r) <= FEASIBILITY_TOLERANCE) {
                return r.iteration();
            }
        }
        return -1;
    }

    /** max_i (C_i(π_k) - b_i) of one iterate; -∞ without constraints. */
    private static double excess(FiniteMdp mdp, TraceRow r) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mdp.costCount(); i++) {
            worst = Math.max(worst, r.cost(i) - mdp.cost(i).limit());
        }
        return worst;
    }

    private static double worstExcess(FiniteMdp mdp, Trace trace) {
        double worst = Double.NEGATIVE_INFINITY;
        for (TraceRow r : trace.rows()) {
            worst = Math.max(worst, excess(mdp, r));
        }
        return worst;
    }

    /**
     * Why Theorem 10.7's bound (Agarwal et al. 2021, Theorem 16) does not apply to this run of {@code npg}, or empty
     * if it does: it assumes rewards in [0, 1] and the uniform start policy, and bounds the gap to the unconstrained
     * optimum.
     */
    static Optional<String> npgBoundInapplicable(FiniteMdp mdp, TabularPolicy start) {
        if (mdp.isConstrained()) {
            return Optional.of("the MDP is constrained");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double r : mdp.rewards()) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        if (lo < 0 || hi > 1) {
            return Optional.of(String.format(Locale.ROOT, "rewards span [%s, %s], not [0, 1]", lo, hi));
        }
        if (!start.equals(TabularPolicy.uniform(mdp.states(), mdp.actions()))) {
            return Optional.of("the start policy is not uniform");
        }
        return Optional.empty();
    }

    /** The fixed colour of an optimizer in every chart: its place in the registry. */
    private static Color colourOf(String algo) {
        return Charts.colour(ExactOptimizers.names().indexOf(algo));
    }

    static Map<String, Object> jsonOf(Map<String, Trace> traces) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Map.Entry<String, Trace> e : traces.entrySet()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (TraceRow r : e.getValue().rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("iter", r.iteration());
                m.put("value_rho", r.valueRho());
                m.put("expected_return", r.expectedReturn());
                m.put("gap", r.suboptimality());
                m.put("entropy", r.entropy());
                m.put("step_size", finiteOrNull(r.stepSize()));
                if (r.costs().length > 0) {
                    m.put("costs", r.costs());
                }
                rows.add(m);
            }
            Map<String, Object> algo = new LinkedHashMap<>();
            algo.put("trace", rows);
            algo.put("policy", e.getValue().finalPolicy().toMatrix());
            all.put(e.getKey(), algo);
        }
        return all;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void writeFiles(FiniteMdp mdp, TabularPolicy start, Map<String, Trace> traces,
                            Map<String, List<double[]>> iterates, double npgEta, Optional<String> boundOmitted) {
        for (Map.Entry<String, Trace> e : traces.entrySet()) {
            AtomicFiles.writeString(out.resolve(e.getKey() + ".csv"), e.getValue().toCsv());
        }
        List<Charts.Line> gaps = new ArrayList<>();
        for (Map.Entry<String, Trace> e : traces.entrySet()) {
            List<TraceRow> rows = e.getValue().rows();
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i).iteration();
                y[i] = mdp.isConstrained() ? Math.abs(rows.get(i).suboptimality()) : rows.get(i).suboptimality();
            }
            gaps.add(Charts.Line.of(e.getKey(), x, y).in(colourOf(e.getKey())));
        }
        String title = mdp.isConstrained() ? "|V*(rho) - V(rho)|, V* the constrained optimum"
                : "Suboptimality V*(rho) - V(rho)";
        if (traces.containsKey("npg") && boundOmitted.isEmpty()) {
            // Theorem 10.7's bound for NPG's step size, drawn where its assumptions hold.
            double[] x = new double[iters];
            double[] y = new double[iters];
            for (int t = 1; t <= iters; t++) {
                x[t - 1] = t;
                y[t - 1] = TheoryBounds.npgSuboptimality(mdp.actions(), npgEta, mdp.gamma(), t);
            }
            gaps.add(new Charts.Line("Thm 10.7 bound (npg)", x, y, true, colourOf("npg")));
        } else if (traces.containsKey("npg")) {
            title = "Suboptimality (no Thm 10.7 bound: " + boundOmitted.get() + ")";
        }
        XYChart chart = Charts.lineChart(title, "iteration", "gap (log scale)", true, gaps);
        save("suboptimality", chart);
        if (mdp.states() == 2 && mdp.actions() == 2) {
            writeTwoStatePictures(mdp, start, iterates);
        }
        if (mdp.isConstrained()) {
            writeConstraintCharts(mdp, traces);
        }
    }

    private void save(String name, XYChart chart) {
        Charts.save(chart, out.resolve(name));
        charts.put(name, chart);
    }

    /** For a CMDP: R(π_k) with the constrained optimum, and each C_i(π_k) with its limit, against iterations. */
    private void writeConstraintCharts(FiniteMdp mdp, Map<String, Trace> traces) {
        List<Charts.Line> ret = new ArrayList<>();
        List<Charts.Line> cost = new ArrayList<>();
        double[] ends = {0, iters};
        for (Map.Entry<String, Trace> e : traces.entrySet()) {
            List<TraceRow> rows = e.getValue().rows();
            double[] x = new double[rows.size()];
            double[] r = new double[rows.size()];
            double[] c = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i).iteration();
                r[i] = rows.get(i).expectedReturn();
                c[i] = rows.get(i).cost(0);
            }
            ret.add(Charts.Line.of(e.getKey(), x, r).in(colourOf(e.getKey())));
            cost.add(Charts.Line.of(e.getKey(), x, c).in(colourOf(e.getKey())));
        }
        double best = LinearProgram.solve(mdp).expectedReturn();
        ret.add(new Charts.Line("constrained optimum (LP)", ends, new double[] {best, best}, true, Color.BLACK));
        double b = mdp.cost(0).limit();
        cost.add(new Charts.Line("limit " + mdp.cost(0).name(), ends, new double[] {b, b}, true, Color.BLACK));
        save("return", Charts.lineChart("Expected return R(pi)", "iteration", "R", false, ret));
        save("cost", Charts.lineChart("Cost C(pi) = c.d", "iteration", "C_" + mdp.cost(0).name(), false, cost));
    }

    /** The policy square (π(a1|s1), π(a1|s2)) and the polytope projection (d(s1,a1), d(s2,a1)), with the central path. */
    private void writeTwoStatePictures(FiniteMdp mdp, TabularPolicy start, Map<String, List<double[]>> iterates) {
        List<Charts.Line> square = new ArrayList<>();
        List<Charts.Line> polytope = new ArrayList<>();
        polytope.add(polytopeBoundary(mdp));
        for (Map.Entry<String, List<double[]>> e : iterates.entrySet()) {
            Color c = colourOf(e.getKey());
            square.add(Charts.Line.of(e.getKey(), column(e.getValue(), 0), column(e.getValue(), 1)).in(c));
            polytope.add(Charts.Line.of(e.getKey(), column(e.getValue(), 2), column(e.getValue(), 3)).in(c));
        }
        // Central path: argmax R(pi) - (1/t) D_KL(pi, pi0), pi0 the start, for t from 1e-3 to 1e4 (log-spaced).
        List<double[]> path = new ArrayList<>();
        for (int i = 0; i <= 140; i++) {
            double t = Math.pow(10, -3 + 7.0 * i / 140);
            TabularPolicy p = SoftValueIteration.klRegularized(mdp, start, 1 / t, 1e-10).policy();
            double[] d = PolicyEvaluation.evaluate(mdp, p).stateActionDistribution();
            path.add(new double[] {p.probability(0, 0), p.probability(1, 0), d[0], d[2]});
        }
        square.add(new Charts.Line("central path", column(path, 0), column(path, 1), true, Color.DARK_GRAY));
        polytope.add(new Charts.Line("central path", column(path, 2), column(path, 3), true, Color.DARK_GRAY));
        if (mdp.isConstrained()) {
            List<double[]> boundary = safeBoundary(mdp);
            if (!boundary.isEmpty()) {
                square.add(new Charts.Line("safe boundary C = b", column(boundary, 0), column(boundary, 1), true,
                        Color.RED.darker()));
                polytope.add(new Charts.Line("safe boundary C = b", column(boundary, 2), column(boundary, 3), true,
                        Color.RED.darker()));
            }
        }
        save("policy-square", Charts.lineChart("Policy square", "pi(a1|s1)", "pi(a1|s2)", false, square));
        save("polytope", Charts.lineChart("State-action polytope (projection)", "d(s1,a1)", "d(s2,a1)", false,
                polytope));
    }

    /**
     * The curve C_1(π) = b_1 in the policy square (and its image in the polytope, where it is a straight segment):
     * for each π(a1|s1) on a grid, π(a1|s2) by bisection where the cost crosses the limit.
     */
    private static List<double[]> safeBoundary(FiniteMdp mdp) {
        List<double[]> pts = new ArrayList<>();
        double b = mdp.cost(0).limit();
        for (int k = 0; k <= 100; k++) {
            double p1 = k / 100.0;
            double lo = 0;
            double hi = 1;
            double flo = cost(mdp, p1, lo) - b;
            double fhi = cost(mdp, p1, hi) - b;
            if (flo * fhi > 0) {
                continue;
            }
            for (int it = 0; it < 60; it++) {
                double mid = 0.5 * (lo + hi);
                double fm = cost(mdp, p1, mid) - b;
                if (fm * flo > 0) {
                    lo = mid;
                    flo = fm;
                } else {
                    hi = mid;
                }
            }
            double p2 = 0.5 * (lo + hi);
            double[] d = PolicyEvaluation.evaluate(mdp, TabularPolicy.of(new double[][] {{p1, 1 - p1}, {p2, 1 - p2}}))
                    .stateActionDistribution();
            pts.add(new double[] {p1, p2, d[0], d[2]});
        }
        return pts;
    }

    private static double cost(FiniteMdp mdp, double p1, double p2) {
        return PolicyEvaluation.evaluate(mdp, TabularPolicy.of(new double[][] {{p1, 1 - p1}, {p2, 1 - p2}}))
                .costReturn(0);
    }

    /** The polytope's boundary: the images of the policy square's edges (each is a segment of the polytope). */
    private static Charts.Line polytopeBoundary(FiniteMdp mdp) {
        List<double[]> pts = new ArrayList<>();
        double[][] corners = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
        for (int c = 0; c < 4; c++) {
            for (int k = 0; k <= 20; k++) {
                double u = k / 20.0;
                double p1 = corners[c][0] + u * (corners[c + 1][0] - corners[c][0]);
                double p2 = corners[c][1] + u * (corners[c + 1][1] - corners[c][1]);
                TabularPolicy p = TabularPolicy.of(new double[][] {{p1, 1 - p1}, {p2, 1 - p2}});
                double[] d = PolicyEvaluation.evaluate(mdp, p).stateActionDistribution();
                pts.add(new double[] {d[0], d[2]});
            }
        }
        return new Charts.Line("polytope", column(pts, 0), column(pts, 1), true, Color.GRAY);
    }

    private static double[] column(List<double[]> rows, int j) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows.get(i)[j];
        }
        return c;
    }
}
