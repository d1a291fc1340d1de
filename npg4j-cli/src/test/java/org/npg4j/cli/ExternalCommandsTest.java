package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExternalCommandsTest {
    private static final List<String> HELP_ORDER = List.of("train", "eval", "report", "bench", "enjoy", "export",
            "exact", "mdp", "envs", "check-env", "algos", "presets");

    /** A subcommand of another module, as a service file on a class path names it. */
    @CommandLine.Command(name = "hello", description = "Say hello.")
    public static final class Hello implements ExternalCommand {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("hello from a service");
            return 0;
        }
    }

    /** A class loader that sees this module's test classes plus a service file listing {@code providers}. */
    private static ClassLoader withProviders(Path dir, String... providers) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ExternalCommand.class.getName()), String.join("\n", providers) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ExternalCommandsTest.class.getClassLoader());
    }

    private static String[] run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString().replace("\r\n", "\n")};
    }

    private static String oneSpaced(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void withoutItsModuleBenchIsAStandInThatSaysHowToBuildIt() {
        // npg4j-bench is not on this module's class path.
        // Then sweep and tune (npg4j-spark's, or their stand-ins) and help.
        assertEquals(HELP_ORDER.size() + 3, Main.commandLine().getSubcommands().size());
        assertEquals(HELP_ORDER, List.copyOf(Main.commandLine().getSubcommands().keySet()).subList(0, HELP_ORDER.size()));
        Cli help = Cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(oneSpaced(help.out()).contains(" bench Run the end-to-end benchmark against rl-baselines3-zoo's "
                + "figures (npg4j-bench is not built; run: mvn -B -q package -DskipTests). enjoy "), help.out());
        Cli bench = Cli.run("bench", "--suite", "quick", "--seeds", "1");
        assertEquals(Main.EXIT_BAD_INPUT, bench.exitCode());
        assertEquals("npg4j: error: npg4j bench is in the npg4j-bench module, which is not built; run: "
                + "mvn -B -q package -DskipTests\n", bench.err().replace("\r\n", "\n"));
        Cli benchHelp = Cli.run("bench", "--help");
        assertEquals(0, benchHelp.exitCode());
        assertTrue(benchHelp.out().startsWith("Usage: npg4j bench [-h]"), benchHelp.out());
    }

    @Test
    void aProviderOnTheClassPathIsFoundListedAfterTheCliCommandsAndRuns(@TempDir Path dir) throws Exception {
        CommandLine cl = Main.commandLine(withProviders(dir, Hello.class.getName()));
        List<String> names = List.copyOf(cl.getSubcommands().keySet());
        assertEquals("hello", names.get(HELP_ORDER.size()));
        assertEquals(List.of("sweep", "tune", "help"), names.subList(HELP_ORDER.size() + 1, names.size()));
        assertTrue(cl.getSubcommands().get("hello").getCommand() instanceof Hello);
        String[] r = run(cl, "hello");
        assertEquals("0", r[0], r[2]);
        assertEquals("hello from a service\n", r[1].replace("\r\n", "\n"));
        // Each command line gets fresh instances: picocli commands hold their parsed options.
        assertTrue(Main.commandLine(withProviders(dir, Hello.class.getName())).getSubcommands().get("hello")
                .getCommand() != cl.getSubcommands().get("hello").getCommand());
    }

    @Test
    void aBrokenProviderLeavesTheOtherCommandsWorkingAndTheSlotSaysWhy(@TempDir Path dir) throws Exception {
        CommandLine cl = Main.commandLine(withProviders(dir, "org.npg4j.bench.suite.NoSuchCommand"));
        assertEquals(HELP_ORDER, List.copyOf(cl.getSubcommands().keySet()).subList(0, HELP_ORDER.size()));
        assertEquals("0", run(Main.commandLine(withProviders(dir, "org.npg4j.bench.suite.NoSuchCommand")),
                "envs")[0]);
        String[] r = run(cl, "bench");
        assertEquals(Integer.toString(Main.EXIT_BAD_INPUT), r[0]);
        assertTrue(r[2].startsWith("npg4j: error: npg4j bench is in the npg4j-bench module, which cannot be loaded ("),
                r[2]);
        assertTrue(r[2].contains("org.npg4j.bench.suite.NoSuchCommand") && r[2].endsWith(
                "); run: mvn -B -q package -DskipTests\n"), r[2]);
    }
}
