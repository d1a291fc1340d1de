package org.npg4j.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.npg4j.mujoco.MujocoTesting.assumeMujoco;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MujocoErrorsTest {
    /**
     * Two boxes above a floor with a 400-number stack: enough to compile (no contact at qpos0), too small for the
     * constraint solver once the boxes land, so mj_step raises MuJoCo's fatal "Stack overflow".
     */
    static final String TINY_STACK = "<mujoco><size nstack=\"400\"/><worldbody><geom type=\"plane\" size=\"5 5 .1\"/>"
            + "<body pos=\"0 0 0.2\"><joint type=\"free\"/><geom type=\"box\" size=\"0.1 0.1 0.1\"/></body>"
            + "<body pos=\"0.5 0 0.2\"><joint type=\"free\"/><geom type=\"box\" size=\"0.1 0.1 0.1\"/></body>"
            + "</worldbody></mujoco>";

    @BeforeEach
    void needsMujoco() {
        assumeMujoco();
    }

    @Test
    void engineErrorDuringAStepThrowsAndTheJvmLivesOn() {
        try (MjModel m = MjModel.fromXml(TINY_STACK); MjData d = m.makeData()) {
            MujocoException e = assertThrows(MujocoException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    d.step(10);
                }
            });
            assertEquals("Stack overflow", e.getMessage());
            // The same data is usable again after a reset: the shim restored MuJoCo's stack pointer.
            d.resetData();
            d.step(5);
            assertTrue(d.time() > 0);
            // and the error comes back, as often as it happens
            assertThrows(MujocoException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    d.step(10);
                }
            });
        }
    }

    @Test
    void errorRaisedThroughMujocosErrorFunctionBecomesAnException() {
        MujocoException e = assertThrows(MujocoException.class, () -> MujocoNative.raiseError("boom 42"));
        assertEquals("boom 42", e.getMessage());
        try (MjModel m = MujocoTesting.pointMass(); MjData d = m.makeData()) {
            d.step(new double[] {0.5, -0.5}, 2); // still fine
            assertTrue(d.time() > 0);
        }
    }

    @Test
    void warningsAreKeptNotWrittenToMujocoLog() throws Exception {
        Path log = Path.of("MUJOCO_LOG.TXT");
        boolean existed = Files.exists(log);
        Mujoco.clearWarning();
        assertEquals("", Mujoco.lastWarning());
        MujocoNative.raiseWarning("careful: 7");
        assertEquals("careful: 7", Mujoco.lastWarning());
        // A real one: MuJoCo warns about a NaN velocity and resets the data itself before stepping on.
        try (MjModel m = MujocoTesting.pointMass(); MjData d = m.makeData()) {
            d.setQvel(new double[] {Double.NaN, 0});
            d.step(new double[] {0, 0}, 1);
            assertTrue(Mujoco.lastWarning().contains("QVEL"), Mujoco.lastWarning());
            double[] qvel = d.qvel(new double[2]);
            assertTrue(Double.isFinite(qvel[0]) && Double.isFinite(qvel[1]));
        }
        if (!existed) {
            assertFalse(Files.exists(log), "MUJOCO_LOG.TXT was written into the working directory");
        }
    }

    @Test
    void wrongArrayLengthsFailBeforeReachingNativeCode() {
        try (MjModel m = MujocoTesting.pointMass(); MjData d = m.makeData()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.qpos(new double[3]));
            assertEquals("qpos: array of length 3 given, the model <XML text> has 2", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.step(new double[] {1}, 1));
            assertThrows(IllegalArgumentException.class, () -> d.step(0));
            assertThrows(IllegalArgumentException.class, () -> d.write(DataArray.XPOS, new double[6]));
            assertThrows(IllegalArgumentException.class, () -> d.restoreState(new double[2]));
        }
    }
}
