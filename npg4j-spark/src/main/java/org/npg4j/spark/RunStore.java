package org.npg4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.npg4j.train.RunSummary;

/**
 * Where a sweep's run directories and results live: a local (or shared, mounted) directory, or any Hadoop-compatible
 * filesystem named by a URI ({@code hdfs://nn/sweeps}, {@code s3a://bucket/sweeps}, {@code file:///tmp/sweeps}).
 * Either way a run directory is published complete or not at all: it is written elsewhere first and renamed into
 * place (atomic on local filesystems and HDFS; object stores such as S3 have no atomic rename, see
 * docs/distributed.md).
 */
interface RunStore extends Serializable {
    Pattern URI = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    /** A plain path is a local directory; a URI with a scheme goes through Hadoop's FileSystem API. */
    static RunStore of(String out) {
        return URI.matcher(out).matches() ? new HadoopRunStore(out) : new LocalRunStore(Path.of(out).toAbsolutePath().toString());
    }

    /** Creates the output directory if needed. */
    void init();

    /** The recorded summary of run {@code id}, or null when its directory is absent (or incomplete). */
    RunSummary readSummary(String id);

    /** The text of file {@code name} in the complete run directory {@code id}, or null when there is none. */
    String readRunFile(String id, String name);

    /** A fresh local directory to train run {@code id} into. */
    Path newWorkDirectory(String id);

    /**
     * Moves the finished local directory into place as run {@code id}; returns false (and discards it) when another
     * attempt published the run first.
     */
    boolean publish(Path work, String id);

    /** Writes a small text file at the top of the output, atomically. */
    void writeText(String name, String text);

    /** The text of a file at the top of the output, or null when there is none. */
    String readText(String name);

    /** Creates an empty marker file; returns false when it already existed. */
    boolean createMarker(String name);

    /** Whether a file exists at the top of the output (an executor checks that it sees the driver's marker). */
    boolean exists(String name);

    /** Deletes a file at the top of the output, if it exists. */
    void delete(String name);

    /**
     * Deletes the hidden {@code .tmp-*} work directories of runs that never finished (a killed task leaves one
     * behind); call it only when no task of this output is running. Returns how many were deleted.
     */
    int deleteStaleWork();

    /** The output as a local directory, when it is one (for reports that read run directories locally). */
    Path localRoot();

    /** The parsed summary.json text. */
    static RunSummary parseSummary(String json, String where) {
        return RunSummary.parse(json, where);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
