package org.npg4j.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.npg4j.cli.Main;
import org.npg4j.env.Envs;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;

/**
 * A suite of {@code npg4j bench}: rows of (algorithm, env, budget, target) each run for some seeds, read from YAML
 * (the shipped {@code bench/quick.yaml}, {@code bench/full.yaml} and {@code bench/mujoco.yaml}, whose comments document
 * the keys, or a file of the same format).
 */
record BenchSuite(String name, List<BenchSuite.Row> rows) {
    static final List<String> SHIPPED = List.of("quick", "full", "mujoco");

    /** How a row's target is judged over its seeds (a single run meets it when its final eval reaches it). */
    enum TargetKind {
        /** At least {@code minFraction} of the seeds reach the target (0.8: 4 of 5). */
        SEEDS,
        /** The mean over seeds of the final eval reaches the target. */
        MEAN,
        /**
         * The mean over at least {@link #MIN_REFERENCE_SEEDS} seeds reaches the lower end of the 95% confidence
         * interval of the mean of reference runs ({@link BenchReferenceRuns}): not below them beyond chance.
         */
        REFERENCE,
        /**
         * The mean over seeds reaches a fraction f of the zoo figure z: z - (1 - f)·|z| (f·z for a positive z; for a
         * negative one the same distance below it).
         */
        ZOO
    }

    /** The default fraction of the zoo figure a {@link TargetKind#ZOO} row must reach. */
    static final double ZOO_FRACTION = 0.8;

    /** Seeds a {@link TargetKind#REFERENCE} row needs before its mean is compared with the reference's interval. */
    static final int MIN_REFERENCE_SEEDS = 10;

    /**
     * One row of the table.
     *
     * @param target      final mean eval return (20 deterministic episodes) to reach
     * @param minFraction for {@link TargetKind#SEEDS}: the fraction of seeds that must reach the target
     * @param zoo         the published figure compared with, if any
     * @param note        printed under the table, empty if none
     * @param reference   for {@link TargetKind#REFERENCE}: the reference runs, whose interval's lower end is the
     *                    target
     * @param zooFraction for {@link TargetKind#ZOO}: the fraction of the zoo figure to reach
     */
    record Row(String algo, String env, long budget, double target, TargetKind targetKind, double minFraction,
               int seeds, Optional<BenchZooFigures.Figure> zoo, String note,
               Optional<BenchReferenceRuns.Reference> reference, double zooFraction) {
        Row(String algo, String env, long budget, double target, TargetKind targetKind, double minFraction,
            int seeds, Optional<BenchZooFigures.Figure> zoo, String note,
            Optional<BenchReferenceRuns.Reference> reference) {
            this(algo, env, budget, target, targetKind, minFraction, seeds, zoo, note, reference, Double.NaN);
        }

        /** {@code algo-env}: the row's name in file names and for {@code --only}. */
        String key() {
            return algo + "-" + env;
        }

        /** Seeds needed to meet a {@link TargetKind#SEEDS} target with n seeds: ⌈minFraction · n⌉ (at least 1). */
        int seedsNeeded(int n) {
            return Math.max(1, (int) Math.ceil(minFraction * n - 1e-9));
        }

        Row withSeeds(int n) {
            return new Row(algo, env, budget, target, targetKind, minFraction, n, zoo, note, reference, zooFraction);
        }

        /** This row trained for {@code steps} instead (a smoke run: its target then says little). */
        Row withBudget(long steps) {
            return new Row(algo, env, steps, target, targetKind, minFraction, seeds, zoo, note, reference,
                    zooFraction);
        }

        /**
         * "≥ 475 in ≥ 4 of 5 seeds", "mean ≥ -100", "mean of ≥ 10 seeds ≥ -59.0 (reference CI)" or
         * "mean ≥ 1,928.3 (80% of zoo)".
         */
        String targetText() {
            return switch (targetKind) {
                case SEEDS -> "≥ " + BenchTable.number(target) + " in ≥ " + seedsNeeded(seeds) + "/" + seeds;
                case MEAN -> "mean ≥ " + BenchTable.number(target);
                case REFERENCE -> "mean of ≥ " + MIN_REFERENCE_SEEDS + " seeds ≥ " + BenchTable.fixed(target, 1)
                        + " (reference CI)";
                case ZOO -> "mean ≥ " + BenchTable.fixed(target, 1) + " (" + BenchTable.number(zooFraction * 100)
                        + "% of zoo)";
            };
        }
    }

    /**
     * The suite named {@code quick} or {@code full}, or the YAML file at that path.
     *
     * @throws IllegalArgumentException for an unknown name or a malformed file, naming the key and the value found
     */
    static BenchSuite load(String nameOrFile, BenchZooFigures zoo) {
        if (SHIPPED.contains(nameOrFile)) {
            String resource = "bench/" + nameOrFile + ".yaml";
            try (InputStream in = BenchSuite.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                return parse(nameOrFile, new String(in.readAllBytes(), StandardCharsets.UTF_8), zoo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown suite '" + nameOrFile + "' (expected quick, full, mujoco, safe or a "
                    + "suite YAML file)");
        }
        try {
            return parse(file.toString(), Files.readString(file), zoo);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + Main.oneLine(e) + ")");
        }
    }

    static BenchSuite parse(String name, String yaml, BenchZooFigures zoo) {
        JsonNode root;
        try {
            root = ConfigLayers.yaml().readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not YAML (" + Main.oneLine(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a mapping with seeds and rows");
        }
        int seeds = positiveInt(root, "seeds", name);
        JsonNode rows = root.path("rows");
        if (!rows.isArray() || rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": 'rows' must be a non-empty list, got " + rows);
        }
        List<Row> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = row(rows.get(i), seeds, name + ": row " + (i + 1), zoo);
            if (!keys.add(r.key())) {
                throw new IllegalArgumentException(name + ": row " + (i + 1) + " repeats " + r.algo() + " on "
                        + r.env());
            }
            out.add(r);
        }
        return new BenchSuite(name, List.copyOf(out));
    }

    private static final Set<String> ROW_KEYS = Set.of("algo", "env", "budget", "target", "target_kind",
            "min_fraction", "zoo", "seeds", "note", "reference", "zoo_fraction");

    private static Row row(JsonNode n, int suiteSeeds, String where, BenchZooFigures zoo) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + ": expected a mapping, got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ROW_KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'");
            }
        }
        String algo = text(n, "algo", where);
        String env = text(n, "env", where);
        try {
            Algorithms.defaults(algo);
            Envs.spec(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + Main.oneLine(e));
        }
        double budget = number(n, "budget", where);
        if (!(budget >= 1) || budget != Math.rint(budget)) {
            throw new IllegalArgumentException(where + ": budget must be a positive integer, got " + n.get("budget"));
        }
        TargetKind kind = switch (text(n, "target_kind", where)) {
            case "seeds" -> TargetKind.SEEDS;
            case "mean" -> TargetKind.MEAN;
            case "reference" -> TargetKind.REFERENCE;
            case "zoo" -> TargetKind.ZOO;
            default -> throw new IllegalArgumentException(where + ": target_kind must be seeds, mean, reference or "
                    + "zoo, got '" + n.get("target_kind").asText() + "'");
        };
        if (n.has("zoo_fraction") && kind != TargetKind.ZOO) {
            throw new IllegalArgumentException(where + ": 'zoo_fraction' needs target_kind zoo");
        }
        Optional<BenchReferenceRuns.Reference> reference = Optional.empty();
        double target;
        if (kind == TargetKind.REFERENCE) {
            if (n.has("target")) {
                throw new IllegalArgumentException(where + ": target_kind reference takes its target from the "
                        + "reference runs; remove 'target'");
            }
            String key = text(n, "reference", where);
            BenchReferenceRuns.Reference ref = BenchReferenceRuns.shipped().find(key).orElseThrow(
                    () -> new IllegalArgumentException(where + ": reference '" + key + "' not in "
                            + BenchReferenceRuns.RESOURCE + " (have: "
                            + String.join(", ", BenchReferenceRuns.shipped().keys()) + ")"));
            if (ref.budget() != (long) budget) {
                throw new IllegalArgumentException(where + ": reference '" + key + "' trained "
                        + ref.budget() + " steps, the row's budget is " + (long) budget);
            }
            reference = Optional.of(ref);
            target = ref.lowerBound();
        } else {
            if (n.has("reference")) {
                throw new IllegalArgumentException(where + ": 'reference' needs target_kind reference");
            }
            target = kind == TargetKind.ZOO ? Double.NaN : number(n, "target", where);
        }
        double fraction = n.has("min_fraction") ? number(n, "min_fraction", where) : 0.8;
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(where + ": min_fraction must be in (0, 1], got " + fraction);
        }
        int seeds = n.has("seeds") ? positiveInt(n, "seeds", where) : suiteSeeds;
        Optional<BenchZooFigures.Figure> figure = Optional.empty();
        if (n.has("zoo")) {
            String key = text(n, "zoo", where);
            figure = zoo.find(key);
            if (figure.isEmpty()) {
                throw new IllegalArgumentException(where + ": zoo figure '" + key + "' not in "
                        + BenchZooFigures.RESOURCE);
            }
        }
        double zooFraction = Double.NaN;
        if (kind == TargetKind.ZOO) {
            if (n.has("target")) {
                throw new IllegalArgumentException(where + ": target_kind zoo takes its target from the zoo figure; "
                        + "remove 'target'");
            }
            if (figure.isEmpty()) {
                throw new IllegalArgumentException(where + ": target_kind zoo needs 'zoo', the figure to compare with");
            }
            zooFraction = n.has("zoo_fraction") ? number(n, "zoo_fraction", where) : ZOO_FRACTION;
            if (!(zooFraction > 0 && zooFraction <= 1)) {
                throw new IllegalArgumentException(where + ": zoo_fraction must be in (0, 1], got " + zooFraction);
            }
            double z = figure.get().mean();
            target = z - (1 - zooFraction) * Math.abs(z);
        }
        String note = n.has("note") ? text(n, "note", where) : "";
        return new Row(algo, env, (long) budget, target, kind, fraction, seeds, figure, note, reference, zooFraction);
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.path(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a string, got " + describe(v));
        }
        return v.asText();
    }

    private static double number(JsonNode n, String key, String where) {
        JsonNode v = n.path(key);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(where + ": '" + key + "' must be a number, got " + describe(v));
    }

    private static int positiveInt(JsonNode n, String key, String where) {
        JsonNode v = n.path(key);
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 1000) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be an integer from 1 to 1000, got "
                    + describe(v));
        }
        return v.asInt();
    }

    private static String describe(JsonNode v) {
        return v.isMissingNode() ? "nothing" : v.toString();
    }

    /** The rows whose key ({@code algo-env}) contains a match of the regex. */
    BenchSuite only(java.util.regex.Pattern p) {
        List<Row> keep = rows.stream().filter(r -> p.matcher(r.key()).find()).toList();
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("--only '" + p + "' matches no row of suite " + name + " (rows: "
                    + String.join(", ", rows.stream().map(Row::key).toList()) + ")");
        }
        return new BenchSuite(name, keep);
    }

    /** Every row trained for {@code steps} ({@code --budget}). */
    BenchSuite withBudget(long steps) {
        return new BenchSuite(name, rows.stream().map(r -> r.withBudget(steps)).toList());
    }

    /** Every row with n seeds ({@code --seeds}). */
    BenchSuite withSeeds(int n) {
        return new BenchSuite(name, rows.stream().map(r -> r.withSeeds(n)).toList());
    }

    int runCount() {
        return rows.stream().mapToInt(Row::seeds).sum();
    }
}
