package org.npg4j.onnx;

import org.npg4j.policy.Architecture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Box;
import org.npg4j.env.Discrete;
import org.npg4j.env.Envs;
import org.npg4j.env.Env;
import org.npg4j.env.RunningMeanStd;
import org.npg4j.env.Space;
import org.npg4j.io.ModelFile;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Policies;

/**
 * Runs exported models in ONNX Runtime on random observations and compares every output with npg4j's own
 * computation of the same quantity. Both compute in float64; they differ only in the order of the sums of the matrix
 * products and in tanh's last bits (npg4j's FastTanh is within 2e-15 relative), so the tolerance is 1e-12 relative.
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-12;
    private static final int ROWS = 256;

    @Test
    void cartPolePolicyWithNormalizationMatchesNpg4j() throws Exception {
        checkAgainstNpg4j(model("CartPole-v1", new int[] {64, 64}, Activation.TANH, true, 1));
    }

    @Test
    void cartPolePolicyWithoutNormalizationMatchesNpg4j() throws Exception {
        checkAgainstNpg4j(model("CartPole-v1", new int[] {16}, Activation.RELU, false, 2));
    }

    @Test
    void pendulumPolicyWithNormalizationMatchesNpg4j() throws Exception {
        checkAgainstNpg4j(model("Pendulum-v1", new int[] {64, 64}, Activation.TANH, true, 3));
    }

    @Test
    void twoDimensionalActionsWithReluAndNoHiddenLayerMatchNpg4j() throws Exception {
        checkAgainstNpg4j(model("LunarLanderContinuous-v3", new int[] {32, 32}, Activation.RELU, true, 4));
        checkAgainstNpg4j(model("MountainCarContinuous-v0", new int[0], Activation.TANH, false, 5));
    }

    @Test
    void theModelDeclaresItsOpsetIrVersionAndProvenance() {
        var proto = OnnxExport.encode(model("CartPole-v1", new int[] {8}, Activation.TANH, false, 6));
        assertEquals(OnnxExport.IR_VERSION, proto.getIrVersion());
        assertEquals(OnnxExport.OPSET, proto.getOpsetImport(0).getVersion());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        assertEquals("npg4j", proto.getProducerName());
        assertEquals("CartPole-v1", proto.getMetadataPropsList().stream().filter(e -> e.getKey().equals("env"))
                .findFirst().orElseThrow().getValue());
    }

    /**
     * A policy of the env's spaces with perturbed parameters (so that no output is near zero by initialization)
     * and, if asked, normalization statistics whose clipping at ±10 is reached by some of the test observations.
     */
    static ModelFile.Model model(String envId, int[] hidden, Activation activation, boolean normalize, long seed) {
        Space obs;
        Space act;
        try (Env env = Envs.make(envId)) {
            obs = env.observationSpace();
            act = env.actionSpace();
        }
        Architecture arch = new Architecture(hidden, new int[] {8}, activation, -0.5);
        double[] theta = Policies.actorCritic(obs, act, hidden, new int[] {8}, activation, -0.5, seed).parameters();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.3 * (rng.nextDouble() - 0.5);
        }
        RunningMeanStd.Snapshot stats = null;
        if (normalize) {
            int d = obs.dim();
            double[] mean = new double[d];
            double[] var = new double[d];
            for (int i = 0; i < d; i++) {
                mean[i] = rng.nextDouble() - 0.5;
                var[i] = 0.01 + rng.nextDouble();
            }
            stats = new RunningMeanStd.Snapshot(mean, var, 1000);
        }
        return new ModelFile.Model("ppo", envId, obs, act, arch, stats, theta);
    }

    /** Runs the exported model and npg4j's TrainedPolicy on the same random observations. */
    static void checkAgainstNpg4j(ModelFile.Model model) throws Exception {
        int d = model.observationSpace().dim();
        SplittableRandom rng = new SplittableRandom(11);
        double[][] obs = new double[ROWS][d];
        for (double[] row : obs) {
            for (int i = 0; i < d; i++) {
                row[i] = 4 * rng.nextGaussian(); // wide: some entries normalize beyond ±10 and are clipped
            }
        }
        byte[] bytes = OnnxExport.encode(model).toByteArray();
        TrainedPolicy npg4j = TrainedPolicy.of(model);
        ActorCriticPolicy net = npg4j.network();
        int k = net.distribution().parameterSize();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, obs);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            boolean discrete = model.actionSpace() instanceof Discrete;
            double[][] head = (double[][]) result.get(discrete ? "logits" : "mean").orElseThrow().getValue();
            double maxError = 0;
            for (int r = 0; r < ROWS; r++) {
                double[] phi = new double[k];
                net.distributionParameters(normalized(model, obs[r]), 1, phi, null);
                for (int j = 0; j < k; j++) {
                    maxError = Math.max(maxError, Math.abs(head[r][j] - phi[j]) / Math.max(1.0, Math.abs(phi[j])));
                }
            }
            assertTrue(maxError <= TOLERANCE, "max relative error " + maxError);
            if (discrete) {
                long[] action = (long[]) result.get("action").orElseThrow().getValue();
                for (int r = 0; r < ROWS; r++) {
                    assertEquals(npg4j.act(obs[r]), action[r], "row " + r);
                }
            } else {
                double[][] action = (double[][]) result.get("action").orElseThrow().getValue();
                double[][] logStd = (double[][]) result.get("log_std").orElseThrow().getValue();
                Box box = (Box) model.actionSpace();
                int clipped = 0;
                for (int r = 0; r < ROWS; r++) {
                    double[] expected = npg4j.actContinuous(obs[r]);
                    for (int j = 0; j < k; j++) {
                        assertEquals(expected[j], action[r][j], TOLERANCE * Math.max(1, Math.abs(expected[j])));
                        clipped += expected[j] == box.low(j) || expected[j] == box.high(j) ? 1 : 0;
                    }
                    double[] ls = new double[k];
                    System.arraycopy(net.parameters(), net.logStdOffset(), ls, 0, k);
                    assertArrayEquals(ls, logStd[r], 0.0);
                }
                assertTrue(clipped < ROWS * k, "every action was clipped: the means were not compared");
            }
        }
    }

    /** TrainedPolicy's normalization, clip((x - mean)/√(var + 1e-8), -10, 10), written out again for the test. */
    private static double[] normalized(ModelFile.Model model, double[] x) {
        RunningMeanStd.Snapshot s = model.observationStatistics();
        if (s == null) {
            return x.clone();
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.min(Math.max((x[i] - s.mean()[i]) * (1.0 / Math.sqrt(s.var()[i] + 1e-8)), -10), 10);
        }
        return y;
    }
}
