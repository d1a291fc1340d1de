package org.npg4j.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.npg4j.mujoco.MujocoTesting.assumeMujoco;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MujocoModelTest {
    @BeforeEach
    void needsMujoco() {
        assumeMujoco();
    }

    @Test
    void versionIsTheLinkedLibrarys() {
        assertTrue(Mujoco.version().matches("\\d+\\.\\d+\\.\\d+"), Mujoco.version());
    }

    @Test
    void hopperSizesAndNamesMatchItsXml() {
        try (MjModel m = MujocoTesting.hopper()) {
            assertEquals(6, m.nq());
            assertEquals(6, m.nv());
            assertEquals(3, m.nu());
            assertEquals(0, m.na());
            assertEquals(5, m.nbody()); // world, torso, thigh, leg, foot
            assertEquals(6, m.njnt());
            assertEquals(5, m.ngeom());
            assertEquals(2, m.nsite());
            assertEquals(3, m.nsensordata());
            assertEquals(0.002, m.timestep());
            assertEquals(MjModel.Integrator.RK4, m.integrator());
            assertEquals(List.of("world", "torso", "thigh", "leg", "foot"), m.names(ObjectType.BODY));
            assertEquals(4, m.bodyId("foot"));
            assertEquals("foot_geom", m.name(ObjectType.GEOM, m.geomId("foot_geom")));
            assertEquals(1, m.siteId("toe"));
            assertEquals(2, m.actuatorId("foot_motor"));
            assertEquals(0, m.sensorId("toe_pos"));
            assertEquals(-1, m.findId(ObjectType.BODY, "head"));
            // ref="1.25" on rootz puts 1.25 into qpos0; the hinges start at 0.
            assertArrayEquals(new double[] {0, 1.25, 0, 0, 0, 0}, m.qpos0());
            assertArrayEquals(new double[] {-1, 1, -1, 1, -1, 1}, m.actuatorCtrlRange());
            assertArrayEquals(new boolean[] {true, true, true}, m.actuatorCtrlLimited());
            assertEquals(200.0, m.actuatorGear()[0]);
            assertArrayEquals(new int[] {0, 3, 3, 3, 3}, m.geomType()); // plane, then capsules
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, m.geomBodyId());
            assertArrayEquals(new int[] {0, 0, 1, 2, 3}, m.bodyParentId());
            assertArrayEquals(new int[] {2, 2, 3, 3, 3, 3}, m.jntType()); // slide, slide, hinges
            assertArrayEquals(new double[] {0.8f, 0.9f, 0.8f, 1}, java.util.Arrays.copyOf(m.geomRgba(), 4));
            assertEquals(0.0, m.bodyMass()[0]);
            assertTrue(m.bodyMass()[1] > 0);
        }
    }

    @Test
    void unknownNameFailsNamingTheModelAndTheNames() {
        try (MjModel m = MujocoTesting.pointMass()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.bodyId("torso"));
            assertEquals("MuJoCo model <XML text> has no body named 'torso' (known: world, mass)", e.getMessage());
        }
    }

    @Test
    void loadsAFileAndNamesItAsSource(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pm.xml");
        Files.writeString(file, MujocoTesting.xml("point_mass.xml"), StandardCharsets.UTF_8);
        try (MjModel m = MjModel.load(file)) {
            assertEquals(file.toAbsolutePath().toString(), m.source());
            assertEquals(2, m.nu());
        }
    }

    @Test
    void badModelFileFailsNamingTheFileAndMujocosParseError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.xml");
        Files.writeString(file, "<mujoco><worldbody><body><geom type=\"sphere\"></body></worldbody></mujoco>");
        MujocoException e = assertThrows(MujocoException.class, () -> MjModel.load(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("Line number=1"), e.getMessage()); // MuJoCo's XML error names the line
        // the JVM lives on and MuJoCo still works
        try (MjModel m = MujocoTesting.pointMass()) {
            assertEquals(2, m.nq());
        }
    }

    @Test
    void modelThatDoesNotCompileFailsWithMujocosMessage() {
        MujocoException e = assertThrows(MujocoException.class, () -> MjModel.fromXml(
                "<mujoco><worldbody><body><joint type=\"hinge\"/><geom type=\"box\" size=\"1 1\"/></body>"
                + "</worldbody></mujoco>"));
        assertTrue(e.getMessage().startsWith("model.xml: "), e.getMessage());
        assertTrue(e.getMessage().length() > "model.xml: ".length() + 5, e.getMessage());
    }

    @Test
    void loadsAResourceAndRefusesAMissingOne() {
        try (MjModel m = MjModel.fromResource(MjModel.class, "point_mass.xml")) {
            assertEquals("resource point_mass.xml", m.source());
            assertEquals(2, m.nu());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MjModel.fromResource(MjModel.class, "nope.xml"));
        assertEquals("no MJCF resource nope.xml next to org.npg4j.mujoco.MjModel", e.getMessage());
    }

    @Test
    void missingModelFileFailsNamingIt(@TempDir Path dir) {
        Path file = dir.resolve("nope.xml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MjModel.load(file));
        assertEquals("MuJoCo model file " + file + " does not exist", e.getMessage());
    }

    @Test
    void closedModelRefusesNativeCallsButItsDataLivesOn() {
        MjModel m = MujocoTesting.pointMass();
        MjData d = m.makeData();
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, m::makeData);
        d.step(new double[] {1, 0}, 3); // the native model is freed only with its last data
        assertTrue(d.time() > 0);
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, d::time);
    }
}
