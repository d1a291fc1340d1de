package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell launcher {@code bin/npg4j}, run as a user runs it (needs the built jar and a POSIX shell). */
class LauncherScriptTest {
    /** The module directory (surefire's working directory); the launcher is in the repository's bin/. */
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void aSymlinkedLauncherFindsTheJarBesideTheRealScript(@TempDir Path tmp) throws Exception {
        Path script = MODULE.resolveSibling("bin").resolve("npg4j");
        Path jar = MODULE.resolve("target").resolve("npg4j.jar");
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (mvn -B -q -pl npg4j-cli -am package -DskipTests)");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "no bash to run " + script);
        Path link = Files.createSymbolicLink(tmp.resolve("npg4j"), script);
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(link.toString(), "--version").directory(tmp.toFile())
                .redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, p.exitValue(), out + Files.readString(err));
        assertTrue(out.startsWith("npg4j "), out + Files.readString(err));
    }
}
