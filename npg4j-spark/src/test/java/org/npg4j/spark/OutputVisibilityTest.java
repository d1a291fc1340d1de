package org.npg4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.train.RunSummary;

/**
 * The driver's check that executors see the output: an executor that does not find the driver's marker file stops
 * the sweep with one line before any run is trained, and the marker is removed either way.
 */
class OutputVisibilityTest {
    /** An output whose executors see the driver's writes, or (blind) see nothing: a directory local to the driver. */
    record Store(LocalRunStore local, boolean blind) implements RunStore {
        public void init() {
            local.init();
        }

        public RunSummary readSummary(String id) {
            return local.readSummary(id);
        }

        public String readRunFile(String id, String name) {
            return local.readRunFile(id, name);
        }

        public Path newWorkDirectory(String id) {
            return local.newWorkDirectory(id);
        }

        public boolean publish(Path work, String id) {
            return local.publish(work, id);
        }

        public void writeText(String name, String text) {
            local.writeText(name, text);
        }

        public String readText(String name) {
            return local.readText(name);
        }

        public boolean createMarker(String name) {
            return local.createMarker(name);
        }

        public boolean exists(String name) {
            return !blind && local.exists(name);
        }

        public void delete(String name) {
            local.delete(name);
        }

        public int deleteStaleWork() {
            return local.deleteStaleWork();
        }

        public Path localRoot() {
            return local.localRoot();
        }
    }

    @Test
    void executorsThatDoNotSeeTheOutputStopTheSweepWithOneLine(@TempDir Path dir) throws Exception {
        LocalRunStore local = new LocalRunStore(dir.toString());
        local.init();
        SparkConf conf = SparkSettings.configure(new SparkConf(false), "local[2]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            SweepRunner.checkVisibleToExecutors(sc, new Store(local, false), dir.toString());
            var e = assertThrows(IllegalArgumentException.class,
                    () -> SweepRunner.checkVisibleToExecutors(sc, new Store(local, true), "/mnt/not-shared"));
            assertTrue(e.getMessage().startsWith("--out /mnt/not-shared is not visible to executor driver on "), e
                    .getMessage());
            assertTrue(e.getMessage().endsWith("on a cluster the output must be a shared directory or a "
                    + "Hadoop-filesystem URI (see docs/distributed.md)"), e.getMessage());
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(0, files.count(), "the marker is removed");
        }
    }
}
