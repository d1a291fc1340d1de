package org.npg4j.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;

/** What happens where MuJoCo is missing; these tests run everywhere. */
class MujocoAvailabilityTest {
    static final String MESSAGE = "MuJoCo not available: install it with `apt-get install libmujoco-dev`";

    @Test
    void theInstallMessageIsExact() {
        assertEquals(MESSAGE, Mujoco.NOT_AVAILABLE);
    }

    @Test
    void aMissingLibraryGivesTheInstallMessageAndTheCause(@TempDir Path dir) {
        Path missing = dir.resolve("libnpg4j_mujoco.so");
        MujocoNotAvailableException e = NativeLibrary.load(missing.toString());
        assertEquals(MESSAGE + " (no library at " + missing + ", set by -Dnpg4j.mujoco.library)", e.getMessage());
    }

    @Test
    void mujocoEnvsAreRegisteredThroughTheProviderEvenWithoutMujoco() {
        assertTrue(Envs.ids().contains("PointMass-v0"), Envs.ids().toString());
        assertTrue(Envs.describe("PointMass-v0").contains("MuJoCo"));
    }

    /** A JVM pointed at a missing shim: lists the env, and making it fails with the install message. */
    public static void main(String[] args) {
        System.out.println("listed " + Envs.ids().contains("PointMass-v0"));
        System.out.println("available " + Mujoco.isAvailable());
        try (Env env = Envs.make("PointMass-v0")) {
            System.out.println("made " + env);
        } catch (IllegalStateException e) {
            System.out.println("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void withoutTheLibraryMakingAnEnvFailsWithTheInstallMessage(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.so");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-D" + NativeLibrary.PROPERTY + "=" + missing, "-cp",
                System.getProperty("java.class.path"), MujocoAvailabilityTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("listed true", "available false", "failed MujocoNotAvailableException: " + MESSAGE
                + " (no library at " + missing + ", set by -Dnpg4j.mujoco.library)"), lines);
        assertEquals(0, p.exitValue());
    }
}
