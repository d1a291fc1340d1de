package org.npg4j.spark;

import java.io.Serializable;

/**
 * What a finished run reports to the driver: its identity and the final deterministic evaluation.
 *
 * @param id          the run id (its directory name)
 * @param group       its configuration without the seed
 * @param seed        its seed
 * @param evalMean    mean return over the evaluation episodes
 * @param evalStd     standard deviation of the return
 * @param timesteps   env steps trained
 * @param wallSeconds training and evaluation time
 */
public record RunSummary(String id, String group, long seed, double evalMean, double evalStd, long timesteps,
                         double wallSeconds) implements Serializable {
    /** One CSV row, in the column order of {@link #HEADER}. */
    public String csv() {
        return csvField(id) + "," + csvField(group) + "," + seed + "," + evalMean + "," + evalStd + "," + timesteps
                + "," + String.format(java.util.Locale.ROOT, "%.3f", wallSeconds);
    }

    public static final String HEADER = "id,group,seed,eval_mean,eval_std,timesteps,wall_seconds";

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
