package org.npg4j.io;

import org.npg4j.policy.Architecture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.env.Envs;
import org.npg4j.env.RunningMeanStd;
import org.npg4j.train.Algorithms;
import org.npg4j.train.TrainingSetup;

class ModelFileTest {
    @TempDir
    Path dir;

    private static ModelFile.Model trainedCartPole() {
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1",
                (com.fasterxml.jackson.databind.node.ObjectNode) JsonNodeFactory.instance.objectNode()
                        .put("n_steps", 64).put("batch_size", 64).put("normalize", true), 1, 1)) {
            s.learn(64);
            return s.header();
        }
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void roundTripIsBitExact() throws Exception {
        ModelFile.Model m = trainedCartPole();
        Path f = dir.resolve("model.npg");
        ModelFile.write(f, m);
        ModelFile.Model back = ModelFile.read(f);
        assertArrayEquals(m.parameters(), back.parameters());
        assertArrayEquals(m.observationStatistics().mean(), back.observationStatistics().mean());
        assertArrayEquals(m.observationStatistics().var(), back.observationStatistics().var());
        assertEquals(m.observationSpace(), back.observationSpace());
        assertEquals(m.actionSpace(), back.actionSpace());
        assertEquals("ppo", back.algorithm());
        assertArrayEquals(Files.readAllBytes(f), ModelFile.encode(back));
        // the saved policy acts as the trained network on normalized observations
        TrainedPolicy p = TrainedPolicy.load(f);
        double[] obs = {0.01, -0.2, 0.03, 0.1};
        RunningMeanStd.Snapshot s = m.observationStatistics();
        double[] z = new double[4];
        for (int i = 0; i < 4; i++) {
            z[i] = (obs[i] - s.mean()[i]) / Math.sqrt(s.var()[i] + 1e-8);
        }
        double[] a = new double[1];
        p.network().actDeterministic(z, 0, a, 0);
        assertEquals((int) a[0], p.act(obs));
        assertEquals("actContinuous: the model has discrete actions Discrete(2); use act",
                assertThrows(IllegalStateException.class, () -> p.actContinuous(obs)).getMessage());
    }

    @Test
    void infiniteBoundsSurviveTheHeader() {
        var box = org.npg4j.env.Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 3);
        var arch = new Architecture(new int[] {4}, new int[] {4}, org.npg4j.nn.Activation.RELU, 0);
        double[] theta = new double[arch.build(box, new org.npg4j.env.Discrete(2),
                new double[org.npg4j.policy.Policies.actorCritic(box, new org.npg4j.env.Discrete(2), new int[] {4},
                        new int[] {4}, org.npg4j.nn.Activation.RELU, 0, 0).parameterCount()]).parameterCount()];
        ModelFile.Model m = new ModelFile.Model("a2c", "x", box, new org.npg4j.env.Discrete(2), arch, null, theta);
        ModelFile.Model back = ModelFile.decode(ModelFile.encode(m), "m");
        assertEquals(box, back.observationSpace());
        assertEquals(Double.POSITIVE_INFINITY, ((org.npg4j.env.Box) back.observationSpace()).high(1));
        assertEquals(org.npg4j.nn.Activation.RELU, back.architecture().activation());
        assertEquals(null, back.observationStatistics());
    }

    @Test
    void truncatedCorruptedAndForeignFilesAreRefused() throws Exception {
        byte[] bytes = ModelFile.encode(trainedCartPole());
        int n = bytes.length;
        assertEquals("m.npg: truncated model file (" + ((n - 12 - headerLength(bytes)) / 8) + " parameters need " + n
                + " bytes, the file has " + (n - 3) + ")", message(() -> ModelFile.decode(Arrays.copyOf(bytes, n - 3),
                "m.npg")));
        assertEquals("m.npg: truncated model file (header of " + headerLength(bytes) + " bytes, only 8 present)",
                message(() -> ModelFile.decode(Arrays.copyOf(bytes, 20), "m.npg")));
        byte[] flipped = bytes.clone();
        flipped[n - 5] ^= 1;
        String corrupted = message(() -> ModelFile.decode(flipped, "m.npg"));
        assertEquals(true, corrupted.startsWith("m.npg: corrupted model file (CRC32 of the parameters is "),
                corrupted);
        assertEquals("m.npg: not an npg4j model file (no NPG4JMDL signature)",
                message(() -> ModelFile.decode("{\"format\": 1}".getBytes(StandardCharsets.UTF_8), "m.npg")));
        Path missing = dir.resolve("none.npg");
        assertEquals(missing + ": no such model file", message(() -> ModelFile.read(missing)));
        String header = new String(bytes, 12, headerLength(bytes), StandardCharsets.UTF_8);
        byte[] other = bytes.clone();
        byte[] replaced = header.replace("npg4j-model/1", "npg4j-model/9").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(replaced, 0, other, 12, replaced.length);
        assertEquals("m.npg: unsupported model format 'npg4j-model/9' (this npg4j reads npg4j-model/1)",
                message(() -> ModelFile.decode(other, "m.npg")));
    }

    @Test
    void modelForOtherSpacesIsRefused() {
        ModelFile.Model m = trainedCartPole();
        String msg = message(() -> ModelFile.checkCompatible(m, Envs.make("Acrobot-v1"), "m.npg"));
        assertEquals(true, msg.startsWith("m.npg: model for observation space Box("), msg);
        assertEquals(true, msg.contains("(CartPole-v1) cannot act in Acrobot-v1 with Box("), msg);
    }

    private static int headerLength(byte[] b) {
        return (b[8] & 0xff) | (b[9] & 0xff) << 8 | (b[10] & 0xff) << 16 | (b[11] & 0xff) << 24;
    }
}
