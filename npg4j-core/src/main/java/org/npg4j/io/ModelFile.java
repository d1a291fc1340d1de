package org.npg4j.io;

import org.npg4j.policy.Architecture;
import org.npg4j.util.Provenance;
import org.npg4j.util.JsonInput;
import org.npg4j.util.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import org.npg4j.env.Box;
import org.npg4j.env.Discrete;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.NormalizeObservation;
import org.npg4j.env.RunningMeanStd;
import org.npg4j.env.Space;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Policies;

/**
 * Model files ({@code docs/model-format.md}): the 8-byte signature {@code NPG4JMDL}, the length H of the header as
 * a little-endian uint32, H bytes of UTF-8 JSON header (format {@value #FORMAT}, npg4j version, algorithm, env id,
 * observation and action spaces, architecture, observation normalization, parameter count, CRC32 of the parameter
 * bytes), then the parameters θ as little-endian float64. Never Java serialization. Reading checks the signature,
 * the format, the length, the checksum and the architecture, each failure a one-line message naming the file.
 */
public final class ModelFile {
    /** The format written and read by this version. */
    public static final String FORMAT = "npg4j-model/1";
    private static final byte[] MAGIC = "NPG4JMDL".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX = MAGIC.length + 4;

    private ModelFile() {
    }

    /**
     * The content of a model file.
     *
     * @param algorithm              the algorithm that trained it
     * @param envId                  the env id it was trained on
     * @param observationSpace       the env's (raw) observation space
     * @param actionSpace            the env's action space
     * @param architecture           the networks
     * @param observationStatistics  the observation normalization statistics, or null for none
     * @param parameters             θ
     */
    public record Model(String algorithm, String envId, Space observationSpace, Space actionSpace,
                        Architecture architecture, RunningMeanStd.Snapshot observationStatistics,
                        double[] parameters) {
        public Model {
            parameters = parameters.clone();
        }

        @Override
        public double[] parameters() {
            return parameters.clone();
        }
    }

    /** Writes {@code model} to {@code file} atomically. */
    public static void write(Path file, Model model) {
        AtomicFiles.write(file, encode(model));
    }

    /** The bytes of a model file. */
    public static byte[] encode(Model model) {
        double[] theta = model.parameters;
        ByteBuffer params = ByteBuffer.allocate(theta.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : theta) {
            params.putDouble(x);
        }
        byte[] paramBytes = params.array();
        CRC32 crc = new CRC32();
        crc.update(paramBytes);
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("format", FORMAT);
        h.put("npg4j_version", Provenance.npg4jVersion());
        h.put("algorithm", model.algorithm);
        h.put("env", model.envId);
        h.set("observation_space", space(model.observationSpace));
        h.set("action_space", space(model.actionSpace));
        ObjectNode arch = h.putObject("architecture");
        arch.put("policy", model.actionSpace instanceof Discrete ? "categorical" : "diag_gaussian");
        arch.set("pi", ints(model.architecture.pi()));
        arch.set("vf", ints(model.architecture.vf()));
        arch.put("activation", model.architecture.activation().name().toLowerCase(Locale.ROOT));
        arch.put("log_std_init", model.architecture.logStdInit());
        if (model.observationStatistics == null) {
            h.putNull("observation_normalization");
        } else {
            ObjectNode n = h.putObject("observation_normalization");
            n.set("mean", doubles(model.observationStatistics.mean()));
            n.set("var", doubles(model.observationStatistics.var()));
            n.put("count", model.observationStatistics.count());
            n.put("epsilon", 1e-8);
            n.put("clip", 10.0);
        }
        h.put("parameter_count", theta.length);
        h.put("parameter_encoding", "float64-le");
        h.put("crc32", String.format(Locale.ROOT, "%08x", crc.getValue()));
        byte[] header;
        try {
            header = JsonInput.mapper().writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the model header: " + e.getOriginalMessage(), e);
        }
        ByteBuffer out = ByteBuffer.allocate(PREFIX + header.length + paramBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(header.length).put(header).put(paramBytes);
        return out.array();
    }

    /** Reads and checks a model file. */
    public static Model read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such model file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return decode(bytes, file.toString());
    }

    /** Decodes and checks the bytes of a model file; {@code source} names it in errors. */
    public static Model decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(source + ": not an npg4j model file (no NPG4JMDL signature)");
        }
        if (bytes.length < PREFIX) {
            throw new IllegalArgumentException(source + ": truncated model file (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = Integer.toUnsignedLong(in.getInt(MAGIC.length));
        if (headerLength > bytes.length - PREFIX) {
            throw new IllegalArgumentException(source + ": truncated model file (header of " + headerLength
                    + " bytes, only " + (bytes.length - PREFIX) + " present)");
        }
        String json = new String(bytes, PREFIX, (int) headerLength, StandardCharsets.UTF_8);
        JsonInput.Node h = JsonInput.parse(json, source + " header").object();
        String format = h.get("format").text();
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(source + ": unsupported model format '" + format + "' (this npg4j reads "
                    + FORMAT + ")");
        }
        int count = h.get("parameter_count").integer();
        long expected = PREFIX + headerLength + 8L * count;
        if (bytes.length < expected) {
            throw new IllegalArgumentException(source + ": truncated model file (" + count + " parameters need "
                    + expected + " bytes, the file has " + bytes.length + ")");
        }
        if (bytes.length > expected) {
            throw new IllegalArgumentException(source + ": " + (bytes.length - expected)
                    + " unexpected bytes after the parameters");
        }
        int start = (int) (PREFIX + headerLength);
        CRC32 crc = new CRC32();
        crc.update(bytes, start, 8 * count);
        String actual = String.format(Locale.ROOT, "%08x", crc.getValue());
        String stored = h.get("crc32").text();
        if (!actual.equals(stored)) {
            throw new IllegalArgumentException(source + ": corrupted model file (CRC32 of the parameters is " + actual
                    + ", the header says " + stored + ")");
        }
        double[] theta = new double[count];
        in.position(start);
        for (int i = 0; i < count; i++) {
            theta[i] = in.getDouble();
        }
        Space obs = space(h.get("observation_space"));
        Space act = space(h.get("action_space"));
        JsonInput.Node a = h.get("architecture");
        Architecture arch = new Architecture(layers(a.get("pi")), layers(a.get("vf")), activation(a.get("activation")),
                a.get("log_std_init").number());
        RunningMeanStd.Snapshot stats = null;
        if (h.has("observation_normalization")) {
            JsonInput.Node n = h.get("observation_normalization");
            try {
                stats = new RunningMeanStd.Snapshot(doubles(n.get("mean")), doubles(n.get("var")),
                        n.get("count").number());
            } catch (IllegalArgumentException e) {
                throw n.error(e.getMessage());
            }
        }
        Model model = new Model(h.get("algorithm").text(), h.get("env").text(), obs, act, arch, stats, theta);
        try {
            arch.build(obs, act, theta);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        return model;
    }

    /**
     * Refuses an env whose spaces differ from the model's, naming both.
     *
     * @param source names the model in the message
     */
    public static void checkCompatible(Model model, Env env, String source) {
        if (!model.observationSpace.equals(env.observationSpace()) || !model.actionSpace.equals(env.actionSpace())) {
            throw new IllegalArgumentException(source + ": model for observation space " + model.observationSpace
                    + " and action space " + model.actionSpace + " (" + model.envId + ") cannot act in " + env.id()
                    + " with " + env.observationSpace() + " and " + env.actionSpace());
        }
    }

    /** A fresh env {@code envId} for evaluation: with frozen observation normalization when {@code stats} is set. */
    public static Env evaluationEnv(String envId, RunningMeanStd.Snapshot stats) {
        return evaluationEnv(Envs.make(envId), stats);
    }

    /** As {@link #evaluationEnv(String, RunningMeanStd.Snapshot)}, the env made with constructor arguments. */
    public static Env evaluationEnv(String envId, java.util.Map<String, Object> kwargs,
                                    RunningMeanStd.Snapshot stats) {
        return evaluationEnv(Envs.make(envId, kwargs), stats);
    }

    /** {@code env} wrapped for evaluation: observations normalized by the frozen statistics, if any. */
    public static Env evaluationEnv(Env env, RunningMeanStd.Snapshot stats) {
        if (stats == null) {
            return env;
        }
        NormalizeObservation n = new NormalizeObservation(env);
        n.setStatistics(stats);
        n.setFrozen(true);
        return n;
    }

    private static ObjectNode space(Space s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (s instanceof Discrete d) {
            n.put("type", "Discrete");
            n.put("n", d.n());
        } else {
            Box b = (Box) s;
            n.put("type", "Box");
            n.set("shape", ints(b.shape()));
            n.set("low", doubles(b.low()));
            n.set("high", doubles(b.high()));
        }
        return n;
    }

    private static Space space(JsonInput.Node n) {
        String type = n.get("type").text();
        switch (type) {
            case "Discrete":
                return new Discrete(n.get("n").integer());
            case "Box":
                try {
                    return new Box(doubles(n.get("low")), doubles(n.get("high")), layers(n.get("shape")));
                } catch (IllegalArgumentException e) {
                    throw n.error(e.getMessage());
                }
            default:
                throw n.get("type").error("unknown space type '" + type + "' (expected Box or Discrete)");
        }
    }

    private static ArrayNode ints(int[] xs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int x : xs) {
            a.add(x);
        }
        return a;
    }

    /** Finite numbers as JSON numbers, infinities as the strings "inf" and "-inf". */
    private static ArrayNode doubles(double[] xs) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double x : xs) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else if (x == Double.POSITIVE_INFINITY) {
                a.add("inf");
            } else if (x == Double.NEGATIVE_INFINITY) {
                a.add("-inf");
            } else {
                throw new IllegalArgumentException("cannot store " + x + " in a model header");
            }
        }
        return a;
    }

    private static double[] doubles(JsonInput.Node n) {
        int len = n.arrayLength(-1, "numbers");
        double[] xs = new double[len];
        for (int i = 0; i < len; i++) {
            JsonInput.Node e = n.at(i);
            JsonNode j = e.json();
            if (j.isTextual() && (j.textValue().equals("inf") || j.textValue().equals("-inf"))) {
                xs[i] = j.textValue().equals("inf") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            } else {
                xs[i] = e.number();
            }
        }
        return xs;
    }

    private static int[] layers(JsonInput.Node n) {
        int len = n.arrayLength(-1, "integers");
        int[] xs = new int[len];
        for (int i = 0; i < len; i++) {
            xs[i] = n.at(i).integer();
        }
        return xs;
    }

    private static Activation activation(JsonInput.Node n) {
        String name = n.text();
        for (Activation a : Activation.values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw n.error("unknown activation '" + name + "' (expected tanh or relu)");
    }
}
