package org.npg4j.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The C-TRPO authors' own training runs ({@code bench/ctrpo_authors_runs.csv}): per (env, algorithm, budget) five
 * seeds' training return, training cost and cumulative violation at 10⁶, 2·10⁶ and 10⁷ steps, measured as their
 * code logs them. The {@code safe} suite's budgets are a fraction of the paper's 10⁷, so these, not the paper's final
 * table, are what a run of the same budget compares with.
 */
final class AuthorsRuns {
    static final String RESOURCE = "bench/ctrpo_authors_runs.csv";

    /** One seed of the authors' at one budget. */
    record Seed(long seed, double ret, double cost, double cumulativeViolation) {
    }

    private static AuthorsRuns shipped;

    private final Map<String, List<Seed>> runs;

    private AuthorsRuns(Map<String, List<Seed>> runs) {
        this.runs = runs;
    }

    /** The runs shipped with the command. */
    static synchronized AuthorsRuns shipped() {
        if (shipped == null) {
            shipped = parse(ShippedText.read(RESOURCE));
        }
        return shipped;
    }

    /** Parses the CSV: {@code #} comments, a header, then {@code env,algo,steps,seed,return,cost,cumulative_violation}. */
    static AuthorsRuns parse(String csv) {
        Map<String, List<Seed>> runs = new LinkedHashMap<>();
        boolean header = true;
        int line = 0;
        for (String l : csv.split("\n")) {
            line++;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = l.strip().split(",");
            if (f.length != 7) {
                throw new IllegalArgumentException(RESOURCE + " line " + line + ": expected 7 fields, found " + f.length);
            }
            runs.computeIfAbsent(key(f[1], f[0], Long.parseLong(f[2])), k -> new ArrayList<>()).add(new Seed(
                    Long.parseLong(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6])));
        }
        return new AuthorsRuns(runs);
    }

    private static String key(String algo, String env, long steps) {
        return algo + "|" + env + "|" + steps;
    }

    /** The authors' seeds of {@code algo} on {@code env} at exactly {@code steps} steps, if they logged that budget. */
    Optional<List<Seed>> at(String algo, String env, long steps) {
        return Optional.ofNullable(runs.get(key(algo, env, steps))).map(List::copyOf);
    }
}
