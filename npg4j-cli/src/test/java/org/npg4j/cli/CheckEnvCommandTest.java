package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckEnvCommandTest {
    @Test
    void aRegisteredEnvPassesEveryCheck() {
        Cli c = Cli.run("check-env", "CartPole-v1");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().startsWith("ok       CartPole-v1 (passed: spaces, reset, step, invalid actions, "
                + "determinism, state round trip, checkpoint round trip)"), c.out());
    }

    @Test
    void anUnknownIdIsBadInput() {
        Cli c = Cli.run("check-env", "CartPole-v1", "NoSuchEnv-v0");
        assertEquals(2, c.exitCode());
        assertTrue(c.err().startsWith("npg4j: error: ") && c.err().contains("NoSuchEnv-v0"), c.err());
        assertEquals("", c.out());
    }

    @Test
    void idsAndAllExcludeEachOther() {
        assertEquals(2, Cli.run("check-env").exitCode());
        assertEquals(2, Cli.run("check-env", "--all", "CartPole-v1").exitCode());
    }
}
