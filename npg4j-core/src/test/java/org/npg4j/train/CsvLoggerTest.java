package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoggerTest {
    @TempDir
    Path tmp;

    private static Map<String, Double> row(double it, double x) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("time/iterations", it);
        m.put("train/x", x);
        return m;
    }

    @Test
    void resumeCutsToTheCheckpointAndDropsARowCutByAKill() throws Exception {
        Path f = tmp.resolve("metrics.csv");
        try (CsvLogger log = new CsvLogger(f)) {
            for (int i = 1; i <= 5; i++) {
                log.record(row(i, 0.1 * i));
            }
        }
        Files.writeString(f, Files.readString(f) + "6,0.6000", java.nio.file.StandardOpenOption.WRITE);
        try (CsvLogger log = CsvLogger.resume(f, 3)) {
            Map<String, Double> wider = row(4, 0.25);
            wider.put("train/y", 1.0);
            log.record(wider);
        }
        assertEquals(List.of("time/iterations,train/x,train/y", "1,0.1000000000,", "2,0.2000000000,",
                "3,0.3000000000,", "4,0.2500000000,1"), Files.readAllLines(f));
    }

    @Test
    void resumeNeedsTheCheckpointsRows() throws Exception {
        Path f = tmp.resolve("metrics.csv");
        try (CsvLogger log = new CsvLogger(f)) {
            log.record(row(1, 1));
        }
        assertEquals(f + ": 1 complete rows of metrics, the checkpoint is at update 2",
                assertThrows(IllegalArgumentException.class, () -> CsvLogger.resume(f, 2)).getMessage());
    }
}
