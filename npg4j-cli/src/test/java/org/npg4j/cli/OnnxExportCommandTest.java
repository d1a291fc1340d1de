package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.io.TrainedPolicy;

/** {@code npg4j export}: trained runs become ONNX files that ONNX Runtime runs to the same actions. */
class OnnxExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void anExportedCartPoleRunActsInOnnxRuntimeAsNpg4j() throws Exception {
        Path run = train("--env", "CartPole-v1", "--timesteps", "512");
        Path onnx = tmp.resolve("cartpole.onnx");
        Cli c = Cli.run("export", run.toString(), "-o", onnx.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("outputs action (int64), logits"), c.out());
        TrainedPolicy npg4j = TrainedPolicy.load(run.resolve("model.npg"));
        double[][] obs = observations(4, 200);
        try (Onnx r = Onnx.run(onnx, obs)) {
            long[] action = (long[]) r.result.get("action").orElseThrow().getValue();
            double[][] logits = (double[][]) r.result.get("logits").orElseThrow().getValue();
            for (int i = 0; i < obs.length; i++) {
                assertEquals(npg4j.act(obs[i]), action[i], "row " + i);
                assertEquals(2, logits[i].length);
            }
        }
    }

    @Test
    void anExportedPendulumModelFileGivesNpg4jsClippedMeans() throws Exception {
        Path run = train("--env", "Pendulum-v1", "--preset", "default", "--set", "n_steps=128", "--timesteps", "256");
        Path onnx = tmp.resolve("pendulum.onnx");
        Cli c = Cli.run("export", run.resolve("model.npg").toString(), "--output", onnx.toString());
        assertEquals(0, c.exitCode(), c.err());
        TrainedPolicy npg4j = TrainedPolicy.load(run.resolve("model.npg"));
        double[][] obs = observations(3, 200);
        try (Onnx r = Onnx.run(onnx, obs)) {
            double[][] action = (double[][]) r.result.get("action").orElseThrow().getValue();
            double[][] logStd = (double[][]) r.result.get("log_std").orElseThrow().getValue();
            for (int i = 0; i < obs.length; i++) {
                double expected = npg4j.actContinuous(obs[i])[0];
                assertEquals(expected, action[i][0], 1e-12 * Math.max(1, Math.abs(expected)), "row " + i);
                assertEquals(npg4j.network().parameters()[npg4j.network().logStdOffset()], logStd[i][0], 0.0);
            }
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path notAModel = tmp.resolve("notes.npg");
        Files.writeString(notAModel, "hello\n");
        Path emptyRun = Files.createDirectories(tmp.resolve("empty-run"));
        Path out = tmp.resolve("x.onnx");
        String[][] cases = {
            {"export", tmp.resolve("no-such-run").toString(), "-o", out.toString()},
            {"export", notAModel.toString(), "-o", out.toString()},
            {"export", emptyRun.toString(), "-o", out.toString()},
        };
        String[] expected = {"no such run directory or model file", "not an npg4j model file",
            "run directory has no model.npg"};
        for (int i = 0; i < cases.length; i++) {
            Cli c = Cli.run(cases[i]);
            assertEquals(2, c.exitCode(), c.err());
            assertTrue(c.err().startsWith("npg4j: error: ") && c.err().contains(expected[i]), c.err());
            assertEquals(1, c.err().strip().lines().count(), c.err());
        }
        assertFalse(Files.exists(out));
    }

    private Path train(String... args) throws Exception {
        Path out = Files.createTempDirectory(tmp, "runs");
        String[] all = Stream.concat(Stream.of("train", "--no-tensorboard", "--out", out.toString()),
                Stream.of(args)).toArray(String[]::new);
        Cli c = Cli.run(all);
        assertEquals(0, c.exitCode(), c.err());
        try (Stream<Path> s = Files.list(out)) {
            return s.findFirst().orElseThrow();
        }
    }

    private static double[][] observations(int d, int rows) {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] obs = new double[rows][d];
        for (double[] row : obs) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return obs;
    }

    /** An ONNX Runtime session on a file and its result for one batch. */
    private record Onnx(OrtSession session, OnnxTensor input, OrtSession.Result result) implements AutoCloseable {
        static Onnx run(Path file, double[][] obs) throws Exception {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
            OnnxTensor t = OnnxTensor.createTensor(env, obs);
            return new Onnx(s, t, s.run(Map.of("obs", t)));
        }

        @Override
        public void close() throws Exception {
            result.close();
            input.close();
            session.close();
        }
    }
}
