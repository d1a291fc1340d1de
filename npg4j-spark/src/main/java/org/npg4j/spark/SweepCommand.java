package org.npg4j.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.npg4j.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code npg4j sweep SWEEP.yaml [--master local[*]|spark://host:7077|yarn|k8s://...] [--out DIR]}. Also the main
 * class for {@code spark-submit} of the npg4j-spark jar.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep of algorithms x envs x seeds x hyperparameter grid on Apache Spark.")
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path file;

    @Option(names = "--master", description = "Spark master: local[*] (embedded, every core), local[N], "
            + "spark://host:7077, yarn, k8s://... (default: spark-submit's --master, else local[*])")
    String master;

    @Option(names = "--out", defaultValue = "sweeps",
            description = "Output directory, or a Hadoop-filesystem URI such as hdfs://nn/sweeps (default ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--fail-once", hidden = true, description = "Fault injection: the first attempt of this run id fails.")
    String failOnce;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SweepSpec sweep = SweepSpec.read(file);
        sweep.checkRuns(file);
        PrintWriter o = spec.commandLine().getOut();
        int total = sweep.expand().size();
        String resolved = SparkSettings.master(master, new org.apache.spark.SparkConf());
        SparkSettings.checkMaster(resolved);
        o.printf(Locale.ROOT, "sweep %s: %d runs on %s -> %s%n", file, total, resolved, out);
        o.flush();
        long t0 = System.nanoTime();
        SweepRunner.Outcome r = SweepRunner.run(sweep, master, out, failOnce);
        o.printf(Locale.ROOT, "%d runs trained, %d already complete, %.1f s%n", r.trained(), r.skipped(),
                (System.nanoTime() - t0) * 1e-9);
        for (Map.Entry<String, double[]> e : SweepRunner.groups(r.runs()).entrySet()) {
            double[] s = e.getValue();
            o.printf(Locale.ROOT, "  %-40s seeds %d  mean %.2f  std %.2f%n", e.getKey(), (int) s[0], s[1], s[2]);
        }
        o.println("wrote results.csv and report.html in " + out);
        return 0;
    }

    /** Runs with npg4j's error handling (bad input: one line, exit code 2). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Main.runAlone(new SweepCommand(), out, err, args);
    }

    /** The main class for {@code spark-submit}; {@code npg4j sweep} runs the same command through npg4j's Main. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out), new PrintWriter(System.err), args));
    }
}
