package org.npg4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.math.StateMap;

class CheckpointFileTest {
    @TempDir
    Path tmp;

    private static CheckpointFile.Checkpoint sample() {
        StateMap s = new StateMap();
        s.putLong("iterations", 4).putLong("collector/rng", Long.MIN_VALUE).putLong("env/env0/rng", -1L);
        s.put("policy/parameters", new double[] {1.5, -0.0, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Math.PI});
        s.put("empty", new double[0]);
        return new CheckpointFile.Checkpoint("ppo", "CartPole-v1", -3, 4, 4, 512, s);
    }

    private static String message(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> CheckpointFile.decode(bytes, "c.ckpt")).getMessage();
    }

    @Test
    void roundTripIsBitExact() {
        Path f = tmp.resolve("c.ckpt");
        CheckpointFile.write(f, sample());
        CheckpointFile.Checkpoint c = CheckpointFile.read(f);
        assertEquals(List.of("ppo", "CartPole-v1", -3L, 4, 4L, 512L),
                List.of(c.algorithm(), c.envId(), c.seed(), c.numEnvs(), c.iterations(), c.timesteps()));
        assertEquals(sample().state().longs(), c.state().longs());
        assertEquals(List.copyOf(sample().state().arrays().keySet()), List.copyOf(c.state().arrays().keySet()));
        double[] expected = sample().state().doubles("policy/parameters", 6);
        double[] actual = c.state().doubles("policy/parameters", 6);
        for (int i = 0; i < 6; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "entry " + i);
        }
        assertArrayEquals(new double[0], c.state().doubles("empty", 0));
    }

    @Test
    void layoutIsSignatureHeaderBodyAndTrailingCrc() {
        byte[] b = CheckpointFile.encode(sample());
        assertEquals("NPG4JCKP", new String(b, 0, 8, StandardCharsets.US_ASCII));
        int h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        assertEquals(12 + h + 6 * 8 + 4, b.length);
        String header = new String(b, 12, h, StandardCharsets.UTF_8);
        assertEquals(true, header.startsWith("{\"format\":\"npg4j-checkpoint/1\""), header);
        assertEquals(1.5, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getDouble(12 + h));
    }

    @Test
    void damagedFilesFailWithOneLineNamingTheFile() throws Exception {
        byte[] good = CheckpointFile.encode(sample());
        assertEquals("c.ckpt: not an npg4j checkpoint (no NPG4JCKP signature)",
                message("NPG4JMDL and more".getBytes(StandardCharsets.US_ASCII)));
        byte[] cut = Arrays.copyOf(good, good.length - 10);
        assertEquals("c.ckpt: truncated checkpoint (6 numbers need " + good.length + " bytes, the file has "
                + cut.length + ")", message(cut));
        byte[] flipped = good.clone();
        flipped[good.length - 12] ^= 0x10;
        String m = message(flipped);
        assertEquals(true, m.startsWith("c.ckpt: corrupted checkpoint (CRC32 is "), m);
        byte[] badHeader = good.clone();
        badHeader[12] = '[';
        m = message(badHeader);
        assertEquals(true, m.startsWith("c.ckpt: corrupted checkpoint header ("), m);
        String other = new String(good, StandardCharsets.ISO_8859_1).replace("npg4j-checkpoint/1", "npg4j-checkpoint/9");
        assertEquals("c.ckpt: unsupported checkpoint format 'npg4j-checkpoint/9' (this npg4j reads npg4j-checkpoint/1)",
                message(other.getBytes(StandardCharsets.ISO_8859_1)));
        byte[] longer = Arrays.copyOf(good, good.length + 3);
        assertEquals("c.ckpt: 3 unexpected bytes after the checksum", message(longer));
        Path missing = tmp.resolve("none.ckpt");
        assertEquals(missing + ": no such checkpoint file",
                assertThrows(IllegalArgumentException.class, () -> CheckpointFile.read(missing)).getMessage());
        assertEquals(false, Files.exists(missing));
    }
}
