package org.npg4j.bench.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The published rl-baselines3-zoo figures that {@code npg4j bench} compares with: the table of
 * {@code bench/zoo_benchmark.md} (a copy of the project's anchor file, from the zoo's benchmark.md), one figure per
 * (algorithm, env): mean and standard deviation of the episodic return of the trained agent and its training budget.
 */
final class BenchZooFigures {
    static final String RESOURCE = "bench/zoo_benchmark.md";

    /** One row of the zoo's table; {@code key} is {@code algo/env}. */
    record Figure(String key, double mean, double std, long trainingTimesteps) {
    }

    private final Map<String, Figure> figures;

    private BenchZooFigures(Map<String, Figure> figures) {
        this.figures = figures;
    }

    /** The figures shipped with the command. */
    static BenchZooFigures shipped() {
        try (InputStream in = BenchZooFigures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the markdown table whose header starts {@code |algo|env|mean return|std|training timesteps|}; other
     * lines are ignored.
     */
    static BenchZooFigures parse(String markdown) {
        Map<String, Figure> m = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("|")) {
                inTable = false;
                continue;
            }
            String[] c = cells(t);
            if (c.length >= 5 && c[0].equals("algo") && c[1].equals("env") && c[2].equals("mean return")
                    && c[3].equals("std") && c[4].equals("training timesteps")) {
                inTable = true;
                continue;
            }
            if (!inTable || c[0].startsWith("-")) {
                continue;
            }
            if (c.length < 5) {
                throw new IllegalArgumentException("zoo figures: row has " + c.length + " cells: " + t);
            }
            String key = c[0] + "/" + c[1];
            try {
                m.put(key, new Figure(key, Double.parseDouble(c[2]), Double.parseDouble(c[3]), steps(c[4])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("zoo figures: not a number in row " + t);
            }
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("zoo figures: no table with the header |algo|env|mean return|std|"
                    + "training timesteps|");
        }
        return new BenchZooFigures(m);
    }

    private static String[] cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        String[] c = inner.split("\\|", -1);
        for (int i = 0; i < c.length; i++) {
            c[i] = c[i].strip();
        }
        return c;
    }

    /** "500k" → 500,000; "1M" → 1,000,000; a plain number as is. */
    static long steps(String s) {
        double scale = 1;
        String n = s;
        if (s.endsWith("k")) {
            scale = 1e3;
            n = s.substring(0, s.length() - 1);
        } else if (s.endsWith("M")) {
            scale = 1e6;
            n = s.substring(0, s.length() - 1);
        }
        return Math.round(Double.parseDouble(n) * scale);
    }

    /** The figure of {@code algo/env}, if the zoo publishes one. */
    Optional<Figure> find(String key) {
        return Optional.ofNullable(figures.get(key));
    }

    Map<String, Figure> all() {
        return figures;
    }
}
