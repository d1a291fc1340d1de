package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.knowm.xchart.XYChart;
import picocli.CommandLine;
import org.npg4j.exact.ExactHyperparameter;
import org.npg4j.exact.ExactOptimizerSpec;
import org.npg4j.exact.ExactOptimizers;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.MdpSpecs;

class ExactCommandTest {
    @Test
    void jsonTracesConvergeOnTheTwoStateMdp() throws Exception {
        Cli r = Cli.run("exact", "--algo", "npg,trpo", "--iters", "60", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = MdpCommandTest.JSON.readTree(r.out());
        for (String algo : new String[] {"npg", "trpo"}) {
            JsonNode trace = n.get(algo).get("trace");
            assertEquals(61, trace.size());
            JsonNode first = trace.get(0);
            assertEquals(0, first.get("iter").asInt());
            assertTrue(first.get("gap").asDouble() > 1, "the uniform start is far from optimal");
            JsonNode last = trace.get(60);
            assertTrue(last.get("gap").asDouble() < 1e-6, algo + " converges: " + last);
            assertEquals(last.get("value_rho").asDouble() * 0.1, last.get("expected_return").asDouble(), 1e-9);
            // The optimum plays a2 in s1 and a1 in s2.
            assertTrue(n.get(algo).get("policy").get(0).get(1).asDouble() > 0.99);
            assertTrue(n.get(algo).get("policy").get(1).get(0).asDouble() > 0.99);
        }
    }

    @Test
    void outWritesTracesAndChartsIncludingThePolicySquare(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("exact", "--algo", "npg,pg,flow-kakade", "--iters", "30", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("npg"), r.out());
        String csv = Files.readString(dir.resolve("npg.csv"));
        assertTrue(csv.startsWith("iter,value_rho,expected_return,gap,"), csv);
        assertEquals(32, csv.strip().split("\n").length, "header + 31 rows");
        for (String chart : new String[] {"suboptimality", "policy-square", "polytope"}) {
            BufferedImage img = ImageIO.read(dir.resolve(chart + ".png").toFile());
            assertEquals(800, img.getWidth(), chart);
            String svg = Files.readString(dir.resolve(chart + ".svg"));
            assertTrue(svg.contains("<svg"), chart);
        }
        assertTrue(Files.readString(dir.resolve("suboptimality.svg")).contains("<path"), "the lines are drawn");
    }

    @Test
    void largerMdpsGetOnlyTheSuboptimalityChart(@TempDir Path dir) {
        Cli r = Cli.run("exact", "--mdp", "garnet:states=6,actions=3,branching=2,seed=1", "--algo", "npg,regnpg",
                "--iters", "20", "--mu", "uniform", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(dir.resolve("suboptimality.png")));
        assertFalse(Files.exists(dir.resolve("policy-square.png")));
    }

    @Test
    void safeNpgOnTheToyCmdpStaysBelowTheLimitAndChartsTheCost(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("exact", "--mdp", "two-state-cmdp", "--algo", "safe-npg,lagrangian-npg", "--start",
                "[[0.8,0.2],[0.2,0.8]]", "--iters", "150", "--json", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = MdpCommandTest.JSON.readTree(r.out());
        double worstSafe = 0;
        double worstLagrangian = 0;
        for (JsonNode row : n.get("safe-npg").get("trace")) {
            worstSafe = Math.max(worstSafe, row.get("costs").get(0).asDouble());
        }
        for (JsonNode row : n.get("lagrangian-npg").get("trace")) {
            worstLagrangian = Math.max(worstLagrangian, row.get("costs").get(0).asDouble());
        }
        assertTrue(worstSafe <= 0.2 + 1e-12, "safe NPG never exceeds the limit: " + worstSafe);
        assertTrue(worstLagrangian > 0.3, "primal-dual NPG does in transit: " + worstLagrangian);
        JsonNode last = n.get("safe-npg").get("trace").get(150);
        assertEquals(1.1031903, last.get("expected_return").asDouble(), 1e-6);
        assertTrue(Files.exists(dir.resolve("cost.png")) && Files.exists(dir.resolve("return.svg")));
        Cli unsafe = Cli.run("exact", "--mdp", "two-state-cmdp", "--algo", "safe-npg");
        assertEquals(2, unsafe.exitCode());
        assertTrue(unsafe.err().startsWith("npg4j: error: safe NPG must start strictly safe"), unsafe.err());
    }

    @Test
    void helpListsEveryRegisteredOptimizerAndHyperparameterOption() {
        Cli r = Cli.run("exact", "--help");
        assertEquals(0, r.exitCode(), r.err());
        for (ExactOptimizerSpec s : ExactOptimizers.specs()) {
            assertTrue(r.out().contains("  " + s.name() + " "), s.name() + " missing from:\n" + r.out());
            for (ExactHyperparameter h : s.hyperparameters()) {
                assertTrue(r.out().contains(ExactCommand.option(h.key()) + "=X"), h.key());
                assertTrue(r.out().contains(ExactCommand.option(h.key()) + " " + h.defaultText()), h.key());
            }
        }
    }

    @Test
    void algosListsTheExactOptimizers() {
        Cli r = Cli.run("algos");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : ExactOptimizers.names()) {
            assertTrue(r.out().contains(name + " "), name + " missing from:\n" + r.out());
        }
    }

    @Test
    void hyperparameterErrorsNameTheOptionTyped() {
        Cli eta = Cli.run("exact", "--eta", "-0.1");
        assertEquals(2, eta.exitCode());
        assertEquals("npg4j: error: --eta -0.1 must be positive and finite", eta.err().strip());
        Cli epochs = Cli.run("exact", "--algo", "ppo", "--n-epochs", "0");
        assertEquals("npg4j: error: --n-epochs 0 must be an integer >= 1", epochs.err().strip());
        Cli unused = Cli.run("exact", "--algo", "npg", "--max-kl", "0.1");
        assertEquals(2, unused.exitCode());
        assertEquals("npg4j: error: --max-kl is a hyperparameter of trpo, ctrpo, none of which is in --algo npg",
                unused.err().strip());
        Cli regularized = Cli.run("exact", "--algo", "regnpg", "--tau", "20");
        assertEquals("npg4j: error: --eta 0.1 (the default) exceeds (1-gamma)/tau = 0.00500000",
                regularized.err().strip());
    }

    @Test
    void lagrangianSummaryCountsOnlyFeasibleIterates() {
        // Primal-dual NPG from the uniform policy overshoots: its return passes the constrained optimum (gap < 0)
        // while the constraint is violated, and it ends far from the optimum.
        Cli r = Cli.run("exact", "--mdp", "two-state-cmdp", "--algo", "lagrangian-npg", "--start", "feasible");
        assertEquals(0, r.exitCode(), r.err());
        String row = r.out().lines().filter(l -> l.startsWith("lagrangian-npg")).findFirst().orElseThrow();
        String[] cols = row.trim().split("\\s+");
        assertTrue(Double.parseDouble(cols[3]) > 1, "final gap " + cols[3]);
        assertEquals("-", cols[4], "no feasible iterate within 1e-3: " + row);
        assertTrue(Double.parseDouble(cols[5]) > 0.1, "it left the safe set: " + row);
        assertTrue(r.out().contains("first iterate with |gap| <= 1e-3 and every C_i <= b_i"), r.out());
    }

    /** Runs {@code npg4j exact} in-process on a command object whose charts the test can inspect; stdout in out[0]. */
    private static ExactCommand exact(String[] out, String... args) {
        ExactCommand command = new ExactCommand();
        CommandLine cl = Main.configure(new CommandLine(command));
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args), err.toString());
        out[0] = text.toString();
        return command;
    }

    @Test
    void theoremBoundIsDrawnOnlyWhereItsAssumptionsHold(@TempDir Path dir) {
        String[] out = new String[1];
        ExactCommand twoState = exact(out, "--algo", "npg", "--iters", "5", "--out", dir.resolve("a").toString());
        assertTrue(out[0].contains("Theorem 10.7 bound not drawn: it assumes an unconstrained MDP, rewards in "
                + "[0, 1] and the uniform start, and here rewards span [0.0, 2.0], not [0, 1]"), out[0]);
        XYChart chart = twoState.charts.get("suboptimality");
        assertEquals(Set.of("npg"), chart.getSeriesMap().keySet());
        assertTrue(chart.getTitle().contains("no Thm 10.7 bound: rewards span [0.0, 2.0], not [0, 1]"), chart.getTitle());
        ExactCommand garnet = exact(out, "--mdp", "garnet:states=5,actions=3,branching=2,seed=1", "--algo", "npg",
                "--iters", "5", "--out", dir.resolve("b").toString());
        assertFalse(out[0].contains("not drawn"), out[0]);
        assertTrue(garnet.charts.get("suboptimality").getSeriesMap().containsKey("Thm 10.7 bound (npg)"));
        exact(out, "--mdp", "garnet:states=5,actions=2,branching=2,seed=1", "--algo", "npg", "--start",
                "[[0.9,0.1],[0.5,0.5],[0.5,0.5],[0.5,0.5],[0.5,0.5]]", "--iters", "5", "--out",
                dir.resolve("c").toString());
        assertTrue(out[0].contains("here the start policy is not uniform"), out[0]);
        exact(out, "--mdp", "two-state-cmdp", "--algo", "npg", "--iters", "5", "--start", "feasible", "--out",
                dir.resolve("d").toString());
        assertTrue(out[0].contains("here the MDP is constrained"), out[0]);
    }

    @Test
    void anOptimizerHasOneColourInEveryChart(@TempDir Path dir) {
        ExactCommand command = exact(new String[1], "--mdp", "two-state-cmdp", "--algo", "lagrangian-npg,safe-npg",
                "--start", "feasible", "--iters", "10", "--out", dir.toString());
        assertEquals(Set.of("suboptimality", "policy-square", "polytope", "return", "cost"), command.charts.keySet());
        for (String algo : new String[] {"lagrangian-npg", "safe-npg"}) {
            Set<Color> colours = new HashSet<>();
            for (XYChart chart : command.charts.values()) {
                colours.add(chart.getSeriesMap().get(algo).getLineColor());
            }
            assertEquals(1, colours.size(), algo + ": " + colours);
        }
    }

    @Test
    void safeNpgWithDefaultsReachesTheLpOptimumFromTheFeasibleStartOnAConstrainedGarnet() throws Exception {
        String mdp = "constrained-garnet:states=20,actions=4,branching=3,seed=1";
        Cli r = Cli.run("exact", "--mdp", mdp, "--algo", "safe-npg", "--start", "feasible", "--iters", "60", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode trace = MdpCommandTest.JSON.readTree(r.out()).get("safe-npg").get("trace");
        FiniteMdp cmdp = MdpSpecs.parse(mdp);
        double limit = cmdp.cost(0).limit();
        for (JsonNode row : trace) {
            assertTrue(row.get("costs").get(0).asDouble() <= limit + 1e-10, "stays feasible: " + row);
        }
        JsonNode last = trace.get(trace.size() - 1);
        assertEquals(0.0, last.get("gap").asDouble(), 1e-6, "the LP optimum: " + last);
        assertTrue(LinearProgram.solve(cmdp, false).valueRho() > LinearProgram.solve(cmdp).valueRho() + 1e-3,
                "the constraint binds at the optimum");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Cli unknown = Cli.run("exact", "--algo", "npgg");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("npg4j: error: unknown --algo 'npgg' (closest: npg"), unknown.err());
        Cli mu = Cli.run("exact", "--mu", "exploratory");
        assertEquals(2, mu.exitCode());
        assertEquals("npg4j: error: --mu must be rho or uniform, got 'exploratory'", mu.err().strip());
    }
}
