package org.npg4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.MdpSpecs;
import org.npg4j.mdp.SoftValueIteration;
import org.npg4j.mdp.Solution;
import org.npg4j.mdp.Solver;
import org.npg4j.mdp.TabularPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code npg4j mdp solve FILE|SPEC [--method lp|vi|pi] [--tau T] [--json]}. The JSON output is
 * {@code {"value_rho", "expected_return", "V", "policy", "method", "seconds"}} plus {@code "costs"} (C_i of the
 * policy, with name and limit) for a constrained MDP and {@code "tau"} for a regularized solve.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve an MDP exactly: LP over state-action distributions, value or policy iteration; "
                + "with --tau, the entropy-regularized optimum by soft value iteration.")
public final class MdpSolveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|SPEC",
            description = "An npg4j-mdp/1 file or a generator spec (e.g. gridworld, garnet:states=100,actions=4,branching=5,seed=0).")
    String mdpSpec;

    @Option(names = "--method", defaultValue = "lp", description = "lp, vi or pi (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--tau", description = "Entropy-regularization temperature: solve for pi*_tau by soft VI.")
    Double tau;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FiniteMdp mdp = MdpSpecs.parse(mdpSpec);
        Solution sol;
        if (tau != null) {
            if (!(tau > 0)) {
                throw new IllegalArgumentException("--tau " + tau + " must be positive");
            }
            sol = SoftValueIteration.entropy(mdp, tau, 1e-10).solution();
        } else {
            sol = Solver.solve(mdp, Solver.Method.parse(method));
        }
        PrintWriter out = spec.commandLine().getOut();
        Evaluation ev = sol.evaluation();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value_rho", sol.valueRho());
            m.put("expected_return", sol.expectedReturn());
            m.put("V", sol.values());
            m.put("policy", sol.policy().toMatrix());
            m.put("method", sol.method());
            m.put("seconds", sol.seconds());
            if (tau != null) {
                m.put("tau", tau);
            }
            if (mdp.isConstrained()) {
                m.put("costs", costs(mdp, ev));
            }
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "%s: %d states, %d actions, gamma %s%n", mdpSpec, mdp.states(), mdp.actions(),
                    mdp.gamma());
            out.printf(Locale.ROOT, "method %s%s: V(rho) = %.10g, R = (1-gamma) V(rho) = %.10g (%.3f s)%n",
                    sol.method(), tau != null ? " tau=" + tau : "", sol.valueRho(), sol.expectedReturn(), sol.seconds());
            for (int i = 0; i < mdp.costCount(); i++) {
                out.printf(Locale.ROOT, "cost %s: C = %.10g (limit %s)%n", mdp.cost(i).name(), ev.costReturn(i),
                        mdp.cost(i).limit());
            }
            printPolicy(out, mdp, sol.policy());
        }
        return 0;
    }

    static List<Map<String, Object>> costs(FiniteMdp mdp, Evaluation ev) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 0; i < mdp.costCount(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", mdp.cost(i).name());
            c.put("value", ev.costReturn(i));
            c.put("limit", mdp.cost(i).limit());
            list.add(c);
        }
        return list;
    }

    /** The greedy action per state (and its probability), at most 20 states. */
    static void printPolicy(PrintWriter out, FiniteMdp mdp, TabularPolicy pi) {
        int shown = Math.min(20, mdp.states());
        out.println("policy (most likely action per state" + (shown < mdp.states() ? ", first " + shown : "") + "):");
        for (int s = 0; s < shown; s++) {
            int best = 0;
            for (int a = 1; a < mdp.actions(); a++) {
                if (pi.probability(s, a) > pi.probability(s, best)) {
                    best = a;
                }
            }
            String sn = mdp.stateNames().isEmpty() ? "s" + s : mdp.stateNames().get(s);
            String an = mdp.actionNames().isEmpty() ? "a" + best : mdp.actionNames().get(best);
            out.printf(Locale.ROOT, "  %-8s -> %-6s (p=%.4f)%n", sn, an, pi.probability(s, best));
        }
    }
}
