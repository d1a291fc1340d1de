package org.npg4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.npg4j.cli.Main;
import picocli.CommandLine;

class BenchCommandDiscoveryTest {
    @Test
    void theCliFindsBenchThroughServiceLoaderAndListsItAfterReport() {
        CommandLine cl = Main.commandLine();
        assertTrue(cl.getSubcommands().get("bench").getCommand() instanceof BenchCommand);
        assertEquals(List.of("train", "eval", "report", "bench", "enjoy", "export", "exact", "mdp", "envs", "check-env",
                "algos", "presets", "sweep", "tune", "help"), List.copyOf(cl.getSubcommands().keySet()));
        Cli help = Cli.run("--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().replaceAll("\\s+", " ").contains(" bench Run the end-to-end benchmark: each (algo, env, "
                + "seed) of a suite is "), help.out());
        assertTrue(!help.out().contains("not built"), help.out());
        Cli benchHelp = Cli.run("bench", "--help");
        assertEquals(0, benchHelp.exitCode(), benchHelp.err());
        assertTrue(benchHelp.out().startsWith("Usage: npg4j bench [-hV] [--budget=STEPS] [--jobs=<jobs>] [--only=REGEX]"),
                benchHelp.out());
    }
}
