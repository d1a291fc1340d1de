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
}
