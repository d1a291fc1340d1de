package org.npg4j.spark.tune;

import java.io.Serializable;

/**
 * One Spark task of a study: train trial {@code trial} from scratch with a {@code budget}-step schedule, evaluating at
 * every rung up to {@code rung} and stopping there.
 *
 * @param trial     the trial number, from 0
 * @param rung      the rung to reach
 * @param params    the sampled values as {@code k=v,k=v} (for config.yaml and tables)
 * @param overrides canonical JSON of the configuration keys the point sets
 */
public record TrialTask(int trial, int rung, String params, String overrides) implements Serializable {
}
