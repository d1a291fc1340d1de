package org.npg4j.cli;

import java.io.PrintWriter;
import org.npg4j.exact.ExactOptimizerSpec;
import org.npg4j.exact.ExactOptimizers;
import org.npg4j.train.Algorithms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j algos}: the training algorithms, then the exact optimizers (both from their registries). */
@Command(name = "algos", mixinStandardHelpOptions = true, description = "List the training algorithms and the exact optimizers.")
public final class AlgosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        for (String a : Algorithms.names()) {
            o.printf("%-8s %s%s%n", a, Algorithms.constrained(a) ? "[needs costs] " : "", Algorithms.describe(a));
        }
        o.printf("%nexact optimizers on finite MDPs (npg4j exact --algo NAME; options in npg4j exact --help):%n");
        for (ExactOptimizerSpec s : ExactOptimizers.specs()) {
            o.printf("%-15s %s%s%n", s.name(), s.description(), s.constrained() ? " [constrained MDPs]" : "");
        }
    }
}
