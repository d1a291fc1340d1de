package org.npg4j.cli;

import java.io.PrintWriter;
import org.npg4j.train.Algorithms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j algos}: the training algorithms. */
@Command(name = "algos", mixinStandardHelpOptions = true, description = "List the training algorithms.")
public final class AlgosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        for (String a : Algorithms.names()) {
            o.printf("%-8s %s%s%n", a, Algorithms.constrained(a) ? "[needs costs] " : "", Algorithms.describe(a));
        }
    }
}
