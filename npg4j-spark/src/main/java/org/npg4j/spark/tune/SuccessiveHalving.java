package org.npg4j.spark.tune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Successive halving (Jamieson and Talwalkar 2016) with ASHA's promotion rule (Li et al. 2020): rung k of
 * {@code rungs} trains to {@code budget·η^-(rungs-1-k)} env steps (the last rung is the full budget), and a trial
 * at rung k goes on to rung k+1 when its score is among the best {@code max(1, ⌊n_k/η⌋)} of the n_k trials that
 * reached rung k so far (at least one, as Optuna's pruner, so that a small study still finishes a trial).
 *
 * <p>ASHA promotes as soon as a worker is free, so which trial is promoted depends on which finished first. Here the
 * promotions are made synchronously, between Spark stages, from every result recorded so far: the outcome does not
 * depend on task completion order or on the number of executors.
 *
 * @param budget env steps of a full trial
 * @param eta    the reduction factor η ≥ 2
 * @param rungs  the number of rungs (1: no pruning)
 */
public record SuccessiveHalving(long budget, int eta, int rungs) implements Serializable {
    public SuccessiveHalving {
        if (eta < 2) {
            throw new IllegalArgumentException("--eta must be at least 2, got " + eta);
        }
        if (rungs < 1) {
            throw new IllegalArgumentException("--rungs must be at least 1, got " + rungs);
        }
        if (budget < 1) {
            throw new IllegalArgumentException("--budget must be positive, got " + budget);
        }
    }

    /** The env steps of each rung, increasing: round(budget·η^-(rungs-1-k)), the last one the budget. */
    public long[] budgets() {
        long[] b = new long[rungs];
        for (int k = 0; k < rungs; k++) {
            b[k] = Math.round(budget * Math.pow(eta, -(rungs - 1 - k)));
        }
        b[rungs - 1] = budget;
        return b;
    }

    /** How many of n trials at a rung may be promoted: max(1, ⌊n/η⌋) (none of none). */
    public int quota(int n) {
        return n == 0 ? 0 : Math.max(1, n / eta);
    }

    /**
     * The trials to promote from a rung: the best {@link #quota} of {@code scores} (trial → score at that rung; higher
     * is better, NaN worst, ties to the lower trial number) that are not in {@code promoted} already, in trial order.
     */
    public List<Integer> promotions(Map<Integer, Double> scores, Set<Integer> promoted) {
        List<Integer> ranked = new ArrayList<>(scores.keySet());
        ranked.sort(Comparator.comparing((Integer t) -> {
            double s = scores.get(t);
            return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
        }, Comparator.reverseOrder()).thenComparing(Comparator.naturalOrder()));
        List<Integer> out = new ArrayList<>();
        for (Integer t : ranked.subList(0, quota(ranked.size()))) {
            if (!promoted.contains(t)) {
                out.add(t);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
