package org.npg4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.npg4j.env.Env;
import org.npg4j.env.EnvCheck;
import org.npg4j.env.Envs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j check-env}: {@link Envs#check} on registered envs, as Stable-Baselines3's {@code check_env}. */
@Command(name = "check-env", mixinStandardHelpOptions = true,
        description = {"Check that envs keep the Env contract: spaces, reset/step results, observations inside their "
                + "space, truncation at the time limit, refused invalid actions, determinism under a seed, state and "
                + "checkpoint round trips.",
                "Exit code 0 when every env passes, 1 when one has a problem (one line each), 2 for an unknown id."})
public final class CheckEnvCommand implements Callable<Integer> {
    /** Exit code when a checked env has a problem. */
    static final int EXIT_PROBLEMS = 1;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "env ids (see npg4j envs)")
    List<String> ids = List.of();

    @Option(names = "--all", description = "check every registered env")
    boolean all;

    @Override
    public Integer call() {
        if (all == !ids.isEmpty()) {
            throw new IllegalArgumentException("give env ids or --all, not both and not neither");
        }
        List<String> targets = all ? Envs.ids() : ids;
        for (String id : targets) {
            Envs.spec(id); // an unknown id is bad input (exit 2) before anything runs
        }
        PrintWriter o = spec.commandLine().getOut();
        boolean ok = true;
        for (String id : targets) {
            EnvCheck c;
            try (Env env = Envs.make(id)) {
                c = Envs.check(env);
            }
            ok &= c.ok();
            o.println((c.ok() ? "ok       " : "PROBLEM  ") + id + " (passed: " + String.join(", ", c.passed()) + ")");
            c.problems().forEach(p -> o.println("  problem: " + p));
            c.notes().forEach(n -> o.println("  note: " + n));
        }
        o.flush();
        return ok ? 0 : EXIT_PROBLEMS;
    }
}
