package org.npg4j.cli;

import picocli.CommandLine.Command;

/** {@code npg4j mdp ...}: finite MDPs: generate, solve, evaluate. */
@Command(name = "mdp", mixinStandardHelpOptions = true,
        description = "Finite MDPs: generate, solve exactly, evaluate a policy.",
        subcommands = {MdpGenerateCommand.class, MdpSolveCommand.class, MdpEvalCommand.class})
public final class MdpCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
