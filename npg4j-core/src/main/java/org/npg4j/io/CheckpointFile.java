package org.npg4j.io;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.npg4j.math.StateMap;

/**
 * Checkpoint files ({@code docs/checkpoint-format.md}): the 8-byte signature {@code NPG4JCKP}, the header length H
 * as a little-endian uint32, H bytes of UTF-8 JSON header (format {@value #FORMAT}, npg4j version, algorithm, env
 * id, run seed, number of envs, iterations, timesteps, the named 64-bit integers of the state, and the names and
 * lengths of its arrays in body order), the body (every array as little-endian float64, in that order), and a
 * little-endian uint32 CRC32 of every byte before it. Never Java serialization. Reading checks the signature, the
 * format, the lengths and the checksum, each failure a one-line message naming the file.
 */
public final class CheckpointFile {
    /** The format written and read by this version. */
    public static final String FORMAT = "npg4j-checkpoint/1";
    private static final byte[] MAGIC = "NPG4JCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX = MAGIC.length + 4;

    private CheckpointFile() {
    }

    /**
     * The content of a checkpoint.
     *
     * @param algorithm  the algorithm name
     * @param envId      the env id
     * @param seed       the run seed
     * @param numEnvs    the number of training envs
     * @param iterations updates done
     * @param timesteps  env steps taken, summed over envs
     * @param state      the training state ({@code Trainer.writeCheckpoint})
     */
    public record Checkpoint(String algorithm, String envId, long seed, int numEnvs, long iterations, long timesteps,
                             StateMap state) {
    }

    /** Writes {@code checkpoint} to {@code file} atomically. */
    public static void write(Path file, Checkpoint checkpoint) {
        AtomicFiles.write(file, encode(checkpoint));
    }

    /** The bytes of a checkpoint file. */
    public static byte[] encode(Checkpoint c) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("format", FORMAT);
        h.put("npg4j_version", Provenance.npg4jVersion());
        h.put("algorithm", c.algorithm);
        h.put("env", c.envId);
        h.put("seed", c.seed);
        h.put("n_envs", c.numEnvs);
        h.put("iterations", c.iterations);
        h.put("timesteps", c.timesteps);
        ObjectNode ints = h.putObject("integers");
        for (Map.Entry<String, Long> e : c.state.longs().entrySet()) {
            ints.put(e.getKey(), e.getValue());
        }
        ArrayNode arrays = h.putArray("arrays");
        long doubles = 0;
        for (Map.Entry<String, double[]> e : c.state.arrays().entrySet()) {
            arrays.addObject().put("name", e.getKey()).put("length", e.getValue().length);
            doubles += e.getValue().length;
        }
        h.put("body_encoding", "float64-le");
        byte[] header;
        try {
            header = JsonInput.mapper().writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the checkpoint header: " + e.getOriginalMessage(), e);
        }
        long size = PREFIX + header.length + 8 * doubles + 4;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("checkpoint of " + size + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(header.length).put(header);
        for (double[] a : c.state.arrays().values()) {
            for (double x : a) {
                out.putDouble(x);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** Reads and checks a checkpoint file. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such checkpoint file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return decode(bytes, file.toString());
    }

    /** Decodes and checks the bytes of a checkpoint file; {@code source} names it in errors. */
    public static Checkpoint decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(source + ": not an npg4j checkpoint (no NPG4JCKP signature)");
        }
        if (bytes.length < PREFIX + 4) {
            throw new IllegalArgumentException(source + ": truncated checkpoint (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = Integer.toUnsignedLong(in.getInt(MAGIC.length));
        if (headerLength > bytes.length - PREFIX - 4) {
            throw new IllegalArgumentException(source + ": truncated checkpoint (header of " + headerLength
                    + " bytes, only " + (bytes.length - PREFIX) + " present)");
        }
        String json = new String(bytes, PREFIX, (int) headerLength, StandardCharsets.UTF_8);
        JsonInput.Node h;
        try {
            h = JsonInput.parse(json, source + " header").object();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": corrupted checkpoint header (" + e.getMessage() + ")");
        }
        String format = h.get("format").text();
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(source + ": unsupported checkpoint format '" + format
                    + "' (this npg4j reads " + FORMAT + ")");
        }
        JsonInput.Node arrays = h.get("arrays");
        int count = arrays.arrayLength(-1, "arrays");
        List<String> names = new ArrayList<>(count);
        List<Integer> lengths = new ArrayList<>(count);
        long doubles = 0;
        for (int i = 0; i < count; i++) {
            JsonInput.Node a = arrays.at(i);
            names.add(a.get("name").text());
            int len = a.get("length").integer();
            if (len < 0) {
                throw a.get("length").error("negative array length " + len);
            }
            lengths.add(len);
            doubles += len;
        }
        long expected = PREFIX + headerLength + 8 * doubles + 4;
        if (bytes.length < expected) {
            throw new IllegalArgumentException(source + ": truncated checkpoint (" + doubles + " numbers need "
                    + expected + " bytes, the file has " + bytes.length + ")");
        }
        if (bytes.length > expected) {
            throw new IllegalArgumentException(source + ": " + (bytes.length - expected)
                    + " unexpected bytes after the checksum");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        long stored = Integer.toUnsignedLong(in.getInt(bytes.length - 4));
        if (crc.getValue() != stored) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: corrupted checkpoint (CRC32 is %08x, the file says %08x)", source, crc.getValue(), stored));
        }
        StateMap state = new StateMap();
        JsonNode ints = h.get("integers").object().json();
        for (Iterator<Map.Entry<String, JsonNode>> it = ints.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToExactIntegral() || !e.getValue().canConvertToLong()) {
                throw new IllegalArgumentException(source + ": integer '" + e.getKey() + "' is not a 64-bit integer");
            }
            state.putLong(e.getKey(), e.getValue().longValue());
        }
        in.position((int) (PREFIX + headerLength));
        for (int i = 0; i < count; i++) {
            double[] a = new double[lengths.get(i)];
            for (int k = 0; k < a.length; k++) {
                a[k] = in.getDouble();
            }
            state.put(names.get(i), a);
        }
        return new Checkpoint(h.get("algorithm").text(), h.get("env").text(), longValue(h.get("seed")),
                h.get("n_envs").integer(), longValue(h.get("iterations")), longValue(h.get("timesteps")), state);
    }

    private static long longValue(JsonInput.Node n) {
        if (!n.json().canConvertToExactIntegral() || !n.json().canConvertToLong()) {
            throw n.error("expected a 64-bit integer, found " + n.json());
        }
        return n.json().longValue();
    }
}
