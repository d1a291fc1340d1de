package org.npg4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void writesReplaceAndLeaveNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/run/config.json");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList(), "only the target remains");
        }
    }

    @Test
    void unwritableTargetNamesTheFile(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("child.json");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeString(target, "y"));
        assertTrue(e.getMessage().startsWith(target + ": cannot write"), e.getMessage());
    }

    @Test
    void suggestionsRankByEditDistance() {
        assertEquals(List.of("CartPole-v1", "Acrobot-v1"),
                Suggestions.closest("cartpole-v0", List.of("Pendulum-v1", "Acrobot-v1", "CartPole-v1"), 2));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(4, Suggestions.distance("", "abcd"));
        assertEquals(1, Suggestions.distance("learning_rat", "learning_rate"));
    }
}
