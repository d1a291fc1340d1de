package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.io.CheckpointFile;

class CheckpointerTest {
    @TempDir
    Path tmp;

    private static ObjectNode cfg() {
        return (ObjectNode) ConfigLayers.parse("n_envs: 2\nn_steps: 16\nbatch_size: 32\nn_epochs: 1\n", "test");
    }

    private static List<String> names(Path dir) {
        return Checkpointer.list(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void writesEveryNthUpdateKeepsTheLastKAndIgnoresCutWrites() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".checkpoint-00000099.ckpt123.tmp"), "cut");
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", cfg(), 2, 1)) {
            Checkpointer c = new Checkpointer(dir, s, 2, 3);
            s.trainer().addCallback(c);
            s.learn(32 * 11);
            assertEquals(List.of("checkpoint-00000006.ckpt", "checkpoint-00000008.ckpt", "checkpoint-00000010.ckpt"),
                    names(dir));
            c.save();
            assertEquals("checkpoint-00000011.ckpt", Checkpointer.latest(dir).orElseThrow().getFileName().toString());
            CheckpointFile.Checkpoint last = CheckpointFile.read(Checkpointer.latest(dir).orElseThrow());
            assertEquals(11, last.iterations());
            assertEquals(32 * 11, last.timesteps());
            assertArrayEquals(s.policy().parameters(), last.state().doubles("policy/parameters", -1));
        }
        assertTrue(Checkpointer.latest(tmp.resolve("nothing")).isEmpty());
    }

    @Test
    void stopRequestWritesACheckpointAndStops() {
        Path dir = tmp.resolve("checkpoints");
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", cfg(), 2, 1)) {
            Checkpointer c = new Checkpointer(dir, s, 100, 1);
            s.trainer().addCallback(c).addCallback(new Callback() {
                @Override
                public boolean afterUpdate(Trainer t, Map<String, Double> m) {
                    if (t.iterations() == 3) {
                        c.requestStop();
                    }
                    return true;
                }
            });
            s.learn(32 * 10);
            assertTrue(c.stopped());
            assertEquals(4, s.trainer().iterations());
            assertEquals(List.of("checkpoint-00000004.ckpt"), names(dir));
        }
    }

    @Test
    void restoreRefusesAnotherRunsCheckpoint() {
        CheckpointFile.Checkpoint other;
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", cfg(), 2, 1)) {
            s.learn(32);
            other = s.checkpoint();
        }
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", cfg(), 3, 1)) {
            assertEquals("c.ckpt: checkpoint of ppo on CartPole-v1 (seed 2, 2 envs) does not belong to this run (ppo on "
                    + "CartPole-v1, seed 3, 2 envs)", assertThrows(IllegalArgumentException.class,
                    () -> s.restore(other, "c.ckpt")).getMessage());
        }
    }

    @Test
    void invalidSettingsAreRefused() {
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", cfg(), 2, 1)) {
            assertEquals("checkpoint frequency must be at least 1 update, got 0", assertThrows(
                    IllegalArgumentException.class, () -> new Checkpointer(tmp, s, 0, 1)).getMessage());
            assertEquals("the number of checkpoints to keep must be at least 1, got 0", assertThrows(
                    IllegalArgumentException.class, () -> new Checkpointer(tmp, s, 1, 0)).getMessage());
        }
    }

    @Test
    void latestReadableSkipsCorruptedNewerCheckpointsAndReportsThem() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        try (TrainingSetup s = Algorithms.build("ppo", "CartPole-v1", cfg(), 2, 1)) {
            Checkpointer c = new Checkpointer(dir, s, 1, 3);
            s.trainer().addCallback(c);
            s.learn(32 * 3);
        }
        List<Path> all = Checkpointer.list(dir);
        assertEquals(3, all.size());
        for (Path newer : all.subList(1, 3)) {
            byte[] b = Files.readAllBytes(newer);
            b[b.length / 2] ^= 1;
            Files.write(newer, b);
        }
        List<String> skipped = new java.util.ArrayList<>();
        Checkpointer.Readable r = Checkpointer.latestReadable(dir, skipped::add).orElseThrow();
        assertEquals(all.get(0), r.file());
        assertEquals(1, r.checkpoint().iterations());
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith(all.get(2) + ": corrupted checkpoint (CRC32 is "), skipped.get(0));
        assertTrue(skipped.get(0).endsWith("; using the older checkpoint-00000001.ckpt"), skipped.get(0));

        byte[] b = Files.readAllBytes(all.get(0));
        b[b.length / 2] ^= 1;
        Files.write(all.get(0), b);
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpointer.latestReadable(dir, x -> { }));
        assertTrue(e.getMessage().startsWith(dir + ": no readable checkpoint (" + all.get(2) + ": corrupted"),
                e.getMessage());
        assertTrue(Checkpointer.latestReadable(tmp.resolve("none"), x -> { }).isEmpty());
    }
}
