package org.npg4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The subcommands that other modules provide ({@link ExternalCommand}), found through {@link ServiceLoader}. Each
 * one the CLI knows of has a {@link Slot}: its place in the help list is fixed whether or not its module is on the
 * class path, and where it is not, the slot holds a stand-in whose help line and whose execution say how to build it.
 */
final class ExternalCommands {
    /** How to build every module (the root of the repository). */
    static final String BUILD = "mvn -B -q package -DskipTests";

    /**
     * A subcommand of another module.
     *
     * @param summary the stand-in's description, shown when the module is not on the class path
     */
    record Slot(String name, String module, String summary) {
    }

    static final Slot BENCH = new Slot("bench", "npg4j-bench",
            "Run the end-to-end benchmark against rl-baselines3-zoo's figures");

    static final List<Slot> SLOTS = List.of(BENCH);

    /** The commands found, by their {@code @Command} name, in the order the service files list them. */
    private final Map<String, ExternalCommand> found;
    /** Why loading a provider failed, empty if nothing failed. */
    private final String failure;

    private ExternalCommands(Map<String, ExternalCommand> found, String failure) {
        this.found = found;
        this.failure = failure;
    }

    /** Fresh instances of every provider on the class path of the loader (picocli commands hold their options). */
    static ExternalCommands discover(ClassLoader loader) {
        Map<String, ExternalCommand> found = new LinkedHashMap<>();
        String failure = "";
        try {
            for (ExternalCommand c : ServiceLoader.load(ExternalCommand.class, loader)) {
                CommandLine.Command a = c.getClass().getAnnotation(CommandLine.Command.class);
                if (a == null || a.name().isEmpty() || a.name().equals("<main class>")) {
                    throw new ServiceConfigurationError(c.getClass().getName() + " has no @Command name");
                }
                found.putIfAbsent(a.name(), c);
            }
        } catch (ServiceConfigurationError e) {
            // A stale or broken jar must not take the other subcommands down; its slot reports the reason.
            failure = Main.oneLine(e);
        }
        return new ExternalCommands(found, failure);
    }

    /** The command of the slot's module, or the stand-in that says how to build it. */
    Object command(Slot slot) {
        ExternalCommand c = found.get(slot.name());
        return c != null ? c : standIn(slot);
    }

    /** Commands found that have no slot, in discovery order: they go after the CLI's own. */
    List<ExternalCommand> unslotted() {
        List<ExternalCommand> out = new ArrayList<>();
        found.forEach((name, c) -> {
            if (SLOTS.stream().noneMatch(s -> s.name().equals(name))) {
                out.add(c);
            }
        });
        return out;
    }

    /**
     * A command named like the slot that accepts any arguments and fails with a one-line message naming the module
     * and the build command (exit code 2, as for any bad input); its help shows the same.
     */
    private CommandLine standIn(Slot slot) {
        String why = (failure.isEmpty() ? "is not built" : "cannot be loaded (" + failure + ")") + "; run: " + BUILD;
        String missing = "npg4j " + slot.name() + " is in the " + slot.module() + " module, which " + why;
        CommandSpec spec = CommandSpec.wrapWithoutInspection((java.util.concurrent.Callable<Integer>) () -> {
            throw new IllegalStateException(missing);
        });
        spec.name(slot.name());
        spec.usageMessage().description(slot.summary() + " (" + slot.module() + " " + why + ").");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.parser().unmatchedOptionsArePositionalParams(true);
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).hidden(true).build());
        return new CommandLine(spec);
    }
}
