package org.npg4j.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.npg4j.mujoco.MujocoTesting.assumeMujoco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MujocoDataTest {
    @BeforeEach
    void needsMujoco() {
        assumeMujoco();
    }

    /** Random controls inside [-1, 1]^3 for the hopper, one row per env step. */
    static double[][] controls(int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] u = new double[steps][3];
        for (double[] row : u) {
            for (int k = 0; k < 3; k++) {
                row[k] = -1 + 2 * rng.nextDouble();
            }
        }
        return u;
    }

    /** The size each array of mjData has in MuJoCo's documentation, in the model's terms. */
    static int documentedSize(DataArray a, MjModel m) {
        return switch (a) {
            case QPOS -> m.nq();
            case QVEL, QACC, QACC_WARMSTART, QFRC_APPLIED, QFRC_ACTUATOR, QFRC_CONSTRAINT, QFRC_PASSIVE, QFRC_BIAS -> m.nv();
            case ACT -> m.na();
            case CTRL, ACTUATOR_FORCE -> m.nu();
            case XFRC_APPLIED, CVEL, CACC, CFRC_INT, CFRC_EXT -> 6 * m.nbody();
            case XPOS, XIPOS, SUBTREE_COM, SUBTREE_LINVEL, SUBTREE_ANGMOM -> 3 * m.nbody();
            case XQUAT -> 4 * m.nbody();
            case XMAT -> 9 * m.nbody();
            case CINERT -> 10 * m.nbody();
            case GEOM_XPOS -> 3 * m.ngeom();
            case GEOM_XMAT -> 9 * m.ngeom();
            case SITE_XPOS -> 3 * m.nsite();
            case SITE_XMAT -> 9 * m.nsite();
            case SENSORDATA -> m.nsensordata();
            case MOCAP_POS -> 3 * m.nmocap();
            case MOCAP_QUAT -> 4 * m.nmocap();
            case USERDATA -> m.nuserdata();
            case TEN_LENGTH, TEN_VELOCITY -> m.ntendon();
        };
    }

    @Test
    void everyArrayHasItsDocumentedSizeAndTheWorldBodyItsFixedPose() {
        String xml = MujocoTesting.xml("planar_hopper.xml").replace("<worldbody>",
                "<size nuserdata=\"5\"/><worldbody><body name=\"target\" mocap=\"true\" pos=\"1 2 3\"/>");
        try (MjModel m = MjModel.fromXml(xml); MjData d = m.makeData()) {
            assertEquals(1, m.nmocap());
            assertEquals(5, m.nuserdata());
            for (DataArray a : DataArray.values()) {
                assertEquals(documentedSize(a, m), d.size(a), a.toString());
            }
            d.forward();
            assertArrayEquals(new double[] {1, 0, 0, 0}, Arrays.copyOf(d.xquat(new double[4 * m.nbody()]), 4));
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                    Arrays.copyOf(d.read(DataArray.XMAT, new double[9 * m.nbody()]), 9));
            assertArrayEquals(new double[] {1, 2, 3}, d.read(DataArray.MOCAP_POS, new double[3]));
            double[] user = {1, 2, 3, 4, 5};
            d.write(DataArray.USERDATA, user);
            assertArrayEquals(user, d.read(DataArray.USERDATA, new double[5]));
        }
    }

    @Test
    void stepWithCtrlEqualsSettingCtrlThenSteppingSubstepByPiece() {
        double[][] u = controls(200, 1);
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            a.forward();
            b.forward();
            for (double[] row : u) {
                a.step(row, 4);
                b.setCtrl(row);
                b.step(4);
            }
            assertArrayEquals(a.qpos(new double[6]), b.qpos(new double[6]));
            assertArrayEquals(a.cfrcExt(new double[30]), b.cfrcExt(new double[30]));
            assertEquals(a.time(), b.time());
            assertEquals(200 * 4 * 0.002, a.time(), 1e-12);
        }
    }

    @Test
    void hopperFallsAndTouchesTheFloor() {
        try (MjModel m = MujocoTesting.hopper(); MjData d = m.makeData()) {
            d.forward();
            double[] xpos = new double[15];
            double z0 = d.xpos(xpos)[3 * 1 + 2];
            assertEquals(1.25, z0, 1e-12); // torso body frame at its pos
            assertEquals(0, d.contactCount());
            for (int i = 0; i < 250; i++) {
                d.step(new double[3], 4);
            }
            assertTrue(d.contactCount() > 0, "no contact after 2 s");
            int[] geoms = new int[2 * d.contactCount()];
            double[] values = new double[7 * d.contactCount()];
            int n = d.contacts(geoms, values);
            assertEquals(geoms.length / 2, n);
            assertEquals(m.geomId("floor"), geoms[0]); // the floor is geom 0, so always geom1
            double[] cfrc = d.cfrcExt(new double[30]);
            assertTrue(Arrays.stream(cfrc).anyMatch(v -> v != 0), "cfrc_ext is zero while in contact");
            double[] force = d.contactForce(0, new double[6]);
            assertTrue(force[0] > 0, "normal force " + force[0]);
            // After RK4 steps, sensors hold the values of the substep's first stage and site_xpos those of its last;
            // mj_forward brings both to the current state, where the toe's framepos sensor reads its site_xpos.
            assertNotEquals(d.siteXpos(new double[6])[3], d.sensordata(new double[3])[0]);
            d.forward();
            double[] site = d.siteXpos(new double[6]);
            double[] sensor = d.sensordata(new double[3]);
            assertArrayEquals(Arrays.copyOfRange(site, 3, 6), sensor, 0.0);
        }
    }

    @Test
    void resetDataReturnsToQpos0AndTimeZero() {
        try (MjModel m = MujocoTesting.hopper(); MjData d = m.makeData()) {
            for (int i = 0; i < 10; i++) {
                d.step(new double[] {1, -1, 0.5}, 4);
            }
            d.resetData();
            assertArrayEquals(m.qpos0(), d.qpos(new double[6]));
            assertArrayEquals(new double[6], d.qvel(new double[6]));
            assertArrayEquals(new double[3], d.ctrl(new double[3]));
            assertEquals(0.0, d.time());
        }
    }

    @Test
    void controlsAreNotClippedInCtrlButClampedInTheDynamics() {
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            a.step(new double[] {3, -5, 1.5}, 4);
            b.step(new double[] {1, -1, 1}, 4);
            assertArrayEquals(new double[] {3, -5, 1.5}, a.ctrl(new double[3]));
            assertArrayEquals(b.qpos(new double[6]), a.qpos(new double[6]));
        }
    }

    @Test
    void savedStateContinuesBitForBitDerivedQuantitiesIncluded() {
        double[][] u = controls(300, 7);
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            a.forward();
            for (int t = 0; t < 150; t++) {
                a.step(u[t], 4);
            }
            assertTrue(a.contactCount() > 0, "the check should cover contacts and the solver's warm start");
            double[] saved = a.saveState();
            b.step(new double[] {1, 1, 1}, 17); // b is elsewhere before the restore
            b.restoreState(saved);
            for (DataArray array : DataArray.values()) {
                assertArrayEquals(a.read(array, new double[a.size(array)]), b.read(array, new double[b.size(array)]),
                        array + " right after the restore");
            }
            assertEquals(a.contactCount(), b.contactCount());
            for (int t = 150; t < 300; t++) {
                a.step(u[t], 4);
                b.step(u[t], 4);
                assertArrayEquals(a.qpos(new double[6]), b.qpos(new double[6]), "qpos at step " + t);
                assertArrayEquals(a.qvel(new double[6]), b.qvel(new double[6]), "qvel at step " + t);
                assertArrayEquals(a.cfrcExt(new double[30]), b.cfrcExt(new double[30]), "cfrc_ext at step " + t);
            }
        }
    }

    @Test
    void inputsWrittenAfterAStepDoNotSpoilTheSavedState() {
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            for (int t = 0; t < 100; t++) {
                a.step(new double[] {0.3, -0.2, 0.1}, 4);
            }
            a.setCtrl(new double[] {-1, 1, -1}); // the next action, written before the state is saved
            a.write(DataArray.XFRC_APPLIED, new double[] {0, 0, 0, 0, 0, 0, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            b.restoreState(a.saveState());
            assertArrayEquals(a.cfrcExt(new double[30]), b.cfrcExt(new double[30]));
            assertArrayEquals(a.ctrl(new double[3]), b.ctrl(new double[3]));
            a.step(4);
            b.step(4);
            assertArrayEquals(a.qpos(new double[6]), b.qpos(new double[6]));
            assertArrayEquals(a.cfrcExt(new double[30]), b.cfrcExt(new double[30]));
        }
    }

    @Test
    void savedStateAfterForwardRestoresWithForward() {
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            a.setQpos(new double[] {0, 1.3, 0.1, -0.2, -0.3, 0.1});
            a.setQvel(new double[] {0.5, 0, 0, 0, 0, 1});
            a.forward();
            b.restoreState(a.saveState());
            assertArrayEquals(a.read(DataArray.XPOS, new double[15]), b.read(DataArray.XPOS, new double[15]));
            a.step(new double[] {0.2, 0.2, 0.2}, 4);
            b.step(new double[] {0.2, 0.2, 0.2}, 4);
            assertArrayEquals(a.qvel(new double[6]), b.qvel(new double[6]));
        }
    }

    @Test
    void restoringAStateOfAnotherModelFails() {
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            a.step(new double[] {0.2, 0.2, 0.2}, 4);
            double[] saved = a.saveState();
            saved[2] += 1e-9; // the current qpos no longer follows from the last substep's start
            MujocoException e = org.junit.jupiter.api.Assertions.assertThrows(MujocoException.class,
                    () -> b.restoreState(saved));
            assertTrue(e.getMessage().contains("did not reproduce"), e.getMessage());
        }
    }

    @Test
    void oneModelSharedByThreadsEachWithItsOwnDataGivesTheSequentialResults() throws Exception {
        double[][] u = controls(200, 3);
        try (MjModel m = MujocoTesting.hopper()) {
            double[] expected;
            try (MjData d = m.makeData()) {
                for (double[] row : u) {
                    d.step(row, 4);
                }
                expected = d.qpos(new double[6]);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> results = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    results.add(pool.submit(() -> {
                        try (MjData d = m.makeData()) {
                            for (double[] row : u) {
                                d.step(row, 4);
                            }
                            return d.qpos(new double[6]);
                        }
                    }));
                }
                for (Future<double[]> f : results) {
                    assertArrayEquals(expected, f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertNotEquals(m.qpos0()[1], expected[1]);
        }
    }

    @Test
    void nativeReferenceLoopSimulatesExactlyWhatTheBindingDoes() {
        double[][] u = controls(120, 4);
        double[] flat = new double[u.length * 3];
        for (int t = 0; t < u.length; t++) {
            System.arraycopy(u[t], 0, flat, 3 * t, 3);
        }
        try (MjModel m = MujocoTesting.hopper(); MjData a = m.makeData(); MjData b = m.makeData()) {
            long nanos = NativeStepLoop.run(a, flat, 200, 4); // cycles through the 120 rows
            assertTrue(nanos > 0);
            for (int t = 0; t < 200; t++) {
                b.step(u[t % 120], 4);
            }
            assertArrayEquals(b.qpos(new double[6]), a.qpos(new double[6]));
            assertArrayEquals(b.cfrcExt(new double[30]), a.cfrcExt(new double[30]));
        }
    }
}
