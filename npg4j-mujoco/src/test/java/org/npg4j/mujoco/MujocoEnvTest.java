package org.npg4j.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.npg4j.mujoco.MujocoTesting.assumeMujoco;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.math.StateMap;

class MujocoEnvTest {
    @BeforeEach
    void needsMujoco() {
        assumeMujoco();
    }

    /**
     * The planar hopper as a custom env whose observation holds a derived quantity that MuJoCo leaves from the last
     * substep (the torso's cfrc_ext), so that checkpoints must restore more than qpos and qvel.
     */
    static Env hopperEnv() {
        return MujocoEnvBuilder.of("TestHopper-v0")
                .xmlText(MujocoTesting.xml("planar_hopper.xml"))
                .frameSkip(4)
                .maxEpisodeSteps(1000)
                .observation(m -> m.nq() + m.nv() + 6, (data, out) -> {
                    double[] qpos = data.qpos(new double[6]);
                    double[] qvel = data.qvel(new double[6]);
                    double[] cfrc = data.cfrcExt(new double[30]);
                    System.arraycopy(qpos, 0, out, 0, 6);
                    System.arraycopy(qvel, 0, out, 6, 6);
                    System.arraycopy(cfrc, 6, out, 12, 6);
                })
                .reward(t -> (t.qpos()[0] - t.qposBefore()[0]) / t.dt() + 1.0
                        - 1e-3 * MujocoEnvBuilder.squaredNorm(t.action()))
                .termination(d -> d.qpos(new double[6])[1] < 0.7)
                .resetNoise(5e-3)
                .make(1000);
    }

    static double[][] actions(int n, long seed, int dim) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[n][dim];
        for (double[] row : a) {
            for (int k = 0; k < dim; k++) {
                row[k] = (float) (-1 + 2 * rng.nextDouble());
            }
        }
        return a;
    }

    @Test
    void pointMassIsMadeFromTheRegistry() {
        try (Env env = Envs.make("PointMass-v0")) {
            assertEquals(Box.uniform(-1, 1, 2), env.actionSpace());
            assertEquals(4, env.observationSpace().dim());
            assertEquals(200, env.maxEpisodeSteps());
            StepResult r = env.reset(3);
            double[] obs = r.observation().clone();
            assertTrue(Math.abs(obs[0]) <= 0.1 && Math.abs(obs[3]) <= 0.1, Arrays.toString(obs));
            double before = Math.hypot(obs[0], obs[1]);
            // pushing towards the origin brings the mass closer
            double[] push = {-Math.signum(obs[0]), -Math.signum(obs[1])};
            for (int t = 0; t < 10; t++) {
                r = env.step(push);
            }
            double after = Math.hypot(r.observation()[0], r.observation()[1]);
            assertTrue(after < before, before + " -> " + after);
            assertEquals(-after - 0.01 * 2, r.reward(), 1e-15);
            assertEquals(0.02, ((MujocoEnv) env).dt(), 1e-15);
        }
    }

    @Test
    void envStepIsCtrlThenFrameSkipMujocoStepsAsGymnasiumDoes() {
        double[][] a = actions(50, 2, 3);
        try (Env env = hopperEnv(); MjModel m = MujocoTesting.hopper(); MjData d = m.makeData()) {
            env.reset(11);
            double[] state = env.state();
            d.setQpos(Arrays.copyOfRange(state, 0, 6));
            d.setQvel(Arrays.copyOfRange(state, 6, 12));
            d.forward();
            for (double[] action : a) {
                StepResult r = env.step(action);
                d.setCtrl(action);
                for (int i = 0; i < 4; i++) {
                    d.step(1); // our step(1) = mj_step + mj_rnePostConstraint; the extra rne calls change nothing
                }
                assertArrayEquals(d.qpos(new double[6]), Arrays.copyOfRange(r.observation(), 0, 6));
                assertArrayEquals(Arrays.copyOfRange(d.cfrcExt(new double[30]), 6, 12),
                        Arrays.copyOfRange(r.observation(), 12, 18));
                if (r.done()) {
                    break;
                }
            }
        }
    }

    @Test
    void sameSeedSameBitsAndResetNoiseIsWithinItsScale() {
        double[][] a = actions(100, 5, 3);
        double[] first = null;
        for (int run = 0; run < 2; run++) {
            try (Env env = hopperEnv()) {
                double[] obs = env.reset(42).observation();
                double[] qpos0 = {0, 1.25, 0, 0, 0, 0};
                for (int i = 0; i < 6; i++) {
                    assertTrue(Math.abs(obs[i] - qpos0[i]) <= 5e-3);
                    assertTrue(Math.abs(obs[6 + i]) <= 5e-3);
                }
                double[] sum = new double[18];
                for (double[] action : a) {
                    StepResult r = env.step(action);
                    for (int i = 0; i < 18; i++) {
                        sum[i] += r.observation()[i];
                    }
                    if (r.done()) {
                        break;
                    }
                }
                if (first == null) {
                    first = sum;
                } else {
                    assertArrayEquals(first, sum);
                }
            }
        }
    }

    @Test
    void checkpointResumesTheEpisodeBitForBit() {
        double[][] a = actions(400, 9, 3);
        try (Env env = hopperEnv(); Env resumed = hopperEnv()) {
            env.reset(1);
            int t = 0;
            for (; t < 60; t++) {
                assertFalse(env.step(a[t]).done());
            }
            StateMap checkpoint = new StateMap();
            env.writeCheckpoint(checkpoint);
            MjData saved = ((MujocoEnv) env).data();
            double[][] derived = new double[DataArray.values().length][];
            for (DataArray array : DataArray.values()) {
                derived[array.ordinal()] = saved.read(array, new double[saved.size(array)]);
            }
            double[] obsAtCheckpoint = env.step(a[t]).observation().clone(); // one more step, then rewind
            resumed.reset(99);
            resumed.readCheckpoint(checkpoint);
            // every array of mjData is back, the stale ones from the last substep (cfrc_ext, xpos, ...) included
            MjData restored = ((MujocoEnv) resumed).data();
            for (DataArray array : DataArray.values()) {
                assertArrayEquals(derived[array.ordinal()], restored.read(array, new double[restored.size(array)]),
                        array.toString());
            }
            StepResult r = resumed.step(a[t]);
            assertArrayEquals(obsAtCheckpoint, r.observation());
            env.readCheckpoint(checkpoint); // the same env can rewind too
            env.step(a[t]);
            for (t = t + 1; t < a.length; t++) {
                StepResult x = env.step(a[t]);
                StepResult y = resumed.step(a[t]);
                assertArrayEquals(x.observation(), y.observation(), "step " + t);
                assertEquals(x.reward(), y.reward());
                assertEquals(x.terminated(), y.terminated());
                if (x.done()) {
                    break;
                }
            }
            assertEquals(env.elapsedSteps(), resumed.elapsedSteps());
        }
    }

    @Test
    void setStateCallsForwardLikeGymnasiumsSetState() {
        try (Env env = hopperEnv(); MjModel m = MujocoTesting.hopper(); MjData d = m.makeData()) {
            double[] state = {0.1, 1.2, 0.05, -0.3, -0.2, 0.1, 0.5, -0.1, 0.2, 0.3, -0.4, 0.1};
            StepResult r = env.setState(state, 10);
            assertArrayEquals(state, env.state());
            assertEquals(10, env.elapsedSteps());
            d.setQpos(Arrays.copyOfRange(state, 0, 6));
            d.setQvel(Arrays.copyOfRange(state, 6, 12));
            d.forward();
            double[] xpos = d.xpos(new double[15]);
            assertArrayEquals(xpos, ((MujocoEnv) env).data().xpos(new double[15]));
            assertEquals(0.0, r.reward());
        }
    }

    @Test
    void actionSpaceComesFromControlRangesAsFloat32() {
        String xml = MujocoTesting.xml("point_mass.xml").replace("ctrlrange=\"-1 1\"/>\n    <motor name=\"fy\"",
                "ctrlrange=\"-0.3 0.7\"/>\n    <motor name=\"fy\"");
        try (MjModel m = MjModel.fromXml(xml)) {
            Box box = MujocoEnv.actionSpace(m);
            assertEquals((double) -0.3f, box.low(0));
            assertEquals((double) 0.7f, box.high(0));
            assertEquals(-1.0, box.low(1));
        }
    }

    @Test
    void builderNeedsAModel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MujocoEnvBuilder.of("X-v0").build());
        assertEquals("X-v0: no model given (xml, xmlText or xmlResource)", e.getMessage());
    }
}
