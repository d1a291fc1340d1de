package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.npg4j.util.JsonInput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportCommandTest {
    @TempDir
    static Path tmp;
    static List<Path> ppoRuns;
    static Path a2cRun;

    @BeforeAll
    static void train() throws Exception {
        Path ppo = tmp.resolve("ppo");
        Cli c = Cli.run("train", "--timesteps", "2048", "--seeds", "0,1", "--out", ppo.toString());
        assertEquals(0, c.exitCode(), c.err());
        ppoRuns = list(ppo);
        assertEquals(2, ppoRuns.size());
        Path a2c = tmp.resolve("a2c");
        Cli d = Cli.run("train", "--algo", "a2c", "--timesteps", "2048", "--seed", "5", "--out", a2c.toString());
        assertEquals(0, d.exitCode(), d.err());
        a2cRun = list(a2c).get(0);
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(html)));
    }

    private static JsonNode eval(Path run) throws Exception {
        return JsonInput.mapper().readTree(Files.readString(run.resolve("eval.json")));
    }

    private static List<Element> rows(Document d, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList trs = d.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            Element e = (Element) trs.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element evalCell(Element row) {
        NodeList tds = row.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            Element td = (Element) tds.item(i);
            if ("eval".equals(td.getAttribute("class"))) {
                return td;
            }
        }
        throw new AssertionError("row without an eval cell: " + row.getTextContent());
    }

    @Test
    void reportIsOneSelfContainedPageWithEveryChartAndTheEvalNumbers() throws Exception {
        Path html = tmp.resolve("out/report.html");
        Cli c = Cli.run("report", ppoRuns.get(0).toString(), ppoRuns.get(1).toString(), a2cRun.toString(),
                "-o", html.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals("report: " + html + " (3 runs, 2 groups, 7 charts)\n", c.out());
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(!text.contains("src=") && !text.contains("href=") && !text.contains("<script"),
                "the page must not load anything");
        Document d = parse(html);
        NodeList svgs = d.getElementsByTagName("svg");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < svgs.getLength(); i++) {
            titles.add(((Element) svgs.item(i)).getElementsByTagName("title").item(0).getTextContent());
        }
        // PPO logs approx_kl and clip_fraction; A2C entropy, value loss and explained variance; no run has costs.
        assertEquals(List.of("Episode return", "KL divergence", "Clip fraction", "Entropy loss", "Value loss",
                "Explained variance", "Throughput"), titles);
        try (Stream<Path> s = Files.list(html.getParent())) {
            assertEquals(List.of("report.html"), s.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }

        List<Element> groups = rows(d, "group");
        assertEquals(2, groups.size());
        assertTrue(groups.get(0).getTextContent().startsWith("ppo CartPole-v10, 1"), groups.get(0).getTextContent());
        double m0 = eval(ppoRuns.get(0)).get("mean_return").asDouble();
        double m1 = eval(ppoRuns.get(1)).get("mean_return").asDouble();
        Element ppoCell = evalCell(groups.get(0));
        assertEquals((m0 + m1) / 2, Double.parseDouble(ppoCell.getAttribute("data-mean")), 1e-12);
        assertEquals(Math.abs(m0 - m1) / Math.sqrt(2), Double.parseDouble(ppoCell.getAttribute("data-std")), 1e-12);
        JsonNode a2c = eval(a2cRun);
        Element a2cCell = evalCell(groups.get(1));
        assertEquals(a2c.get("mean_return").asDouble(), Double.parseDouble(a2cCell.getAttribute("data-mean")));
        assertEquals(a2c.get("std_return").asDouble(), Double.parseDouble(a2cCell.getAttribute("data-std")));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f \u00b1 %.2f", a2c.get("mean_return").asDouble(),
                a2c.get("std_return").asDouble()), a2cCell.getTextContent());

        List<Element> runs = rows(d, "run");
        assertEquals(3, runs.size());
        List<Path> order = List.of(ppoRuns.get(0), ppoRuns.get(1), a2cRun);
        for (int i = 0; i < 3; i++) {
            JsonNode e = eval(order.get(i));
            Element cell = evalCell(runs.get(i));
            assertEquals(e.get("mean_return").asDouble(), Double.parseDouble(cell.getAttribute("data-mean")));
            assertEquals(e.get("std_return").asDouble(), Double.parseDouble(cell.getAttribute("data-std")));
            NodeList tds = runs.get(i).getElementsByTagName("td");
            List<String> csv = Files.readAllLines(order.get(i).resolve("metrics.csv"));
            List<String> header = List.of(csv.get(0).split(","));
            String[] last = csv.get(csv.size() - 1).split(",");
            double total = Double.parseDouble(last[header.indexOf("time/total_timesteps")]);
            assertEquals(i < 2 ? 2048 : 2080, total, "PPO: 8 envs x 32 steps; A2C: 16 x 5 steps per update");
            Element steps = (Element) tds.item(tds.getLength() - 1);
            assertEquals(total, Double.parseDouble(steps.getAttribute("data-value")));
            assertEquals(i < 2 ? "2,048" : "2,080", steps.getTextContent());
            double wall = Double.parseDouble(last[header.indexOf("time/time_elapsed")]);
            assertEquals(wall, Double.parseDouble(((Element) tds.item(tds.getLength() - 2)).getAttribute("data-value")));
        }
    }

    @Test
    void oneRunDirectoryGetsItsReportInside() throws Exception {
        Cli c = Cli.run("report", a2cRun.toString());
        assertEquals(0, c.exitCode(), c.err());
        Document d = parse(a2cRun.resolve("report.html"));
        // A2C logs neither a KL nor a clip fraction.
        assertEquals(5, d.getElementsByTagName("svg").getLength());
        Files.delete(a2cRun.resolve("report.html"));
    }

    /** A run directory written by hand: a constrained run with a cost limit and known curves. */
    private static Path syntheticRun(Path dir, long seed, double costLimit, String csv) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "algo: ppo-lagrangian\nenv: SafeChain-v0\nseed: " + seed
                + "\nhyperparams:\n  cost_limit: " + costLimit + "\n");
        Files.writeString(dir.resolve("metrics.csv"), csv);
        return dir;
    }

    @Test
    void costChartHasTheLimitLineAndTheBandOfTheSeeds() throws Exception {
        String header = "time/total_timesteps,time/time_elapsed,rollout/ep_rew_mean,rollout/ep_cost_mean\n";
        Path a = syntheticRun(tmp.resolve("safe/a"), 0, 25, header + "100,1,1,30\n200,2,2,20\n300,3,,10\n");
        Path b = syntheticRun(tmp.resolve("safe/b"), 1, 25, header + "100,1,3,40\n200,2,4,30\n300,3,5,20\n");
        Path html = tmp.resolve("safe/report.html");
        Cli c = Cli.run("report", a.toString(), b.toString(), "-o", html.toString());
        assertEquals(0, c.exitCode(), c.err());
        Document d = parse(html);
        assertEquals(2, d.getElementsByTagName("svg").getLength());
        assertEquals("Episode cost", ((Element) d.getElementsByTagName("svg").item(1))
                .getElementsByTagName("title").item(0).getTextContent());
        assertEquals("\u2013", evalCell(rows(d, "group").get(0)).getTextContent(), "no eval.json: a dash");

        List<TrainingReport.Group> groups = TrainingReport.group(List.of(RunDirectory.read(a), RunDirectory.read(b)));
        XYChart cost = TrainingReport.chart(TrainingReport.FAMILIES.get(1), groups).orElseThrow();
        XYSeries limit = cost.getSeriesMap().get("cost limit 25");
        assertArrayEquals(new double[] {25, 25}, limit.getYData());
        assertArrayEquals(new double[] {100, 300}, limit.getXData());
        XYSeries mean = cost.getSeriesMap().get("ppo-lagrangian SafeChain-v0 (2 seeds)");
        assertArrayEquals(new double[] {35, 25, 15}, mean.getYData());
        // Two seeds 10 apart: s = 10/√2, half width t(0.975, 1)·s/√2 = 12.706·5. An episode cost cannot be
        // negative: the band stops at 0 (35 - 63.5 < 0), and so does the axis.
        double half = 12.706204736 * 5;
        assertArrayEquals(new double[] {35 + half, 25 + half, 15 + half, 0, 0, 0},
                cost.getSeriesMap().get("ppo-lagrangian SafeChain-v0 95% CI").getYData(), 1e-9);
        assertEquals(0.0, cost.getStyler().getYAxisMin());
        for (XYSeries s : cost.getSeriesMap().values()) {
            for (double y : s.getYData()) {
                assertTrue(y >= 0, s.getName() + " at " + y);
            }
        }
        // The return can be negative: its band is not cut.
        assertTrue(!TrainingReport.FAMILIES.get(0).nonNegative() && TrainingReport.FAMILIES.get(1).nonNegative());
        // The return of seed a ends at 200 (empty cell at 300): the common range is [100, 200].
        XYChart ret = TrainingReport.chart(TrainingReport.FAMILIES.get(0), groups).orElseThrow();
        assertArrayEquals(new double[] {2, 3}, ret.getSeriesMap().get("ppo-lagrangian SafeChain-v0 (2 seeds)").getYData());
    }

    @Test
    void constrainedRunsGetCostViolationAndMultiplierChartsAndCostColumns() throws Exception {
        Path safe = tmp.resolve("lag");
        Cli c = Cli.run("train", "--algo", "ppo-lag", "--env", "ConstrainedGarnet-v0", "--n-envs", "2", "--set",
                "n_steps=100", "--set", "batch_size=100", "--set", "n_epochs=2", "--set", "cost_limit=10",
                "--timesteps", "1000", "--seeds", "0,1", "--out", safe.toString());
        assertEquals(0, c.exitCode(), c.err());
        List<Path> runs = list(safe);
        Path html = tmp.resolve("lag-report.html");
        Cli r = Cli.run("report", runs.get(0).toString(), runs.get(1).toString(), "-o", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        Document d = parse(html);
        NodeList svgs = d.getElementsByTagName("svg");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < svgs.getLength(); i++) {
            titles.add(((Element) svgs.item(i)).getElementsByTagName("title").item(0).getTextContent());
        }
        assertEquals(List.of("Episode return", "Episode cost", "Cumulative constraint violation", "Lagrange multiplier"),
                titles.subList(0, 4));
        List<TrainingReport.Group> groups = TrainingReport.group(List.of(RunDirectory.read(runs.get(0)),
                RunDirectory.read(runs.get(1))));
        XYChart cost = TrainingReport.chart(TrainingReport.FAMILIES.get(1), groups).orElseThrow();
        assertArrayEquals(new double[] {10, 10}, cost.getSeriesMap().get("cost limit 10").getYData());
        XYChart violation = TrainingReport.chart(TrainingReport.FAMILIES.get(2), groups).orElseThrow();
        assertTrue(violation.getSeriesMap().containsKey("ppo-lag ConstrainedGarnet-v0 (2 seeds)"));

        // Per run and per group: final episode cost, limit and cumulative violation from metrics.csv.
        List<Element> rowsOfRuns = rows(d, "run");
        double meanViolation = 0;
        for (int i = 0; i < 2; i++) {
            RunDirectory run = RunDirectory.read(runs.get(i));
            double v = run.last("safety/cumulative_violation");
            assertTrue(v > 0, "a limit of 10 on 100-step Garnet episodes is violated");
            meanViolation += v / 2;
            assertEquals(run.last("rollout/ep_cost_mean"), value(rowsOfRuns.get(i), "cost"));
            assertEquals(10.0, value(rowsOfRuns.get(i), "limit"));
            assertEquals(v, value(rowsOfRuns.get(i), "violation"));
        }
        assertEquals(meanViolation, value(rows(d, "group").get(0), "violation"), 1e-12);
        // The group's evaluation columns: mean of the runs' evaluated costs, and in how many runs the limit is met.
        int met = 0;
        double evalCost = 0;
        for (Path run : runs) {
            JsonNode e = eval(run);
            assertEquals("stochastic", e.get("policy").asText(), "a constrained run's headline");
            met += e.get("all_constraints_met").asBoolean() ? 1 : 0;
            evalCost += e.get("mean_costs").get(0).asDouble() / 2;
        }
        Element group = rows(d, "group").get(0);
        assertEquals(evalCost, value(group, "eval-cost"), 1e-12);
        assertEquals(met, value(group, "met"));
        assertTrue(group.getTextContent().contains(met + " of 2 runs"), group.getTextContent());
        assertTrue(group.getTextContent().contains("stochastic"), group.getTextContent());
    }

    private static double value(Element row, String cls) {
        NodeList tds = row.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            Element td = (Element) tds.item(i);
            if (cls.equals(td.getAttribute("class"))) {
                return Double.parseDouble(td.getAttribute("data-value"));
            }
        }
        throw new AssertionError("row without a " + cls + " cell: " + row.getTextContent());
    }

    @Test
    void missingRunDirectoryFailsWithExitCode2() {
        Path missing = tmp.resolve("nope");
        Cli c = Cli.run("report", missing.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: " + missing + ": no such run directory\n", c.err());
    }

    @Test
    void runDirectoryWithoutMetricsFailsWithExitCode2() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-run"));
        Files.writeString(empty.resolve("config.yaml"), "algo: ppo\nenv: CartPole-v1\n");
        Path html = tmp.resolve("never.html");
        Cli c = Cli.run("report", a2cRun.toString(), empty.toString(), "-o", html.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: " + empty + ": run directory has no metrics.csv\n", c.err());
        assertTrue(!Files.exists(html));
    }

    @Test
    void malformedMetricsNameTheLineAndColumn() throws Exception {
        Path run = syntheticRun(tmp.resolve("bad"), 0, 1, "time/total_timesteps,rollout/ep_rew_mean\n1,2\n2,x\n");
        Cli c = Cli.run("report", run.toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: " + run.resolve("metrics.csv")
                + ": line 3, column rollout/ep_rew_mean: not a number 'x'\n", c.err());
    }
}
