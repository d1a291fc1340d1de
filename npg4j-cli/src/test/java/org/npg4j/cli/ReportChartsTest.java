package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/** The look of the report's charts, checked on rendered pixels. */
class ReportChartsTest {
    @TempDir
    Path tmp;

    /** A run directory written by hand with a return curve over {@code n} updates of {@code step} timesteps. */
    private Path run(String name, String algo, String env, long seed, String params, int n, long step, double slope)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("config.yaml"), "algo: " + algo + "\nenv: " + env + "\nseed: " + seed
                + (params == null ? "" : "\nparams: '" + params + "'") + "\nhyperparams: {}\n");
        StringBuilder csv = new StringBuilder("time/total_timesteps,rollout/ep_rew_mean\n");
        for (int i = 1; i <= n; i++) {
            csv.append(i * step).append(',').append(String.format(Locale.ROOT, "%.3f", slope * i + seed)).append('\n');
        }
        Files.writeString(dir.resolve("metrics.csv"), csv);
        return dir;
    }

    private static BufferedImage render(XYChart chart, String name) throws Exception {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        if (System.getenv("NPG4J_CHART_DIR") != null) {
            BitmapEncoder.saveBitmap(chart, System.getenv("NPG4J_CHART_DIR") + "/" + name,
                    BitmapEncoder.BitmapFormat.PNG);
        }
        return img;
    }

    private static XYChart returnChart(List<Path> runs) {
        List<RunDirectory> dirs = new ArrayList<>();
        for (Path p : runs) {
            dirs.add(RunDirectory.read(p));
        }
        return TrainingReport.chart(TrainingReport.FAMILIES.get(0), TrainingReport.group(dirs)).orElseThrow();
    }

    /** The chart's x tick labels and their screen positions, read from XChart's axis after rendering. */
    private record Ticks(List<String> labels, List<Double> locations) {
    }

    private static Ticks xTicks(XYChart chart) throws Exception {
        java.lang.reflect.Field f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("axisPair");
        f.setAccessible(true);
        var calc = ((org.knowm.xchart.internal.chartpart.AxisPair<?, ?>) f.get(chart)).getXAxis().getAxisTickCalculator();
        return new Ticks(calc.getTickLabels(), calc.getTickLocations());
    }

    /** True if no pixel of the image's border rows and columns differs from the background (white). */
    private static boolean bordersAreBlank(BufferedImage img) {
        int white = 0xFFFFFFFF;
        for (int x = 0; x < img.getWidth(); x++) {
            if (img.getRGB(x, 0) != white || img.getRGB(x, img.getHeight() - 1) != white) {
                return false;
            }
        }
        for (int y = 0; y < img.getHeight(); y++) {
            if (img.getRGB(0, y) != white || img.getRGB(img.getWidth() - 1, y) != white) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aLegendOfTenSeriesFitsInsideTheChart() throws Exception {
        List<Path> many = new ArrayList<>();
        for (String algo : new String[] {"ppo", "trpo"}) {
            for (String env : new String[] {"CartPole-v1", "Acrobot-v1", "Pendulum-v1", "MountainCar-v0",
                    "LunarLander-v3"}) {
                many.add(run(algo + env, algo, env, 0, null, 20, 4096, algo.length()));
            }
        }
        XYChart chart = returnChart(many);
        assertTrue(bordersAreBlank(render(chart, "many")), "legend or plot cut at the chart's edge");
        XYChart few = returnChart(many.subList(0, 3));
        assertTrue(bordersAreBlank(render(few, "few")));
    }

    @Test
    void timestepTickLabelsOfASingleRunStayApart() throws Exception {
        for (int updates : new int[] {49, 1000}) {
            XYChart chart = returnChart(List.of(run("single" + updates, "ppo", "CartPole-v1", 0, null, updates,
                    updates == 49 ? 2048 : 1000, 1)));
            render(chart, "single" + updates);
            Ticks t = xTicks(chart);
            java.awt.FontMetrics fm = new java.awt.image.BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)
                    .createGraphics().getFontMetrics(chart.getStyler().getAxisTickLabelsFont());
            assertTrue(t.labels().size() >= 4, t.labels().toString());
            // Labels turned by θ are apart when the tick distance times sin θ exceeds their line height (level
            // labels, θ = 0: when it exceeds half the sum of their widths).
            double theta = Math.toRadians(chart.getStyler().getXAxisLabelRotation());
            for (int i = 0; i + 1 < t.labels().size(); i++) {
                double room = t.locations().get(i + 1) - t.locations().get(i);
                double need = theta == 0
                        ? (fm.stringWidth(t.labels().get(i)) + fm.stringWidth(t.labels().get(i + 1))) / 2.0 + 6
                        : (fm.getAscent() + 2) / Math.sin(theta);
                assertTrue(room >= need, "labels " + t.labels().get(i) + " and " + t.labels().get(i + 1) + ": "
                        + room + " px apart, need " + need + " (" + t.labels() + ")");
            }
        }
    }

    @Test
    void countsAreShortWithThreeSignificantDigits() {
        assertEquals(List.of("0", "950", "1k", "8.19k", "12.3k", "100k", "1M", "1.5M", "2G"),
                java.util.stream.DoubleStream.of(0, 950, 999.9, 8192, 12288, 1e5, 999_999, 1.5e6, 2e9)
                        .mapToObj(Charts::compact).toList());
    }

    @Test
    void aSweepsCurvesKeepEveryGridPointApart() throws Exception {
        List<Path> runs = new ArrayList<>();
        for (String lr : new String[] {"0.001", "0.0003"}) {
            for (long seed = 0; seed < 2; seed++) {
                runs.add(run("sweep" + lr + seed, "ppo", "CartPole-v1", seed, "learning_rate=" + lr, 10, 1000,
                        lr.length()));
            }
        }
        runs.add(run("plain", "ppo", "CartPole-v1", 0, null, 10, 1000, 1));
        XYChart chart = returnChart(runs);
        assertTrue(bordersAreBlank(render(chart, "sweep")), "three long legend entries cut at the chart's edge");
        List<String> legend = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getName()).toList();
        assertEquals(List.of("ppo CartPole-v1 learning_rate=0.001 (2 seeds)",
                "ppo CartPole-v1 learning_rate=0.0003 (2 seeds)", "ppo CartPole-v1 (1 seed)"), legend);
    }
}
