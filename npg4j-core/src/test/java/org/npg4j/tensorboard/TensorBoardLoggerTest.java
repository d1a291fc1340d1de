package org.npg4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardLoggerTest {
    @TempDir
    Path tmp;

    @Test
    void crc32cMatchesTheCastagnoliCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        // The check value of CRC-32C (RFC 3720, appendix B.4).
        assertEquals(0xE3069283, EventFileReader.crc32c(check, 0, check.length));
        assertEquals(EventFileReader.masked(0xE3069283), EventFileWriter.maskedCrc32c(check, 0, check.length));
    }

    @Test
    void everyRecordIsCheckedAndDecodesToTheLoggedScalars() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        List<Map<String, Double>> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 25; r++) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("time/iterations", (double) (r + 1));
            row.put(TensorBoardLogger.STEP_KEY, 2048.0 * (r + 1));
            row.put("rollout/ep_rew_mean", 500 * rng.nextDouble());
            row.put("train/approx_kl", 1e-3 * rng.nextDouble());
            if (r % 5 == 0) {
                row.put("train/clip_fraction", rng.nextDouble());
            }
            row.put("train/skipped", null);
            rows.add(row);
        }
        Path file;
        long before = System.currentTimeMillis();
        try (TensorBoardLogger logger = new TensorBoardLogger(tmp)) {
            file = logger.file();
            rows.forEach(logger::record);
        }
        long after = System.currentTimeMillis();
        assertTrue(file.getFileName().toString().matches("events\\.out\\.tfevents\\.\\d+\\.[A-Za-z0-9._-]+"),
                file.toString());

        List<EventFileReader.Event> events = EventFileReader.read(file);
        assertEquals(1 + rows.size(), events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        for (int r = 0; r < rows.size(); r++) {
            EventFileReader.Event e = events.get(r + 1);
            assertEquals(2048L * (r + 1), e.step());
            assertTrue(e.wallTime() * 1000 >= before - 1 && e.wallTime() * 1000 <= after + 1, "wall time " + e.wallTime());
            Map<String, Float> expected = new LinkedHashMap<>();
            rows.get(r).forEach((k, v) -> {
                if (v != null) {
                    expected.put(k, v.floatValue());
                }
            });
            assertEquals(expected, e.scalars(), "row " + r);
        }
    }

    @Test
    void rowsWithoutTimestepsAreNumberedFromZero() throws Exception {
        Path file;
        try (TensorBoardLogger logger = new TensorBoardLogger(tmp)) {
            file = logger.file();
            logger.record(Map.of("exact/expected_return", 0.25));
            logger.record(Map.of("exact/expected_return", 0.5));
        }
        List<EventFileReader.Event> events = EventFileReader.read(file);
        assertEquals(List.of(0L, 1L), events.subList(1, 3).stream().map(EventFileReader.Event::step).toList());
        assertEquals(0.5f, events.get(2).scalars().get("exact/expected_return"));
    }

    @Test
    void aFlippedByteFailsTheChecksum() throws Exception {
        Path file;
        try (TensorBoardLogger logger = new TensorBoardLogger(tmp)) {
            file = logger.file();
            logger.record(Map.of(TensorBoardLogger.STEP_KEY, 64.0, "rollout/ep_rew_mean", 21.5));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x10; // inside the last record's data
        Files.write(file, bytes);
        AssertionError e = assertThrows(AssertionError.class, () -> EventFileReader.read(file));
        assertEquals("record 1: bad data checksum", e.getMessage());
    }

    @Test
    void twoLoggersInOneDirectoryWriteTwoFiles() {
        try (TensorBoardLogger a = new TensorBoardLogger(tmp); TensorBoardLogger b = new TensorBoardLogger(tmp)) {
            assertTrue(!a.file().equals(b.file()) && Files.exists(a.file()) && Files.exists(b.file()));
        }
    }
}
