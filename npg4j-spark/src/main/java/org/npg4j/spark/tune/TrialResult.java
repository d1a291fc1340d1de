package org.npg4j.spark.tune;

import java.io.Serializable;

/**
 * What a task reports: the evaluation score at every rung up to the one it reached.
 *
 * @param trial       the trial number
 * @param rung        the rung reached
 * @param scores      mean evaluation return at rungs 0..rung
 * @param timesteps   env steps trained
 * @param wallSeconds time the task took (as recorded when it was trained)
 * @param reused      true when the result was read from a run directory of an earlier invocation
 */
public record TrialResult(int trial, int rung, double[] scores, long timesteps, double wallSeconds, boolean reused)
        implements Serializable {
}
