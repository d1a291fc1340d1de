package org.npg4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.npg4j.mdp.ChainMdp;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.Gridworld;
import org.npg4j.mdp.MdpJson;
import org.npg4j.mdp.TreeMdp;
import org.npg4j.mdp.TwoStateMdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code npg4j mdp generate KIND ... [-o FILE]}: writes a generated MDP as npg4j-mdp/1 JSON. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate an MDP file (npg4j-mdp/1 JSON; to stdout without -o).",
        subcommands = {MdpGenerateCommand.GarnetCmd.class, MdpGenerateCommand.ChainCmd.class,
                MdpGenerateCommand.TreeCmd.class, MdpGenerateCommand.GridworldCmd.class,
                MdpGenerateCommand.TwoStateCmd.class})
public final class MdpGenerateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The shared {@code -o FILE} option and output step. */
    static final class Output {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (atomically) instead of stdout.")
        Path output;

        @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
        picocli.CommandLine.Model.CommandSpec spec;

        int emit(FiniteMdp mdp) {
            if (output == null) {
                // print does not flush an autoflush PrintWriter, and main() exits right after: flush here.
                java.io.PrintWriter stdout = spec.commandLine().getOut();
                stdout.print(MdpJson.toJson(mdp));
                stdout.flush();
            } else {
                MdpJson.write(mdp, output);
                spec.commandLine().getErr().println("wrote " + output + " (" + mdp.states() + " states, "
                        + mdp.actions() + " actions, " + mdp.transitionEntries() + " transitions)");
            }
            return 0;
        }
    }

    @Command(name = "garnet", mixinStandardHelpOptions = true, description = "Random Garnet MDP.")
    static final class GarnetCmd implements Callable<Integer> {
        @Option(names = "--states", required = true, description = "Number of states.")
        int states;
        @Option(names = "--actions", required = true, description = "Number of actions.")
        int actions;
        @Option(names = "--branching", required = true, description = "Successors per state-action pair.")
        int branching;
        @Option(names = "--seed", defaultValue = "0", description = "Generator seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--gamma", defaultValue = "0.9", description = "Discount (default ${DEFAULT-VALUE}).")
        double gamma;
        @Option(names = "--rewards", defaultValue = "UNIFORM",
                description = "Reward distribution: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Garnet.RewardDistribution rewards;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            return out.emit(new Garnet(states, actions, branching, gamma, rewards, seed).generate());
        }
    }

    @Command(name = "chain", mixinStandardHelpOptions = true,
            description = "Chain MDP of the vanishing-gradient proposition (H+2 states, gamma = H/(H+1)).")
    static final class ChainCmd implements Callable<Integer> {
        @Option(names = {"-H", "--horizon"}, required = true, description = "Chain length H.")
        int horizon;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            return out.emit(new ChainMdp(horizon).generate());
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true,
            description = "Two-decision tree of the non-concavity lemma: V(s1) = pi(a2|s1) pi(a2|s2) r.")
    static final class TreeCmd implements Callable<Integer> {
        @Option(names = "--r", defaultValue = "1", description = "Reward of the path (default ${DEFAULT-VALUE}).")
        double r;
        @Option(names = "--gamma", defaultValue = "0.9", description = "Discount (default ${DEFAULT-VALUE}).")
        double gamma;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            return out.emit(new TreeMdp(r, gamma).generate());
        }
    }

    @Command(name = "gridworld", mixinStandardHelpOptions = true,
            description = "Gridworld from a layout (S start, . free, # wall, G goal, T trap, H hazard; rows split by / or newlines).")
    static final class GridworldCmd implements Callable<Integer> {
        @Option(names = "--layout", description = "The layout (default: the built-in 5x5).")
        String layout = Gridworld.DEFAULT_LAYOUT;
        @Option(names = "--slip", defaultValue = "0.1", description = "Slip probability (default ${DEFAULT-VALUE}).")
        double slip;
        @Option(names = "--gamma", defaultValue = "0.95", description = "Discount (default ${DEFAULT-VALUE}).")
        double gamma;
        @Option(names = "--hazards", description = "Add the hazard cost (a constrained MDP).")
        boolean hazards;
        @Option(names = "--limit", defaultValue = "0.1", description = "Hazard cost limit (default ${DEFAULT-VALUE}).")
        double limit;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            return out.emit(Gridworld.of(layout).withSlip(slip).withGamma(gamma).withHazards(hazards, limit).generate());
        }
    }

    @Command(name = "two-state", mixinStandardHelpOptions = true, description = "The two-state two-action example.")
    static final class TwoStateCmd implements Callable<Integer> {
        @Option(names = "--constrained", description = "With its cost and limit 0.2 (the toy CMDP).")
        boolean constrained;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            return out.emit(constrained ? TwoStateMdp.constrained() : TwoStateMdp.unconstrained());
        }
    }
}
