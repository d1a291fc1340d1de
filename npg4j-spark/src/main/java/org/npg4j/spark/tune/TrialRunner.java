package org.npg4j.spark.tune;

import java.util.List;

/**
 * Runs the tasks of one stage of a study and returns one result per task (in any order). The study calls it from a
 * single thread, stage after stage; {@link SparkTrialRunner} runs the tasks on Spark, tests run them in memory.
 */
public interface TrialRunner {
    List<TrialResult> run(List<TrialTask> tasks);
}
