package org.npg4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.MdpSpecs;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.PolicyJson;
import org.npg4j.mdp.TabularPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code npg4j mdp eval FILE|SPEC --policy P.json [--json]}. The JSON output is
 * {@code {"V", "Q", "d", "expected_return", "value_rho", "costs"}}; {@code costs} lists C_i(π) with name and limit.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a policy exactly: V, Q, d (state-action distribution), R, costs.")
public final class MdpEvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|SPEC", description = "An npg4j-mdp/1 file or a generator spec.")
    String mdpSpec;

    @Option(names = "--policy", paramLabel = "P.json", description = "Policy file {\"policy\": [[...], ...]}; "
            + "default: the uniform policy.")
    Path policy;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        FiniteMdp mdp = MdpSpecs.parse(mdpSpec);
        TabularPolicy pi = policy == null ? TabularPolicy.uniform(mdp.states(), mdp.actions()) : PolicyJson.read(policy, mdp);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, pi);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("V", ev.values());
            m.put("Q", Json.matrix(ev.qValues(), mdp.states(), mdp.actions()));
            m.put("d", Json.matrix(ev.stateActionDistribution(), mdp.states(), mdp.actions()));
            m.put("expected_return", ev.expectedReturn());
            m.put("value_rho", ev.valueRho());
            m.put("costs", MdpSolveCommand.costs(mdp, ev));
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "%s under %s: V(rho) = %.10g, R = %.10g%n", mdpSpec,
                    policy == null ? "the uniform policy" : policy.toString(), ev.valueRho(), ev.expectedReturn());
            for (int i = 0; i < mdp.costCount(); i++) {
                out.printf(Locale.ROOT, "cost %s: C = %.10g (limit %s)%s%n", mdp.cost(i).name(), ev.costReturn(i),
                        mdp.cost(i).limit(), ev.costReturn(i) <= mdp.cost(i).limit() ? "" : "  VIOLATED");
            }
        }
        return 0;
    }
}
