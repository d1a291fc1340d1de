package org.npg4j.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.npg4j.math.StudentT;

/**
 * Reference runs that {@code npg4j bench} can hold a row to: the final evaluations of Stable-Baselines3 / sb3-contrib
 * trained with the zoo preset on several seeds ({@code bench/reference_runs.csv}). Where the zoo publishes a single
 * trained agent, whose ± is over its evaluation episodes, these give the spread over training seeds, which is what a
 * mean over a few npg4j seeds has to be compared with.
 */
final class BenchReferenceRuns {
    static final String RESOURCE = "bench/reference_runs.csv";

    /**
     * The reference runs of one (algorithm, env, budget).
     *
     * @param key         {@code algo/env}
     * @param seeds       the runs' seeds, increasing
     * @param finals      their final eval returns, in the order of {@code seeds}
     * @param mean        mean of the final returns over seeds
     * @param std         sample standard deviation (n - 1)
     * @param ciHalfWidth half-width of the 95% Student-t confidence interval of the mean
     */
    record Reference(String key, long budget, long[] seeds, double[] finals, double mean, double std,
                     double ciHalfWidth) {
        static Reference of(String key, long budget, TreeMap<Long, Double> bySeed) {
            int n = bySeed.size();
            if (n < 2) {
                throw new IllegalArgumentException("reference runs: " + key + " has " + n + " run, need at least 2");
            }
            long[] seeds = bySeed.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] finals = bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = 0;
            for (double f : finals) {
                mean += f;
            }
            mean /= n;
            double ss = 0;
            for (double f : finals) {
                ss += (f - mean) * (f - mean);
            }
            double std = Math.sqrt(ss / (n - 1));
            return new Reference(key, budget, seeds, finals, mean, std, StudentT.quantile975(n - 1) * std / Math.sqrt(n));
        }

        /** The lower end of the confidence interval: a mean of npg4j's seeds at or above it is within chance. */
        double lowerBound() {
            return mean - ciHalfWidth;
        }
    }

    private static BenchReferenceRuns shipped;

    private final Map<String, Reference> references;

    private BenchReferenceRuns(Map<String, Reference> references) {
        this.references = references;
    }

    /** The reference runs shipped with the command. */
    static synchronized BenchReferenceRuns shipped() {
        if (shipped == null) {
            shipped = parse(ShippedText.read(RESOURCE));
        }
        return shipped;
    }

    /** Reads lines {@code algo,env,budget,seed,final_mean} after that header; '#' lines are comments. */
    static BenchReferenceRuns parse(String csv) {
        Map<String, TreeMap<Long, Double>> runs = new LinkedHashMap<>();
        Map<String, Long> budgets = new LinkedHashMap<>();
        boolean header = false;
        int lineNo = 0;
        for (String line : csv.split("\n")) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!t.equals("algo,env,budget,seed,final_mean")) {
                    throw new IllegalArgumentException("reference runs: line " + lineNo
                            + ": expected the header algo,env,budget,seed,final_mean, got " + t);
                }
                header = true;
                continue;
            }
            String[] c = t.split(",", -1);
            if (c.length != 5) {
                throw new IllegalArgumentException("reference runs: line " + lineNo + " has " + c.length
                        + " fields, expected 5: " + t);
            }
            String key = c[0].strip() + "/" + c[1].strip();
            try {
                long budget = Long.parseLong(c[2].strip());
                Long previous = budgets.putIfAbsent(key, budget);
                if (previous != null && previous != budget) {
                    throw new IllegalArgumentException("reference runs: line " + lineNo + ": " + key
                            + " with two budgets, " + previous + " and " + budget);
                }
                long seed = Long.parseLong(c[3].strip());
                if (runs.computeIfAbsent(key, k -> new TreeMap<>()).put(seed, Double.parseDouble(c[4].strip()))
                        != null) {
                    throw new IllegalArgumentException("reference runs: line " + lineNo + ": " + key + " seed "
                            + seed + " twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("reference runs: line " + lineNo + ": not a number in " + t);
            }
        }
        Map<String, Reference> out = new LinkedHashMap<>();
        runs.forEach((k, v) -> out.put(k, Reference.of(k, budgets.get(k), v)));
        return new BenchReferenceRuns(out);
    }

    /** The reference of {@code algo/env}, if there is one. */
    Optional<Reference> find(String key) {
        return Optional.ofNullable(references.get(key));
    }

    List<String> keys() {
        return new ArrayList<>(references.keySet());
    }
}
