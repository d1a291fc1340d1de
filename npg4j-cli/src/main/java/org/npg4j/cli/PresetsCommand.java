package org.npg4j.cli;

import java.io.PrintWriter;
import org.npg4j.train.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j presets}: the hyperparameter presets per algorithm and env. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the hyperparameter presets (used by train --preset zoo).")
public final class PresetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        Presets.all().forEach((algo, envs) -> o.printf("%-8s %s  [%s]%n", algo, String.join(", ", envs),
                Presets.source(algo)));
    }
}
