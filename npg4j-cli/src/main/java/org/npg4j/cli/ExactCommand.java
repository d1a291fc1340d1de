package org.npg4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.npg4j.exact.EntropyRegularizedNpg;
import org.npg4j.exact.ExactOptimizer;
import org.npg4j.exact.ExactPpo;
import org.npg4j.exact.ExactProblem;
import org.npg4j.exact.ExactRunner;
import org.npg4j.exact.ExactTrpo;
import org.npg4j.exact.FisherNaturalPolicyGradient;
import org.npg4j.exact.HessianFlow;
import org.npg4j.exact.LagrangianNpg;
import org.npg4j.exact.LogBarrierPolicyGradient;
import org.npg4j.exact.LogLinearParameterization;
import org.npg4j.exact.NaturalPolicyGradient;
import org.npg4j.exact.ProjectedPolicyGradient;
import org.npg4j.exact.SafeNaturalPolicyGradient;
import org.npg4j.exact.SoftmaxPolicyGradient;
import org.npg4j.exact.TheoryBounds;
import org.npg4j.exact.Trace;
import org.npg4j.exact.TraceRow;
import org.npg4j.util.AtomicFiles;
import org.npg4j.util.Suggestions;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.MdpSpecs;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.PolicyJson;
import org.npg4j.mdp.SoftValueIteration;
import org.npg4j.mdp.TabularPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npg4j exact}: runs exact-gradient optimizers side by side on a finite MDP from the uniform policy, and
 * writes their traces and charts. {@code --json} prints
 * {@code {"algo": {"trace": [{"iter", "value_rho", "expected_return", "gap", "entropy", "step_size"}, ...],
 * "policy": [[...]]}, ...}}.
 */
@Command(name = "exact", mixinStandardHelpOptions = true,
        description = "Exact-gradient policy optimization on a finite MDP: traces (CSV), charts (PNG, SVG), JSON.")
public final class ExactCommand implements Callable<Integer> {
    /** The optimizers by CLI name, with one line each. */
    static final Map<String, String> ALGORITHMS = new LinkedHashMap<>();

    static {
        ALGORITHMS.put("pg", "softmax policy gradient, step --eta");
        ALGORITHMS.put("logbarrier", "log-barrier regularized softmax PG, --eta, --lambda");
        ALGORITHMS.put("direct", "projected PG on the simplex (direct parameterization), --eta");
        ALGORITHMS.put("npg", "Kakade's NPG, closed form pi <- pi exp(eta A/(1-gamma)), --eta");
        ALGORITHMS.put("npg-fisher", "NPG by the Fisher pseudo-inverse (compatible function approximation), --eta");
        ALGORITHMS.put("npg-geometric", "NPG with geometrically increasing steps eta_k = eta/gamma^k");
        ALGORITHMS.put("regnpg", "entropy-regularized NPG (Cen et al.), --eta, --tau");
        ALGORITHMS.put("trpo", "exact TRPO: natural direction, KL radius --max-kl, backtracking");
        ALGORITHMS.put("ppo", "exact PPO: clipped surrogate under d^pi_k, --clip, --epochs, --eta as learning rate");
        ALGORITHMS.put("flow-kakade", "Hessian flow of -H_{A|S} on d (Kakade's NPG flow), time step --eta");
        ALGORITHMS.put("flow-entropy", "Hessian flow of -H on d (state-action NPG), time step --eta");
        ALGORITHMS.put("safe-npg", "exact safe NPG for CMDPs (barrier geometry, stays safe), --beta, --eta; needs a safe --start");
        ALGORITHMS.put("lagrangian-npg", "primal-dual NPG for CMDPs, --eta, --eta-lambda");
    }

    @Option(names = "--mdp", defaultValue = "two-state", paramLabel = "FILE|SPEC",
            description = "MDP file or generator spec (default ${DEFAULT-VALUE}).")
    String mdpSpec;

    @Option(names = "--algo", defaultValue = "npg,pg", split = ",",
            description = "Comma-separated optimizers (default ${DEFAULT-VALUE}): pg, logbarrier, direct, npg, "
                    + "npg-fisher, npg-geometric, regnpg, trpo, ppo, flow-kakade, flow-entropy.")
    List<String> algos;

    @Option(names = "--eta", defaultValue = "0.1", description = "Step size (default ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--tau", defaultValue = "0.1", description = "Entropy temperature of regnpg (default ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--lambda", defaultValue = "0.1", description = "Log-barrier weight (default ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--max-kl", defaultValue = "0.01", description = "TRPO's KL radius (default ${DEFAULT-VALUE}).")
    double maxKl;

    @Option(names = "--clip", defaultValue = "0.2", description = "PPO's clip range (default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--epochs", defaultValue = "10", description = "PPO's gradient steps per iteration (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--beta", defaultValue = "0.01", description = "Barrier weight of safe-npg (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--eta-lambda", defaultValue = "1.0",
            description = "Multiplier step of lagrangian-npg (default ${DEFAULT-VALUE}).")
    double etaLambda;

    @Option(names = "--start", paramLabel = "P.json|[[..],..]",
            description = "Start policy: a policy file or an inline matrix such as [[0.8,0.2],[0.2,0.8]] (default: uniform).")
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
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String a : algos) {
            if (!ALGORITHMS.containsKey(a)) {
                throw new IllegalArgumentException(Suggestions.unknown("--algo", a, ALGORITHMS.keySet())
                        + "; known: " + String.join(", ", ALGORITHMS.keySet()));
            }
        }
        if (iters < 1) {
            throw new IllegalArgumentException("--iters " + iters + " must be at least 1");
        }
        FiniteMdp mdp = MdpSpecs.parse(mdpSpec);
        ExactProblem problem = switch (mu) {
            case "rho" -> ExactProblem.of(mdp);
            case "uniform" -> ExactProblem.uniformMu(mdp);
            default -> throw new IllegalArgumentException("--mu must be rho or uniform, got '" + mu + "'");
        };
        TabularPolicy start = startPolicy == null ? TabularPolicy.uniform(mdp.states(), mdp.actions())
                : startPolicy.trim().startsWith("[") ? PolicyJson.parse("{\"policy\": " + startPolicy + "}", "--start")
                : PolicyJson.read(Path.of(startPolicy), mdp);
        start.checkCompatible(mdp);
        ExactRunner runner = ExactRunner.builder().iterations(iters).build();
        Map<String, Trace> traces = new LinkedHashMap<>();
        Map<String, List<double[]>> iterates = new LinkedHashMap<>();
        for (String a : algos) {
            List<double[]> path = new ArrayList<>();
            Trace t = runner.run(problem, optimizer(a, problem, start), (k, pi, ev) -> {
                if (mdp.states() == 2 && mdp.actions() == 2) {
                    double[] d = ev.stateActionDistribution();
                    path.add(new double[] {pi[0], pi[2], d[0], d[2]});
                }
            });
            traces.put(a, t);
            iterates.put(a, path);
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (out != null) {
            writeFiles(mdp, problem, start, traces, iterates);
        }
        if (json) {
            pw.println(Json.write(jsonOf(traces)));
        } else {
            pw.printf(Locale.ROOT, "%s: %d states, %d actions, gamma %s; V*(rho) = %.10g%n", mdpSpec, mdp.states(),
                    mdp.actions(), mdp.gamma(), problem.optimalValueRho());
            pw.printf(Locale.ROOT, "%-14s %8s %14s %14s %12s%n", "algo", "iters", "V(rho)", "gap", "iter<=1e-3");
            for (Map.Entry<String, Trace> e : traces.entrySet()) {
                TraceRow last = e.getValue().last();
                int first = e.getValue().firstIterationWithin(1e-3);
                pw.printf(Locale.ROOT, "%-14s %8d %14.8g %14.4e %12s%n", e.getKey(), last.iteration(), last.valueRho(),
                        last.suboptimality(), first < 0 ? "-" : Integer.toString(first));
            }
            if (out != null) {
                pw.println("wrote traces and charts to " + out);
            }
        }
        return 0;
    }

    private ExactOptimizer optimizer(String name, ExactProblem problem, TabularPolicy start) {
        return switch (name) {
            case "pg" -> new SoftmaxPolicyGradient(problem, start, eta);
            case "logbarrier" -> new LogBarrierPolicyGradient(problem, start, eta, lambda);
            case "direct" -> new ProjectedPolicyGradient(problem, start, eta);
            case "npg" -> NaturalPolicyGradient.constant(problem, start, eta);
            case "npg-fisher" -> new FisherNaturalPolicyGradient(problem,
                    LogLinearParameterization.tabular(problem.states(), problem.actions()),
                    new double[problem.states() * problem.actions()], eta);
            case "npg-geometric" -> NaturalPolicyGradient.geometric(problem, start, eta);
            case "regnpg" -> new EntropyRegularizedNpg(problem, start, eta, tau);
            case "trpo" -> new ExactTrpo(problem, start, maxKl);
            case "ppo" -> new ExactPpo(problem, start, clip, epochs, eta);
            case "flow-kakade" -> new HessianFlow(problem, start, HessianFlow.Geometry.CONDITIONAL_ENTROPY, eta);
            case "flow-entropy" -> new HessianFlow(problem, start, HessianFlow.Geometry.ENTROPY, eta);
            case "safe-npg" -> new SafeNaturalPolicyGradient(problem, start, beta, eta);
            case "lagrangian-npg" -> new LagrangianNpg(problem, start, eta, etaLambda);
            default -> throw new IllegalStateException(name);
        };
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

    private void writeFiles(FiniteMdp mdp, ExactProblem problem, TabularPolicy start, Map<String, Trace> traces,
                            Map<String, List<double[]>> iterates) {
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
                y[i] = rows.get(i).suboptimality();
            }
            gaps.add(Charts.Line.of(e.getKey(), x, y));
        }
        if (traces.containsKey("npg")) {
            // Theorem 10.7's bound, which holds for rewards in [0, 1]: drawn for NPG's step size.
            double[] x = new double[iters];
            double[] y = new double[iters];
            for (int t = 1; t <= iters; t++) {
                x[t - 1] = t;
                y[t - 1] = TheoryBounds.npgSuboptimality(mdp.actions(), eta, mdp.gamma(), t);
            }
            gaps.add(new Charts.Line("Thm 10.7 bound (npg)", x, y, true));
        }
        XYChart chart = Charts.lineChart("Suboptimality V*(rho) - V(rho)", "iteration", "gap (log scale)", true, gaps);
        Charts.save(chart, out.resolve("suboptimality"));
        if (mdp.states() == 2 && mdp.actions() == 2) {
            writeTwoStatePictures(mdp, start, iterates);
        }
        if (mdp.isConstrained()) {
            writeConstraintCharts(mdp, traces);
        }
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
            ret.add(Charts.Line.of(e.getKey(), x, r));
            cost.add(Charts.Line.of(e.getKey(), x, c));
        }
        double best = org.npg4j.mdp.LinearProgram.solve(mdp).expectedReturn();
        ret.add(new Charts.Line("constrained optimum (LP)", ends, new double[] {best, best}, true));
        double b = mdp.cost(0).limit();
        cost.add(new Charts.Line("limit " + mdp.cost(0).name(), ends, new double[] {b, b}, true));
        Charts.save(Charts.lineChart("Expected return R(pi)", "iteration", "R", false, ret), out.resolve("return"));
        Charts.save(Charts.lineChart("Cost C(pi) = c.d", "iteration", "C_" + mdp.cost(0).name(), false, cost),
                out.resolve("cost"));
    }

    /** The policy square (π(a1|s1), π(a1|s2)) and the polytope projection (d(s1,a1), d(s2,a1)), with the central path. */
    private void writeTwoStatePictures(FiniteMdp mdp, TabularPolicy start, Map<String, List<double[]>> iterates) {
        List<Charts.Line> square = new ArrayList<>();
        List<Charts.Line> polytope = new ArrayList<>();
        polytope.add(polytopeBoundary(mdp));
        for (Map.Entry<String, List<double[]>> e : iterates.entrySet()) {
            square.add(Charts.Line.of(e.getKey(), column(e.getValue(), 0), column(e.getValue(), 1)));
            polytope.add(Charts.Line.of(e.getKey(), column(e.getValue(), 2), column(e.getValue(), 3)));
        }
        // Central path: argmax R(pi) - (1/t) D_KL(pi, pi0), pi0 the start, for t from 1e-3 to 1e4 (log-spaced).
        List<double[]> path = new ArrayList<>();
        for (int i = 0; i <= 140; i++) {
            double t = Math.pow(10, -3 + 7.0 * i / 140);
            TabularPolicy p = SoftValueIteration.klRegularized(mdp, start, 1 / t, 1e-10).policy();
            double[] d = PolicyEvaluation.evaluate(mdp, p).stateActionDistribution();
            path.add(new double[] {p.probability(0, 0), p.probability(1, 0), d[0], d[2]});
        }
        square.add(new Charts.Line("central path", column(path, 0), column(path, 1), true));
        polytope.add(new Charts.Line("central path", column(path, 2), column(path, 3), true));
        if (mdp.isConstrained()) {
            List<double[]> boundary = safeBoundary(mdp);
            if (!boundary.isEmpty()) {
                square.add(new Charts.Line("safe boundary C = b", column(boundary, 0), column(boundary, 1), true));
                polytope.add(new Charts.Line("safe boundary C = b", column(boundary, 2), column(boundary, 3), true));
            }
        }
        Charts.save(Charts.lineChart("Policy square", "pi(a1|s1)", "pi(a1|s2)", false, square), out.resolve("policy-square"));
        Charts.save(Charts.lineChart("State-action polytope (projection)", "d(s1,a1)", "d(s2,a1)", false, polytope),
                out.resolve("polytope"));
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
        return new Charts.Line("polytope", column(pts, 0), column(pts, 1), true);
    }

    private static double[] column(List<double[]> rows, int j) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows.get(i)[j];
        }
        return c;
    }
}
