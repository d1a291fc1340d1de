package org.npg4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code npg4j tune} where the npg4j-spark module is not on the class path (the runnable jar alone): listed in the
 * help like every command, it says in one line how to get the real one.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Search hyperparameters (the zoo's search spaces, TPE, successive halving) on Apache Spark.",
            "Needs the npg4j-spark module: build it (mvn -B -q package -DskipTests) and run bin/npg4j tune "
                    + "(see docs/tuning.md)."})
final class TuneUnavailable implements Runnable {
    /** The real command, in the npg4j-spark module. */
    static final String TUNE_COMMAND = "org.npg4j.spark.TuneCommand";

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        throw new IllegalArgumentException("npg4j tune needs the npg4j-spark module and Spark on the class path: "
                + "build them (mvn -B -q package -DskipTests) and run bin/npg4j tune (see docs/tuning.md)");
    }
}
