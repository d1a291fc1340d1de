package org.npg4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.npg4j.io.AtomicFiles;

/**
 * Writes metrics as CSV, one row per update, the SB3 keys as columns, flushed after every row. When a row brings
 * a key not seen before, the file is rewritten atomically with the wider header (earlier rows get empty cells).
 */
public final class CsvLogger implements MetricsLogger {
    private final Path file;
    private final LinkedHashSet<String> columns = new LinkedHashSet<>();
    private final List<Map<String, Double>> rows = new ArrayList<>();
    private BufferedWriter out;

    public CsvLogger(Path file) {
        this.file = file;
    }

    @Override
    public void record(Map<String, Double> row) {
        rows.add(Map.copyOf(row));
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
        for (Map<String, Double> r : rows) {
            sb.append(line(r));
        }
        AtomicFiles.writeString(file, sb.toString());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private String line(Map<String, Double> row) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String c : columns) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Double v = row.get(c);
            if (v != null) {
                sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : String.format(Locale.ROOT, "%.10g", v));
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
