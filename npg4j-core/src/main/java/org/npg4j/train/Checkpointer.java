package org.npg4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.npg4j.io.CheckpointFile;

/**
 * Writes a run's checkpoints ({@code docs/checkpoint-format.md}) into a directory: after every {@code every}-th
 * update, on request (Ctrl-C), and at the end ({@link #save}); each file {@code checkpoint-<updates>.ckpt} is
 * written atomically and only the last {@code keep} are kept. Writing a checkpoint does not change the run.
 *
 * <p>{@link #requestStop} may be called from any thread (a signal handler): after the update in progress the
 * checkpoint is written and training stops.
 */
public final class Checkpointer implements Callback {
    /** The name of the checkpoint directory in a run directory. */
    public static final String DIRECTORY = "checkpoints";
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{1,18})\\.ckpt");

    private final Path dir;
    private final TrainingSetup setup;
    private final int every;
    private final int keep;
    private volatile boolean stopRequested;
    private boolean stopped;
    private long lastSaved = -1;

    /**
     * @param dir   the checkpoint directory (created if needed)
     * @param every write after every {@code every}-th update (≥ 1)
     * @param keep  how many of the latest checkpoints to keep (≥ 1)
     */
    public Checkpointer(Path dir, TrainingSetup setup, int every, int keep) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint frequency must be at least 1 update, got " + every);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("the number of checkpoints to keep must be at least 1, got " + keep);
        }
        this.dir = dir;
        this.setup = setup;
        this.every = every;
        this.keep = keep;
    }

    /** Asks training to stop after the current update, with a checkpoint (thread-safe). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether training was stopped by {@link #requestStop}. */
    public boolean stopped() {
        return stopped;
    }

    @Override
    public boolean afterUpdate(Trainer trainer, Map<String, Double> metrics) {
        if (stopRequested) {
            save();
            stopped = true;
            return false;
        }
        if (trainer.iterations() % every == 0) {
            save();
        }
        return true;
    }

    /** Writes a checkpoint of the current state (unless one of this update exists) and returns its file. */
    public Path save() {
        long it = setup.trainer().iterations();
        Path file = dir.resolve(String.format(Locale.ROOT, "checkpoint-%08d.ckpt", it));
        if (lastSaved != it) {
            CheckpointFile.write(file, setup.checkpoint());
            lastSaved = it;
            prune();
        }
        return file;
    }

    private void prune() {
        List<Path> all = list(dir);
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(all.get(i) + ": cannot delete an old checkpoint (" + e.getMessage() + ")",
                        e);
            }
        }
    }

    /** The checkpoint files of a directory by increasing update count (temporary files of a cut write excluded). */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>(s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .toList());
            files.sort(Comparator.comparingLong(Checkpointer::updates));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
    }

    /** The latest checkpoint of a directory, if any. */
    public static Optional<Path> latest(Path dir) {
        List<Path> all = list(dir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** A checkpoint file and its decoded content. */
    public record Readable(Path file, CheckpointFile.Checkpoint checkpoint) {
    }

    /**
     * The newest checkpoint of a directory that reads back intact (signature, lengths and CRC32 checked): a
     * checkpoint corrupted on disk must not block a resume when older good ones exist. Each newer checkpoint that is
     * skipped is reported to {@code skipped} with the reason and the file used instead.
     */
    public static Optional<Readable> latestReadable(Path dir, java.util.function.Consumer<String> skipped) {
        List<Path> all = list(dir);
        List<String> reasons = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                Readable r = new Readable(all.get(i), CheckpointFile.read(all.get(i)));
                for (String reason : reasons) {
                    skipped.accept(reason + "; using the older " + r.file().getFileName());
                }
                return Optional.of(r);
            } catch (IllegalArgumentException e) {
                reasons.add(e.getMessage());
            }
        }
        if (!reasons.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no readable checkpoint (" + reasons.get(0) + ")");
        }
        return Optional.empty();
    }

    private static long updates(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p + " is not a checkpoint file name");
        }
        return Long.parseLong(m.group(1));
    }
}
