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

    @Test
    void childTrainingJvmsGetTheLaunchersSettings() throws Exception {
        String script = Files.readString(MODULE.resolveSibling("bin").resolve("npg4j"));
        String line = script.lines().filter(l -> l.startsWith("jvm=(")).findFirst().orElseThrow();
        assertEquals("jvm=(--add-modules jdk.incubator.vector " + String.join(" ", TrainingJvm.OPTIONS) + ")", line);
        assertEquals(TrainingJvm.OPTIONS, TrainingJvm.childOptions().subList(TrainingJvm.childOptions().size()
                - TrainingJvm.OPTIONS.size(), TrainingJvm.childOptions().size()));
        java.util.List<String> big = TrainingJvm.childOptions("2g");
        assertEquals(java.util.List.of("-XX:+UseSerialGC", "-Xms32m", "-XX:CompileThresholdScaling=4", "-Xmx2g"),
                big.subList(big.size() - 4, big.size()));
        assertTrue(TrainingJvm.childOptions("16m").contains("-Xms16m"), "the initial heap never exceeds the limit");
        assertEquals(3L << 30, TrainingJvm.bytes("3G"));
        assertEquals(-1, TrainingJvm.bytes("lots"));
    }

    /**
     * The class-data archive is an optimisation only: a missing archive is written by the first {@code train}, a
     * present one is used, and a corrupt one (newer than the jar, so the launcher offers it) is ignored by the JVM.
     */
    @Test
    void trainingRunsWithoutWithAndWithABrokenClassDataArchive(@TempDir Path tmp) throws Exception {
        Path script = MODULE.resolveSibling("bin").resolve("npg4j");
        Path jar = MODULE.resolve("target").resolve("npg4j.jar");
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (mvn -B -q -pl npg4j-cli -am package -DskipTests)");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "no bash to run " + script);
        Path archive = tmp.resolve("npg4j.jsa");
        train(script, tmp, archive, "missing");
        assertTrue(Files.size(archive) > 0, "the first training run writes the archive");
        train(script, tmp, archive, "present");
        Files.writeString(archive, "not an archive");
        train(script, tmp, archive, "broken");
        assertEquals("not an archive", Files.readString(archive), "a newer archive is not rewritten");
    }

    private static void train(Path script, Path tmp, Path archive, String run) throws Exception {
        Path err = tmp.resolve(run + ".stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "train", "--algo", "ppo", "--env", "CartPole-v1",
                "--timesteps", "256", "--seed", "0", "--out", tmp.resolve(run).toString())
                .directory(tmp.toFile()).redirectError(err.toFile());
        pb.environment().put("NPG4J_CDS_ARCHIVE", archive.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the launcher did not finish");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), run + ": " + out + stderr);
        assertTrue(out.contains("eval: 20 deterministic episodes"), run + ": " + out + stderr);
        assertTrue(!stderr.contains("cds"), run + ": the archive's messages are not shown: " + stderr);
    }
}
