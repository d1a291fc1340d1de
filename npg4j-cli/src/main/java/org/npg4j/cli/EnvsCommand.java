package org.npg4j.cli;

import java.io.PrintWriter;
import org.npg4j.env.Envs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j envs}: the registered envs. */
@Command(name = "envs", mixinStandardHelpOptions = true, description = "List the registered envs.")
public final class EnvsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        for (String id : Envs.ids()) {
            o.printf("%-28s %s%n", id, Envs.describe(id));
        }
    }
}
