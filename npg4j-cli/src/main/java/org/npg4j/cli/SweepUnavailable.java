package org.npg4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code npg4j sweep} where the npg4j-spark module is not on the class path (the runnable jar alone): listed in the
 * help like every command, it says in one line how to get the real one.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep of algorithms x envs x seeds x hyperparameter grid on Apache Spark.",
            "Needs the npg4j-spark module: build it (mvn -B -q package -DskipTests) and run bin/npg4j sweep, "
                    + "or spark-submit (see docs/distributed.md)."})
final class SweepUnavailable implements Runnable {
    /** The real command, in the npg4j-spark module. */
    static final String SWEEP_COMMAND = "org.npg4j.spark.SweepCommand";

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        throw new IllegalArgumentException("npg4j sweep needs the npg4j-spark module and Spark on the class path: "
                + "build them (mvn -B -q package -DskipTests) and run bin/npg4j sweep (see docs/distributed.md)");
    }
}
