package org.npg4j.spark.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Proposes the points of the next trials from the trials observed so far. */
public interface Sampler {
    /**
     * {@code count} new points; a pure function of its arguments, so a study with the same seed proposes the same
     * trials.
     */
    List<Map<String, Object>> suggest(SearchSpace space, List<Observation> history, int count, SplittableRandom rng);

    /** Uniform draws (log-uniform ranges in log space), ignoring the history. */
    static Sampler random() {
        return (space, history, count, rng) -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(space.sample(rng));
            }
            return out;
        };
    }
}
