package org.npg4j.bench.suite;

import org.npg4j.algo.MetricKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.npg4j.cli.Charts;
import org.npg4j.cli.SeedAggregate;

/**
 * The learning-curve chart of one row of {@code npg4j bench}: rollout/ep_rew_mean against total timesteps, one line
 * per seed (points before the first finished episode dropped), with the target and the zoo's figure as dashed horizontal lines.
 */
final class BenchCurves {
    private BenchCurves() {
    }

    static XYChart chart(BenchTable.Summary s) {
        BenchSuite.Row r = s.row();
        List<Charts.Line> lines = new ArrayList<>();
        for (BenchRun run : s.runs()) {
            if (run.timesteps().length > 0) {
                SeedAggregate.Curve c = SeedAggregate.Curve.of(run.timesteps(), run.epRewMean());
                if (!c.isEmpty()) {
                    lines.add(Charts.Line.of("seed " + run.seed(), c.x(), c.y()));
                }
            }
        }
        double[] span = {0, r.budget()};
        lines.add(new Charts.Line("target " + BenchTable.number(r.target()), span,
                new double[] {r.target(), r.target()}, true));
        r.zoo().ifPresent(z -> lines.add(new Charts.Line("zoo " + BenchTable.fixed(z.mean(), 1), span,
                new double[] {z.mean(), z.mean()}, true)));
        return Charts.lineChart(r.algo() + " " + r.env() + " (" + BenchTable.steps(r.budget()) + " steps)",
                "total timesteps", MetricKeys.EP_REW_MEAN, false, lines);
    }

    /** Writes {@code dir/<algo>-<env>.png} and {@code .svg}. */
    static void write(BenchTable.Summary s, Path dir) {
        Charts.save(chart(s), dir.resolve(s.row().key()));
    }
}
