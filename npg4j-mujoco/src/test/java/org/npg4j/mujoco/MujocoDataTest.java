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
}
