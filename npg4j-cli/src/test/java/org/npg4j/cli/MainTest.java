package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void versionNamesTheProjectVersionFromTheBuild() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("npg4j 0."), r.out());
        assertTrue(r.out().contains("Java 17") || r.out().contains("Java "), r.out());
    }

    @Test
    void unknownCommandIsBadInputWithExitCode2() {
        Cli r = Cli.run("frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("frobnicate"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void noArgumentsPrintsUsage() {
        Cli r = Cli.run();
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Usage: npg4j"), r.out());
    }

    @Test
    void sweepIsListedAndWithoutSparkSaysHowToGetIt() {
        Cli help = Cli.run("--help");
        assertTrue(help.out().contains("  sweep ") && help.out().contains("  help "), help.out());
        Cli helpSweep = Cli.run("help", "sweep");
        assertEquals(0, helpSweep.exitCode(), helpSweep.err());
        assertTrue(helpSweep.out().contains("npg4j-spark"), helpSweep.out());
        Cli r = Cli.run("sweep", "sweep.yaml", "--master", "local[2]");
        assertEquals(2, r.exitCode());
        assertEquals("npg4j: error: npg4j sweep needs the npg4j-spark module and Spark on the class path: build them "
                + "(mvn -B -q package -DskipTests) and run bin/npg4j sweep (see docs/distributed.md)\n", r.err());
    }

    @Test
    void tuneIsListedAndWithoutSparkSaysHowToGetIt() {
        Cli help = Cli.run("--help");
        assertTrue(help.out().contains("  tune "), help.out());
        Cli helpTune = Cli.run("help", "tune");
        assertEquals(0, helpTune.exitCode(), helpTune.err());
        assertTrue(helpTune.out().contains("npg4j-spark"), helpTune.out());
        Cli r = Cli.run("tune", "--algo", "ppo", "--trials", "4");
        assertEquals(2, r.exitCode());
        assertEquals("npg4j: error: npg4j tune needs the npg4j-spark module and Spark on the class path: build them "
                + "(mvn -B -q package -DskipTests) and run bin/npg4j tune (see docs/tuning.md)\n", r.err());
    }

    @Test
    void optionsPicocliCannotParseEndWithOneLineAndExitCode2() {
        for (String[] args : new String[][] {{"train", "--seeds", "0,a"}, {"enjoy", "run", "-o"},
                {"train", "--sed", "1"}}) {
            Cli r = Cli.run(args);
            assertEquals(2, r.exitCode(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("npg4j: error: "), r.err());
            assertTrue(r.err().strip().endsWith("(see npg4j " + args[0] + " --help)"), r.err());
            assertTrue(!r.err().contains("Usage:") && r.out().isEmpty(), "no usage: " + r.err() + r.out());
        }
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine alone = Main.configure(new picocli.CommandLine(new EnvsCommand()));
        alone.setErr(new java.io.PrintWriter(err, true));
        assertEquals(2, alone.execute("--bogus"));
        assertEquals("npg4j: error: Unknown option: '--bogus' (see npg4j envs --help)", err.toString().strip());
        String typo = Cli.run("train", "--sed", "1").err();
        assertTrue(typo.contains("did you mean") && typo.contains("--seed"), typo);
    }
}
