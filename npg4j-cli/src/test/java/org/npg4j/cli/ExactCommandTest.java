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
    void badOptionsAreOneLineErrors() {
        Cli unknown = Cli.run("exact", "--algo", "npgg");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("npg4j: error: unknown --algo 'npgg' (closest: npg"), unknown.err());
        Cli mu = Cli.run("exact", "--mu", "exploratory");
        assertEquals(2, mu.exitCode());
        assertEquals("npg4j: error: --mu must be rho or uniform, got 'exploratory'", mu.err().strip());
    }
}
