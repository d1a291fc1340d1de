package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {
    private static final RunSummary RUN = new RunSummary("ppo-CartPole-v1-s2-0123456789ab",
            "ppo CartPole-v1 gae_lambda=0.9,learning_rate=0.001", 2, 187.35, 12.5, 20, 100_000, 42.125);

    @Test
    void summaryJsonReadsBackToTheSameRecord(@TempDir Path dir) throws Exception {
        assertEquals(RUN, RunSummary.parse(RUN.json(), "s"));
        assertNull(RunDirectoryWriter.readSummary(dir), "no summary.json: the run is not complete");
        Files.writeString(dir.resolve(RunDirectoryWriter.SUMMARY), RUN.json());
        assertEquals(RUN, RunDirectoryWriter.readSummary(dir));
    }

    @Test
    void csvRowQuotesTheGroupWithItsCommas() {
        assertEquals(RunSummary.HEADER.split(",").length, 7);
        assertEquals("ppo-CartPole-v1-s2-0123456789ab,\"ppo CartPole-v1 gae_lambda=0.9,learning_rate=0.001\",2,"
                + "187.35,12.5,100000,42.125", RUN.csv());
    }

    @Test
    void aSummaryWithoutAKeyNamesFileAndKey() {
        String json = RUN.json().replace("\"eval_std\"", "\"eval_sd\"");
        assertEquals("run/summary.json: run summary has no \"eval_std\"", assertThrows(IllegalArgumentException.class,
                () -> RunSummary.parse(json, "run/summary.json")).getMessage());
        assertEquals("x: unreadable run summary", assertThrows(IllegalArgumentException.class,
                () -> RunSummary.parse("{", "x")).getMessage().substring(0, 25));
    }
}
