package org.npg4j.tensorboard;

import org.npg4j.algo.MetricKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.npg4j.tensorboard.proto.Event;
import org.npg4j.tensorboard.proto.Summary;
import org.npg4j.train.MetricsLogger;

/**
 * Writes each metrics row as one TensorBoard event in {@code events.out.tfevents.<seconds>.<host>} inside a
 * directory (a run directory: {@code tensorboard --logdir runs/} then shows every run), with the keys of
 * {@code metrics.csv} as tags, so that TensorBoard groups them as SB3's logger does ({@code rollout/}, {@code train/},
 * {@code time/}). The step of a row is its {@value #STEP_KEY} (the environment steps so far, SB3's x axis), or the
 * number of rows logged before it when the row has no such key.
 *
 * <p>Values are stored as float32 ({@code simple_value}, what TensorBoard's scalar plugin and PyTorch's
 * {@code SummaryWriter} use): the CSV keeps full precision. Every row is flushed as a whole record. A resumed run
 * starts a new file in the same directory (see {@code docs/tensorboard.md} for the rows it logs again).
 */
public final class TensorBoardLogger implements MetricsLogger {
    /** The key whose value is the event's step. */
    public static final String STEP_KEY = MetricKeys.TOTAL_TIMESTEPS;
    private static final String PREFIX = "events.out.tfevents.";

    private final EventFileWriter writer;
    private long rows;

    /** Starts a new event file in {@code directory} (created if missing). */
    public TensorBoardLogger(Path directory) {
        double now = System.currentTimeMillis() / 1000.0;
        String base = PREFIX + (long) now + "." + hostName();
        try {
            Files.createDirectories(directory);
            EventFileWriter w = null;
            for (int k = 1; w == null; k++) {
                try {
                    w = new EventFileWriter(directory.resolve(k == 1 ? base : base + "." + k), now);
                } catch (FileAlreadyExistsException e) {
                    // Two loggers started within the same second: the second file gets a suffix.
                }
            }
            writer = w;
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": cannot create a TensorBoard event file ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The event file being written. */
    public Path file() {
        return writer.file();
    }

    @Override
    public void record(Map<String, Double> row) {
        Double step = row.get(STEP_KEY);
        Summary.Builder summary = Summary.newBuilder();
        row.forEach((tag, v) -> {
            if (v != null) {
                summary.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(v.floatValue()));
            }
        });
        Event event = Event.newBuilder()
                .setWallTime(System.currentTimeMillis() / 1000.0)
                .setStep(step != null ? step.longValue() : rows)
                .setSummary(summary)
                .build();
        rows++;
        try {
            writer.write(event);
        } catch (IOException e) {
            throw new UncheckedIOException(writer.file() + ": cannot write a TensorBoard event (" + e.getMessage()
                    + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(writer.file() + ": cannot close (" + e.getMessage() + ")", e);
        }
    }

    /** The host name as in TensorFlow's file names, reduced to characters safe in a file name. */
    private static String hostName() {
        String h;
        try {
            h = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            h = "localhost";
        }
        String safe = h.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }
}
