package org.npg4j.mujoco.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.mujoco.Mujoco;

/**
 * Replays every trajectory that Gymnasium 1.0.0 recorded on MuJoCo 2.2.2 (the same {@code libmujoco.so.2.2.2} these
 * envs link) and compares, after reset and after every step: qpos and qvel, the observation, the reward, every info
 * value, and both flags.
 *
 * <p>Each record starts from its {@code init_qpos}/{@code init_qvel} (the state Gymnasium's reset handed to
 * {@code set_state}, noise included), so that the test needs no NumPy generator, and applies the recorded float32
 * actions. Everything must agree bit for bit (the physics is the same C library called in the same order, and the
 * reward terms follow numpy's float32 and pairwise summation), except the sines and cosines in the observations of
 * InvertedDoublePendulum and Reacher: numpy computed those with its own vectorized routines, which round differently
 * from any Java sine in about half the cases. The record's README bounds that difference by 3.4e-16; this test allows
 * {@value #TRIGONOMETRIC_TOLERANCE} relative to values larger than 1, in those entries only.
 *
 * <p>The records are read from {@code mujoco.jsonl.gz} and {@code pusher_humanoid.jsonl.gz} beside this class (see the
 * README there), or from the file named by the system property {@value #PROPERTY} (plain or gzipped JSON lines).
 */
class MujocoTasksGoldenTest {
    static final String PROPERTY = "npg4j.mujoco.golden";
    static final double TRIGONOMETRIC_TOLERANCE = 1e-15;
    /** The records: Gymnasium's file for eight tasks, and the one made the same way for Pusher and Humanoid. */
    private static final List<String> RESOURCES = List.of("mujoco.jsonl.gz", "pusher_humanoid.jsonl.gz");
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** What one comparison of a trajectory found. */
    private static final class Tally {
        int values;
        int inexact;
        double maxDeviation;
        final List<String> failures = new ArrayList<>();

        void exact(String what, double expected, double actual) {
            values++;
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                fail(what + ": expected " + expected + ", got " + actual);
            }
        }

        void close(String what, double expected, double actual) {
            values++;
            if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
                return;
            }
            double deviation = Math.abs(expected - actual) / Math.max(1.0, Math.abs(expected));
            if (!(deviation <= TRIGONOMETRIC_TOLERANCE)) {
                fail(what + ": expected " + expected + ", got " + actual + " (relative deviation " + deviation + ")");
                return;
            }
            inexact++;
            maxDeviation = Math.max(maxDeviation, deviation);
        }

        void fail(String message) {
            if (failures.size() < 10) {
                failures.add(message);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTrajectoryMatchesGymnasiumGolden() throws IOException {
        if (!Mujoco.isAvailable()) {
            // One visible skipped test with the install message, rather than a silently empty factory.
            return Stream.of(DynamicTest.dynamicTest("golden replay",
                    () -> assumeTrue(false, Mujoco::unavailableReason)));
        }
        Map<String, List<String>> byEnv = new TreeMap<>();
        for (BufferedReader reader : open()) {
            try (BufferedReader in = reader) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        byEnv.computeIfAbsent(JSON.readTree(line).get("env_id").asText(), k -> new ArrayList<>())
                                .add(line);
                    }
                }
            }
        }
        assertFalse(byEnv.isEmpty(), "the golden file holds no trajectory");
        return byEnv.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " matches Gymnasium 1.0.0",
                () -> replayAll(e.getKey(), e.getValue())));
    }

    private static void replayAll(String envId, List<String> lines) throws IOException {
        int bitExact = 0;
        int withinTolerance = 0;
        double maxDeviation = 0.0;
        int steps = 0;
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            String name = envId + " seed " + record.get("seed").asInt() + " kwargs " + record.get("kwargs")
                    + " scale " + record.get("action_scale").asDouble();
            Tally t = replay(record);
            steps += record.get("n_steps").asInt();
            if (!t.failures.isEmpty()) {
                failures.add(name + ":\n    " + String.join("\n    ", t.failures));
            } else if (t.inexact == 0) {
                bitExact++;
            } else {
                withinTolerance++;
                maxDeviation = Math.max(maxDeviation, t.maxDeviation);
            }
        }
        System.out.printf("%-28s %d trajectories (%d steps): %d bit-exact, %d bit-exact but for sin/cos within %.0e "
                + "(max relative deviation %.2e), %d failed%n", envId, lines.size(), steps, bitExact, withinTolerance,
                TRIGONOMETRIC_TOLERANCE, maxDeviation, failures.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Tally replay(JsonNode record) {
        Tally t = new Tally();
        String envId = record.get("env_id").asText();
        try (Env env = Envs.make(envId, kwargs(record.get("kwargs")))) {
            GymnasiumMujocoEnv mj = (GymnasiumMujocoEnv) env;
            assertEquals(record.get("max_episode_steps").asInt(), env.maxEpisodeSteps(), envId);
            assertEquals(record.get("dt").asDouble(), mj.dt(), envId + " dt");
            for (int i = 0; i < env.actionSpace().dim(); i++) {
                t.exact("action_low[" + i + "]", record.get("action_low").get(i).asDouble(),
                        ((Box) env.actionSpace()).low(i));
                t.exact("action_high[" + i + "]", record.get("action_high").get(i).asDouble(),
                        ((Box) env.actionSpace()).high(i));
            }
            double[] initQpos = doubles(record.get("init_qpos"));
            double[] initQvel = doubles(record.get("init_qvel"));
            double[] init = new double[initQpos.length + initQvel.length];
            System.arraycopy(initQpos, 0, init, 0, initQpos.length);
            System.arraycopy(initQvel, 0, init, initQpos.length, initQvel.length);
            StepResult r = env.setState(init, 0);
            compareState(t, "reset", record.get("reset_qpos"), record.get("reset_qvel"), env.state());
            int[] trigonometric = trigonometricEntries(envId);
            compareObservation(t, "reset obs", record.get("init_obs"), r.observation(), trigonometric);
            compareInfo(t, "reset info", record.get("reset_info"), mj.resetInfo(), envId);
            int n = 0;
            for (JsonNode step : record.get("steps")) {
                n++;
                String at = "step " + n;
                r = env.step(doubles(step.get("action")));
                compareState(t, at, step.get("qpos"), step.get("qvel"), env.state());
                compareObservation(t, at + " obs", step.get("obs"), r.observation(), trigonometric);
                t.exact(at + " reward", step.get("reward").asDouble(), r.reward());
                compareInfo(t, at + " info", step.get("info"), r.info(), envId);
                if (step.get("terminated").asBoolean() != r.terminated()
                        || step.get("truncated").asBoolean() != r.truncated()) {
                    t.fail(at + ": flags (terminated, truncated) expected (" + step.get("terminated") + ", "
                            + step.get("truncated") + "), got (" + r.terminated() + ", " + r.truncated() + ")");
                }
                if (!t.failures.isEmpty()) {
                    break;
                }
            }
            if (t.failures.isEmpty()) {
                assertEquals(record.get("n_steps").asInt(), n, envId + " steps");
                assertTrue(r.done(), envId + ": the record ends but the episode does not");
            }
        }
        return t;
    }

    private static void compareState(Tally t, String at, JsonNode qpos, JsonNode qvel, double[] state) {
        for (int i = 0; i < qpos.size(); i++) {
            t.exact(at + " qpos[" + i + "]", qpos.get(i).asDouble(), state[i]);
        }
        for (int i = 0; i < qvel.size(); i++) {
            t.exact(at + " qvel[" + i + "]", qvel.get(i).asDouble(), state[qpos.size() + i]);
        }
    }

    /** The observation entries that are sines or cosines (InvertedDoublePendulum 1-4, Reacher 0-3). */
    private static int[] trigonometricEntries(String envId) {
        if (envId.startsWith("InvertedDoublePendulum-")) {
            return new int[] {1, 2, 3, 4};
        }
        if (envId.startsWith("Reacher-")) {
            return new int[] {0, 1, 2, 3};
        }
        return new int[0];
    }

    private static void compareObservation(Tally t, String what, JsonNode expected, double[] actual,
            int[] trigonometric) {
        if (expected.size() != actual.length) {
            t.fail(what + ": length " + actual.length + ", expected " + expected.size());
            return;
        }
        for (int i = 0; i < actual.length; i++) {
            final int index = i;
            if (Arrays.stream(trigonometric).anyMatch(j -> j == index)) {
                t.close(what + "[" + i + "]", expected.get(i).asDouble(), actual[i]);
            } else {
                t.exact(what + "[" + i + "]", expected.get(i).asDouble(), actual[i]);
            }
        }
    }

    private static void compareInfo(Tally t, String what, JsonNode expected, Map<String, Object> actual,
            String envId) {
        List<String> keys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(keys::add);
        if (!new TreeSet<>(keys).equals(new TreeSet<>(actual.keySet()))) {
            t.fail(what + ": keys " + new TreeSet<>(actual.keySet()) + ", expected " + new TreeSet<>(keys));
            return;
        }
        for (String key : keys) {
            JsonNode e = expected.get(key);
            if (e.isArray()) {
                // Vector-valued info (Humanoid-v5's tendon lengths and velocities).
                double[] a = (double[]) actual.get(key);
                if (a.length != e.size()) {
                    t.fail(what + " " + key + ": " + a.length + " values, expected " + e.size());
                    continue;
                }
                for (int i = 0; i < a.length; i++) {
                    t.exact(what + " " + key + "[" + i + "]", e.get(i).asDouble(), a[i]);
                }
            } else {
                t.exact(what + " " + key, e.asDouble(), ((Number) actual.get(key)).doubleValue());
            }
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static Map<String, Object> kwargs(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isBoolean() ? v.asBoolean() : v.isIntegralNumber() ? v.asInt() : v.asDouble());
        }
        return out;
    }

    /** The golden files: the one named by {@value #PROPERTY}, else both resources beside this class. */
    private static List<BufferedReader> open() throws IOException {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            Path file = Path.of(override);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + override + ": no such file");
            }
            return List.of(reader(Files.newInputStream(file), file.getFileName().toString()));
        }
        List<BufferedReader> readers = new ArrayList<>();
        for (String name : RESOURCES) {
            InputStream raw = MujocoTasksGoldenTest.class.getResourceAsStream(name);
            if (raw == null) {
                throw new UncheckedIOException(new IOException("test resource " + name + " is missing"));
            }
            readers.add(reader(raw, name));
        }
        return readers;
    }

    private static BufferedReader reader(InputStream raw, String name) throws IOException {
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
