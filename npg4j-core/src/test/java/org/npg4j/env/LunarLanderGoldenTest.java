package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the LunarLander trajectories recorded with Gymnasium 1.0.0 on Box2D 2.3 ({@code golden/LUNAR_README.md}):
 * the world is built from the recorded terrain and initial-force draws, then every step feeds the recorded action and
 * the recorded engine dispersions, open-loop, and the port's bodies, observation, reward and flags are compared with
 * Gymnasium's. Another file of the same format (plain or gzipped) can be given with
 * {@code -Dnpg4j.lunar.golden=/path.jsonl}; {@code -Dnpg4j.lunar.golden.verbose=true} prints each trajectory's
 * largest differences.
 *
 * <p>Tolerances are the README's, measured between two float32 builds of the same Box2D (one with FMA contraction):
 * terrain exact; state after reset within 1e-6 (measured: 26 of the 30 bit for bit, the 4 with wind one float32 ulp
 * apart); before the first ground contact within 1e-3 (1e-2 past step 150 of a
 * long flight) with exact flags; from the first contact on within 1e-2 with exact flags, except in at most
 * {@value #CONTACT_EXCEEDANCES} trajectories (as between the two builds). Every episode must end at Gymnasium's step
 * with Gymnasium's flags. Rewards are 100× a shaping difference of the state, so they get 100× the state's tolerance;
 * the terminal ±100 is exact.
 */
class LunarLanderGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double RESET_TOLERANCE = 1e-6;
    private static final double FLIGHT_TOLERANCE = 1e-3;
    private static final double LONG_FLIGHT_TOLERANCE = 1e-2;
    private static final int LONG_FLIGHT_STEPS = 150;
    private static final double CONTACT_TOLERANCE = 1e-2;
    /**
     * Trajectories allowed past {@link #CONTACT_TOLERANCE} after the first contact, flags still exact: the README's two
     * float32 builds of one Box2D passed 1e-2 in 3 of 60 trajectories; this port does in 2 of these 30 (a leg resting
     * on two terrain edges at once, where the order of the contact impulses matters), by at most 0.14.
     */
    private static final int CONTACT_EXCEEDANCES = 2;
    /** A bound on every difference, for those trajectories too: beyond it a replay has stopped being the same one. */
    private static final double CONTACT_BOUND = 0.25;
    private static final double REWARD_PER_STATE = 100;
    private static final boolean VERBOSE = Boolean.getBoolean("npg4j.lunar.golden.verbose");

    private static List<JsonNode> golden;

    static synchronized List<JsonNode> load() throws IOException {
        if (golden != null) {
            return golden;
        }
        String override = System.getProperty("npg4j.lunar.golden");
        InputStream in;
        String name;
        if (override != null && !override.isBlank()) {
            name = override;
            in = Files.newInputStream(Path.of(override));
        } else {
            name = "golden/lunar_lander.jsonl.gz";
            in = LunarLanderGoldenTest.class.getResourceAsStream("/" + name);
            if (in == null) {
                fail(name + " is not on the test classpath");
            }
        }
        if (name.endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        golden = out;
        return out;
    }

    @TestFactory
    Stream<DynamicTest> lunarLanderMatchesGymnasiumGolden() throws IOException {
        List<JsonNode> lines = load();
        assertTrue(lines.size() > 0, "no golden trajectories");
        List<DynamicTest> tests = new ArrayList<>();
        List<String> exceeded = new ArrayList<>();
        for (JsonNode t : lines) {
            tests.add(DynamicTest.dynamicTest(name(t), () -> {
                Divergence d = replay(t);
                if (d.contact > CONTACT_TOLERANCE) {
                    exceeded.add(name(t) + String.format(" (%.2g)", d.contact));
                }
            }));
        }
        // Runs after the replays (a dynamic stream runs in order).
        tests.add(DynamicTest.dynamicTest("at most " + CONTACT_EXCEEDANCES + " trajectories past "
                + CONTACT_TOLERANCE + " after contact", () -> assertTrue(exceeded.size() <= CONTACT_EXCEEDANCES,
                        exceeded.size() + " trajectories past " + CONTACT_TOLERANCE + " after contact: " + exceeded)));
        return tests.stream();
    }

    @Test
    void heuristicChoosesGymnasiumsActionsOnGymnasiumsObservations() throws IOException {
        int checked = 0;
        for (JsonNode t : load()) {
            if (!t.get("policy").asText().equals("heuristic")) {
                continue;
            }
            JsonNode steps = t.get("steps");
            double[] obs = doubles(t.get("initial_observation"));
            double[] a = new double[2];
            for (int k = 0; k < steps.size(); k++) {
                JsonNode action = steps.get(k).get("action");
                String where = name(t) + " step " + (k + 1);
                if (action.isArray()) {
                    LunarLanderHeuristic.continuousAction(obs, a);
                    assertEquals(action.get(0).asDouble(), a[0], 1e-12, where + " main");
                    assertEquals(action.get(1).asDouble(), a[1], 1e-12, where + " lateral");
                } else {
                    assertEquals(action.asInt(), LunarLanderHeuristic.discreteAction(obs), where);
                }
                obs = doubles(steps.get(k).get("obs"));
                checked++;
            }
        }
        assertTrue(checked > 1000, "only " + checked + " heuristic steps in the golden file");
    }

    static String name(JsonNode t) {
        JsonNode k = t.get("env_kwargs");
        boolean continuous = k.path("continuous").asBoolean(false);
        boolean wind = k.path("enable_wind").asBoolean(false);
        return (continuous ? "continuous" : "discrete") + (wind ? " wind" : "") + " " + t.get("policy").asText()
                + " seed " + t.get("seed").asLong();
    }

    static LunarLander make(JsonNode t) {
        JsonNode k = t.get("env_kwargs");
        return new LunarLander(k.path("continuous").asBoolean(false), k.path("gravity").asDouble(-10.0),
                k.path("enable_wind").asBoolean(false), k.path("wind_power").asDouble(15.0),
                k.path("turbulence_power").asDouble(1.5), t.get("max_episode_steps").asInt());
    }

    /** Largest differences of one replay, for the verbose report. */
    private static final class Divergence {
        double reset;
        double flight;
        int flightSteps;
        double contact;
        double reward;
        int firstContact;
    }

    private static Divergence replay(JsonNode t) {
        String name = name(t);
        Divergence d = new Divergence();
        JsonNode steps = t.get("steps");
        JsonNode fc = t.get("summary").get("first_contact_step");
        d.firstContact = fc.isNull() ? Integer.MAX_VALUE : fc.asInt();
        Recorded draws = new Recorded(name);
        try (LunarLander env = make(t)) {
            env.drawFrom(draws);
            draws.add(t.get("reset_draws"));
            StepResult r = env.reset(0);
            draws.assertUsed("reset");
            checkTerrain(t.get("terrain"), env, name);
            d.reset = compare(t.get("initial_body"), t.get("initial_observation"), env, r, RESET_TOLERANCE,
                    name + " after reset");
            double[] action = new double[2];
            for (int k = 0; k < steps.size(); k++) {
                JsonNode s = steps.get(k);
                int step = k + 1;
                String where = name + " step " + step;
                assertTrue(!r.done(), where + ": the port's episode already ended");
                draws.add(s.get("draws"));
                JsonNode a = s.get("action");
                if (a.isArray()) {
                    action[0] = a.get(0).asDouble();
                    action[1] = a.get(1).asDouble();
                    r = env.step(action);
                } else {
                    r = env.step(a.asInt());
                }
                draws.assertUsed(where);
                boolean flight = step < d.firstContact;
                double tol = flight ? (step > LONG_FLIGHT_STEPS ? LONG_FLIGHT_TOLERANCE : FLIGHT_TOLERANCE)
                        : CONTACT_BOUND;
                double diff = compare(s.get("body"), s.get("obs"), env, r, tol, where);
                if (flight) {
                    d.flight = Math.max(d.flight, diff);
                    d.flightSteps = step;
                } else {
                    d.contact = Math.max(d.contact, diff);
                }
                double reward = s.get("reward").asDouble();
                double rewardDiff = Math.abs(r.reward() - reward);
                boolean terminal = s.get("terminated").asBoolean();
                double rewardTol = terminal ? 0.0 : REWARD_PER_STATE * (flight ? tol : CONTACT_TOLERANCE);
                if (!(rewardDiff <= rewardTol)) {
                    fail(where + ": reward " + r.reward() + ", Gymnasium " + reward + " (tolerance " + rewardTol + ")");
                }
                d.reward = Math.max(d.reward, rewardDiff);
                assertEquals(terminal, r.terminated(), where + ": terminated");
                assertEquals(s.get("truncated").asBoolean(), r.truncated(), where + ": truncated");
            }
            assertTrue(r.done(), name + ": Gymnasium's episode ended after " + steps.size() + " steps, the port's not");
        }
        if (VERBOSE) {
            System.out.printf("%-36s reset %.1e  flight %.1e (%d steps)  contact %.1e  reward %.1e%n", name, d.reset,
                    d.flight, d.flightSteps, d.contact, d.reward);
        }
        return d;
    }

    /** Gymnasium's terrain: the smoothed heights exactly in float64, the edges exactly as Box2D's float32. */
    private static void checkTerrain(JsonNode terrain, LunarLander env, String name) {
        double[] state = env.state();
        JsonNode smooth = terrain.get("smooth_y");
        JsonNode chunkX = terrain.get("chunk_x");
        JsonNode edges = terrain.get("edges_f32");
        assertEquals(LunarLander.CHUNKS, smooth.size(), name + ": chunks");
        for (int i = 0; i < LunarLander.CHUNKS; i++) {
            assertEquals(smooth.get(i).asDouble(), state[i], 0.0, name + ": smooth_y[" + i + "]");
            assertEquals(chunkX.get(i).asDouble(), LunarLander.chunkX(i), 0.0, name + ": chunk_x[" + i + "]");
        }
        float[][] ours = env.edgeVertices();
        assertEquals(edges.size(), ours.length, name + ": edge count");
        for (int e = 0; e < ours.length; e++) {
            for (int j = 0; j < 4; j++) {
                assertEquals((float) edges.get(e).get(j).asDouble(), ours[e][j], 0.0f,
                        name + ": edge " + e + " vertex coordinate " + j);
            }
        }
    }

    /**
     * Compares the bodies and the observation with the golden record: values within {@code tol} (absolute), flags
     * (awake, leg contacts, game over) exactly. Returns the largest difference.
     */
    private static double compare(JsonNode body, JsonNode obs, LunarLander env, StepResult r, double tol,
            String where) {
        double[] ours = new double[LunarLander.BODIES_DIM];
        env.readBodies(ours);
        double[] expected = new double[LunarLander.BODIES_DIM];
        int j = 0;
        JsonNode[] bodies = {body.get("lander"), body.get("legs").get(0), body.get("legs").get(1)};
        for (JsonNode b : bodies) {
            expected[j++] = b.get("pos").get(0).asDouble();
            expected[j++] = b.get("pos").get(1).asDouble();
            expected[j++] = b.get("angle").asDouble();
            expected[j++] = b.get("vel").get(0).asDouble();
            expected[j++] = b.get("vel").get(1).asDouble();
            expected[j++] = b.get("angvel").asDouble();
            expected[j++] = b.get("awake").asBoolean() ? 1.0 : 0.0;
        }
        for (int leg = 1; leg <= 2; leg++) {
            expected[j++] = bodies[leg].get("joint_angle").asDouble();
            expected[j++] = bodies[leg].get("joint_speed").asDouble();
        }
        String[] labels = {"x", "y", "angle", "vx", "vy", "angvel", "awake"};
        String[] owners = {"lander", "leg 0", "leg 1"};
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            String label = i < 21 ? owners[i / 7] + " " + labels[i % 7]
                    : "leg " + ((i - 21) / 2) + ((i - 21) % 2 == 0 ? " joint angle" : " joint speed");
            if (i < 21 && i % 7 == 6) {
                assertEquals(expected[i], ours[i], 0.0, where + ": " + label);
                continue;
            }
            double diff = Math.abs(ours[i] - expected[i]);
            if (!(diff <= tol)) {
                fail(where + ": " + label + " = " + ours[i] + ", Gymnasium " + expected[i] + " (tolerance " + tol
                        + ")");
            }
            max = Math.max(max, diff);
        }
        double[] o = r.observation();
        for (int i = 0; i < 8; i++) {
            double e = obs.get(i).asDouble();
            if (i >= 6) {
                assertEquals(e, o[i], 0.0, where + ": obs[" + i + "] (leg contact)");
                continue;
            }
            // Gymnasium returns float32 observations computed in float64: compare ours rounded the same way.
            double diff = Math.abs((float) o[i] - e);
            if (!(diff <= tol)) {
                fail(where + ": obs[" + i + "] = " + o[i] + ", Gymnasium " + e + " (tolerance " + tol + ")");
            }
            max = Math.max(max, diff);
        }
        double[] state = env.state();
        int flags = LunarLander.CHUNKS + 18;
        assertEquals(body.get("legs").get(0).get("ground_contact").asBoolean() ? 1.0 : 0.0, state[flags], 0.0,
                where + ": leg 0 ground contact");
        assertEquals(body.get("legs").get(1).get("ground_contact").asBoolean() ? 1.0 : 0.0, state[flags + 1], 0.0,
                where + ": leg 1 ground contact");
        assertEquals(body.get("game_over").asBoolean() ? 1.0 : 0.0, state[flags + 2], 0.0, where + ": game over");
        return max;
    }

    /**
     * The recorded draws as a queue; each call must name the method and bounds Gymnasium used at that point, so the
     * replay also checks that the port draws in Gymnasium's order.
     */
    private static final class Recorded implements LunarLander.RandomDraws {
        private record Draw(String fn, double low, double high, double out) {
        }

        private final String name;
        private final Deque<Draw> queue = new ArrayDeque<>();

        Recorded(String name) {
            this.name = name;
        }

        void add(JsonNode draws) {
            for (JsonNode d : draws) {
                String fn = d.get("fn").asText();
                double low = d.get("args").get(0).asDouble();
                double high = d.get("args").get(1).asDouble();
                JsonNode out = d.get("out");
                if (out.isArray()) {
                    for (JsonNode v : out) {
                        queue.add(new Draw(fn, low, high, v.asDouble()));
                    }
                } else {
                    queue.add(new Draw(fn, low, high, out.asDouble()));
                }
            }
        }

        private Draw next(String fn, double low, double high) {
            Draw d = queue.poll();
            if (d == null) {
                fail(name + ": the port drew " + fn + "(" + low + ", " + high + ") beyond Gymnasium's draws");
            }
            if (!d.fn.equals(fn) || d.low != low || d.high != high) {
                fail(name + ": the port drew " + fn + "(" + low + ", " + high + ") where Gymnasium drew " + d.fn + "("
                        + d.low + ", " + d.high + ")");
            }
            return d;
        }

        @Override
        public double uniform(double low, double high) {
            return next("uniform", low, high).out;
        }

        @Override
        public long integers(long low, long high) {
            return (long) next("integers", low, high).out;
        }

        void assertUsed(String where) {
            assertTrue(queue.isEmpty(), name + " " + where + ": " + queue.size() + " of Gymnasium's draws unused");
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}
