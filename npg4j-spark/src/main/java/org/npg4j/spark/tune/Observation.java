package org.npg4j.spark.tune;

import java.util.Comparator;
import java.util.Map;

/**
 * What a sampler learns from one trial: its point, the highest rung it reached and its score there (mean evaluation
 * return, higher is better).
 *
 * @param trial the trial number (ties are broken by it, so the order never depends on anything else)
 * @param point the sampled values, by parameter name
 * @param rung  the highest rung reached, from 0
 * @param score the mean return of the evaluation at that rung
 */
public record Observation(int trial, Map<String, Object> point, int rung, double score) {
    /**
     * Best first: a trial that got further is better than one pruned earlier (as Optuna ranks pruned trials by the
     * step they reached); at the same rung the higher score; NaN scores last; then the trial number.
     */
    public static final Comparator<Observation> BEST_FIRST = Comparator
            .comparingInt((Observation o) -> -o.rung())
            .thenComparing((Observation o) -> Double.isNaN(o.score()) ? Double.NEGATIVE_INFINITY : o.score(),
                    Comparator.reverseOrder())
            .thenComparingInt(Observation::trial);
}
