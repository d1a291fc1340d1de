package org.npg4j.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code npg4j} command. Bad input ends with a one-line error on stderr and exit code 2, never a trace. The
 * subcommands are this module's and those of modules built after it ({@link ExternalCommands}: {@code bench} from
 * npg4j-bench), found on the class path when the command line is made.
 */
@Command(name = "npg4j",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Natural policy gradient methods: exact lab on finite MDPs, training, safe RL.")
public final class Main implements Runnable {
    /** Exit code for bad input (files, options, values). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        return commandLine(Main.class.getClassLoader());
    }

    /** The command line with the external subcommands that {@code loader} finds. */
    static CommandLine commandLine(ClassLoader loader) {
        CommandLine cl = new CommandLine(new Main());
        ExternalCommands external = ExternalCommands.discover(loader);
        // The order of the help list.
        for (Object c : List.of(TrainCommand.class, EvalCommand.class, ReportCommand.class,
                external.command(ExternalCommands.BENCH), EnjoyCommand.class, ExportCommand.class, ExactCommand.class,
                MdpCommand.class, EnvsCommand.class, CheckEnvCommand.class, AlgosCommand.class, PresetsCommand.class)) {
            // A class is wrapped in its own CommandLine first: picocli's addSubcommand(Class) skips the class's
            // modelTransformer, which builds exact's options from the optimizer registry.
            cl.addSubcommand(c instanceof Class<?> k ? new CommandLine(k) : c);
        }
        external.unslotted().forEach(cl::addSubcommand);
        cl.addSubcommand("sweep", sparkCommand(SweepUnavailable.SWEEP_COMMAND, new SweepUnavailable()));
        cl.addSubcommand("tune", sparkCommand(TuneUnavailable.TUNE_COMMAND, new TuneUnavailable()));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        return configure(cl);

    }

    /**
     * A command that lives in the npg4j-spark module (sweep, tune), when that module and Spark are on the class path;
     * else {@code unavailable}, which says how to get it.
     */
    private static Object sparkCommand(String className, Object unavailable) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return unavailable;
        }
    }

    /** Gives a command line npg4j's error handling: bad input is one line on stderr and exit code 2. */
    public static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    /**
     * An option picocli cannot parse ({@code --seeds 0,a}, a missing value): the error and where to read the usage,
     * on one line, instead of picocli's default of the whole usage after the error.
     */
    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String hint = "";
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            hint = "; did you mean " + String.join(" or ", u.getSuggestions().subList(0,
                    Math.min(3, u.getSuggestions().size()))) + "?";
        }
        // A command run on its own (npg4j sweep is launched as SweepCommand) is still named as the user typed it.
        String name = cl.getCommandSpec().qualifiedName();
        name = name.equals("npg4j") || name.startsWith("npg4j ") ? name : "npg4j " + name;
        cl.getErr().println("npg4j: error: " + oneLine(e) + hint + " (see " + name + " --help)");
        return EXIT_BAD_INPUT;
    }

    /** Runs the command with arguments, writing to the given streams, and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(commandLine(), out, err, args);
    }

    /**
     * Runs one command on its own (as {@code spark-submit} runs a Spark command) with npg4j's error handling (bad
     * input: one line, exit code 2).
     */
    public static int runAlone(Object command, PrintWriter out, PrintWriter err, String... args) {
        return run(configure(new CommandLine(command)), out, err, args);
    }

    private static int run(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException || e instanceof IllegalStateException) {
            cl.getErr().println("npg4j: error: " + oneLine(e));
            return EXIT_BAD_INPUT;
        }
        cl.getErr().println("npg4j: internal error: " + oneLine(e));
        e.printStackTrace(cl.getErr());
        return 1;
    }

    /** The message of an exception on one line (of the cause, for an unchecked I/O exception); its class name if none. */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        if (t instanceof java.io.UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        // System.exit does not flush picocli's writers: text printed without a newline would be lost.
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }
}
