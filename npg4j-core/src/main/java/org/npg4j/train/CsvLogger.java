package org.npg4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.npg4j.util.AtomicFiles;

/**
 * Writes metrics as CSV, one row per update, the SB3 keys as columns, each row written by one flushed write (a
 * killed process leaves whole rows). When a row brings a key not seen before, the file is rewritten atomically with
 * the wider header (earlier rows get empty cells). {@link #resume} continues the file of an interrupted run.
 */
public final class CsvLogger implements MetricsLogger {
    private final Path file;
    private final LinkedHashSet<String> columns = new LinkedHashSet<>();
    /** The rows as their formatted cells, so that a rewrite reproduces them character for character. */
    private final List<Map<String, String>> rows = new ArrayList<>();
    private BufferedWriter out;

    public CsvLogger(Path file) {
        this.file = file;
    }

    /**
     * Continues the metrics of a run resumed after {@code keep} updates: the file is cut to its header and first
     * {@code keep} rows (the rows after the checkpoint will be logged again) and new rows are appended.
     *
     * @throws IllegalArgumentException if the file has fewer than {@code keep} complete rows
     */
    public static CsvLogger resume(Path file, long keep) {
        CsvLogger logger = new CsvLogger(file);
        String text;
        try {
            text = Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read metrics (" + e.getMessage() + ")", e);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // the text after the last newline: empty, or a row cut by a kill
        if (keep == 0 && lines.isEmpty()) {
            return logger;
        }
        if (lines.size() < keep + 1) {
            throw new IllegalArgumentException(file + ": " + Math.max(0, lines.size() - 1) + " complete rows of "
                    + "metrics, the checkpoint is at update " + keep);
        }
        String[] header = lines.get(0).split(",", -1);
        logger.columns.addAll(List.of(header));
        for (int r = 1; r <= keep; r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + ": row " + r + " has " + cells.length + " cells, the header "
                        + header.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.put(header[c], cells[c]);
                }
            }
            logger.rows.add(row);
        }
        try {
            logger.rewrite();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metrics (" + e.getMessage() + ")", e);
        }
        return logger;
    }

    @Override
    public void record(Map<String, Double> values) {
        Map<String, String> row = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                row.put(k, format(v));
            }
        });
        rows.add(row);
        try {
            if (!columns.containsAll(row.keySet())) {
                columns.addAll(row.keySet());
                rewrite();
            } else {
                out.write(line(row));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write metrics (" + e.getMessage() + ")", e);
        }
    }

    private void rewrite() throws IOException {
        if (out != null) {
            out.close();
        }
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, String> r : rows) {
            sb.append(line(r));
        }
        AtomicFiles.writeString(file, sb.toString());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.10g", v);
    }

    private String line(Map<String, String> row) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String c : columns) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            String v = row.get(c);
            if (v != null) {
                sb.append(v);
            }
        }
        return sb.append('\n').toString();
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
