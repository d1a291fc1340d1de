package org.npg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.npg4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j report}: one self-contained HTML page comparing run directories (see {@link TrainingReport}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page (inline SVG charts) for run directories: learning curves "
                + "across seeds (mean and 95%% confidence band vs timesteps) per (algorithm, env), one chart per logged "
                + "metric family, and a summary table with the final evaluation. Runs on envs with costs also get the episode "
                + "cost with the cost limit as a dashed line, the cumulative constraint violation, the Lagrange "
                + "multiplier (one curve per constraint), and cost columns in the tables: the final evaluation's episode "
                + "cost per constraint (same episodes as its return), the limit and whether it is met, then training's "
                + "last ep_cost_mean and cumulative violation. Bands of quantities that cannot be negative stop at 0."})
public final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run directories written by npg4j train")
    List<Path> runDirs = new ArrayList<>();

    @Option(names = {"-o", "--output"},
            description = "HTML file (default: RUN_DIR/report.html for one run directory, report.html otherwise)")
    Path output;

    @Override
    public void run() {
        List<RunDirectory> runs = new ArrayList<>();
        for (Path d : runDirs) {
            runs.add(RunDirectory.read(d));
        }
        List<TrainingReport.Group> groups = TrainingReport.group(runs);
        List<TrainingReport.Chart> charts = TrainingReport.charts(groups);
        Path file = output != null ? output : runDirs.size() == 1 ? runDirs.get(0).resolve("report.html")
                : Path.of("report.html");
        AtomicFiles.writeString(file, TrainingReport.html(groups, charts));
        spec.commandLine().getOut().printf("report: %s (%d runs, %d groups, %d charts)%n", file, runs.size(),
                groups.size(), charts.size());
    }
}
