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
}
