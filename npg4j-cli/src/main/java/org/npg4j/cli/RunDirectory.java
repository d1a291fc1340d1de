package org.npg4j.cli;

import org.npg4j.train.FinalEvaluation;
import org.npg4j.algo.MetricKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.npg4j.util.JsonInput;
import org.npg4j.train.ConfigLayers;

/**
 * What {@code npg4j report} reads from a run directory written by {@code npg4j train}: the algorithm, env, seed and
 * cost limit from {@code config.yaml}, every column of {@code metrics.csv} (an empty cell is NaN), and the final
 * evaluation from {@code eval.json} when the run finished. Public because {@code npg4j bench} (npg4j-bench) reads the
 * run directories of its children with it.
 *
 * @param costLimit {@code cost_limit} of the configuration (top level or under {@code hyperparams}; of a list, the
 *                  first constraint's), else the last logged {@code safety/cost_limit}, NaN if none
 * @param metrics   column name → one value per logged update, in file order
 */
public record RunDirectory(Path dir, String algo, String env, long seed, double costLimit, Map<String, double[]> metrics,
                    Optional<Evaluation> evaluation) {
    public static final String TIMESTEPS = MetricKeys.TOTAL_TIMESTEPS;
    static final String TIME_ELAPSED = MetricKeys.TIME_ELAPSED;

    /**
     * The headline evaluation of eval.json ({@link FinalEvaluation}): mean and standard deviation of the return, and
     * on an env with costs the mean episode cost of each constraint over the same episodes, with the run's limits and
     * whether each is met.
     *
     * @param policy    "deterministic" or "stochastic"
     * @param meanCosts one per cost signal; empty without costs
     * @param limits    one per cost signal; empty for an unconstrained run
     */
    public record Evaluation(double meanReturn, double stdReturn, int episodes, String policy, double[] meanCosts,
                             double[] limits) {
        /** Whether every constraint is met, J_{c_i} ≤ b_i; empty without limits. */
        public Optional<Boolean> constraintsMet() {
            if (limits.length == 0 || limits.length != meanCosts.length) {
                return Optional.empty();
            }
            for (int i = 0; i < limits.length; i++) {
                if (!(meanCosts[i] <= limits[i])) {
                    return Optional.of(false);
                }
            }
            return Optional.of(true);
        }
    }

    /** Reads a run directory; a missing directory or file fails with a one-line message naming it. */
    public static RunDirectory read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such run directory");
        }
        Path csv = dir.resolve("metrics.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(dir + ": run directory has no metrics.csv");
        }
        Path cfg = dir.resolve("config.yaml");
        if (!Files.isRegularFile(cfg)) {
            throw new IllegalArgumentException(dir + ": run directory has no config.yaml");
        }
        JsonNode config;
        try {
            config = ConfigLayers.yaml().readTree(Files.readString(cfg));
        } catch (IOException e) {
            throw new IllegalArgumentException(cfg + ": cannot read (" + Main.oneLine(e) + ")");
        }
        String algo = text(config, "algo", cfg);
        String env = text(config, "env", cfg);
        long seed = config.path("seed").asLong(0);
        double costLimit = Double.NaN;
        for (JsonNode n : List.of(config.path("cost_limit"), config.path("hyperparams").path("cost_limit"))) {
            if (n.isNumber()) {
                costLimit = n.asDouble();
            } else if (n.isArray() && n.size() > 0 && n.get(0).isNumber()) {
                costLimit = n.get(0).asDouble(); // one limit per constraint: the first constraint's
            }
        }
        Map<String, double[]> metrics = readCsv(csv);
        if (Double.isNaN(costLimit)) {
            // A run whose configuration does not name its limit may still have logged it.
            double[] logged = metrics.get(MetricKeys.COST_LIMIT);
            for (int i = logged == null ? -1 : logged.length - 1; i >= 0 && Double.isNaN(costLimit); i--) {
                costLimit = Double.isFinite(logged[i]) ? logged[i] : Double.NaN;
            }
        }
        if (!metrics.containsKey(TIMESTEPS)) {
            throw new IllegalArgumentException(csv + ": no column " + TIMESTEPS);
        }
        return new RunDirectory(dir, algo, env, seed, costLimit, metrics, readEvaluation(dir.resolve("eval.json")));
    }

    private static String text(JsonNode config, String key, Path file) {
        JsonNode n = config.path(key);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(file + ": missing key '" + key + "'");
        }
        return n.asText();
    }

    private static Optional<Evaluation> readEvaluation(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JsonInput.mapper().readTree(Files.readString(file));
            if (!n.path("mean_return").isNumber() || !n.path("std_return").isNumber()) {
                throw new IllegalArgumentException(file + ": missing mean_return or std_return");
            }
            // eval.json before the headline policy was recorded: the deterministic evaluation.
            String policy = n.path("policy").asText(n.path("deterministic").asBoolean(true) ? "deterministic"
                    : "stochastic");
            return Optional.of(new Evaluation(n.get("mean_return").asDouble(), n.get("std_return").asDouble(),
                    n.path("episodes").asInt(0), policy, numbers(n.path("mean_costs"), file, "mean_costs"),
                    numbers(n.path("cost_limits"), file, "cost_limits")));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + Main.oneLine(e) + ")");
        }
    }

    private static double[] numbers(JsonNode n, Path file, String key) {
        if (n.isMissingNode()) {
            return new double[0];
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(file + ": " + key + " must be a list of numbers");
        }
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new IllegalArgumentException(file + ": " + key + "[" + i + "] is not a number");
            }
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    /** A CSV of numbers with a header row; empty cells are NaN. */
    public static Map<String, double[]> readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + Main.oneLine(e) + ")");
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        if (lines.size() < 2) {
            throw new IllegalArgumentException(file + ": no rows of metrics");
        }
        String[] header = lines.get(0).split(",", -1);
        double[][] cols = new double[header.length][lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + ": line " + (r + 1) + " has " + cells.length
                        + " cells, the header has " + header.length);
            }
            for (int c = 0; c < cells.length; c++) {
                try {
                    cols[c][r - 1] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": line " + (r + 1) + ", column " + header[c]
                            + ": not a number '" + cells[c] + "'");
                }
            }
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            m.put(header[c], cols[c]);
        }
        return m;
    }

    /** The last finite value of a column, NaN if none. */
    public double last(String column) {
        double[] v = metrics.getOrDefault(column, new double[0]);
        for (int i = v.length - 1; i >= 0; i--) {
            if (Double.isFinite(v[i])) {
                return v[i];
            }
        }
        return Double.NaN;
    }
}
