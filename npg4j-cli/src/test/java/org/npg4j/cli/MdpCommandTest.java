package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.MdpJson;
import org.npg4j.mdp.PolicyIteration;

class MdpCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void generateWritesAFileEqualToTheLibraryGarnet(@TempDir Path dir) {
        Path f = dir.resolve("m.json");
        Cli r = Cli.run("mdp", "generate", "garnet", "--states", "30", "--actions", "4", "--branching", "5",
                "--seed", "3", "-o", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Garnet.of(30, 4, 5, 3).generate(), MdpJson.read(f));
        assertTrue(r.err().contains("wrote " + f), r.err());
    }

    @Test
    void generateWithoutOutputWritesTheJsonToStdoutAsMainDoes() throws Exception {
        // As main() does: picocli's own writer on System.out, then exit without flushing it.
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, false, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.commandLine().execute("mdp", "generate", "garnet", "--states", "5", "--actions", "2",
                    "--branching", "2", "--seed", "3");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code);
        assertEquals(Garnet.of(5, 2, 2, 3).generate(),
                MdpJson.parse(captured.toString(java.nio.charset.StandardCharsets.UTF_8), "stdout"));
    }

    @Test
    void solveJsonIsAcceptedAsAPolicyFile(@TempDir Path dir) throws Exception {
        Path solved = dir.resolve("solved.json");
        Cli solve = Cli.run("mdp", "solve", "two-state-cmdp", "--json");
        assertEquals(0, solve.exitCode(), solve.err());
        Files.writeString(solved, solve.out());
        Cli eval = Cli.run("mdp", "eval", "two-state-cmdp", "--policy", solved.toString(), "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode s = JSON.readTree(solve.out());
        JsonNode e = JSON.readTree(eval.out());
        assertEquals(s.get("expected_return").asDouble(), e.get("expected_return").asDouble(), 1e-9);
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"policy\": [[1, 0], [0, 1]], \"polcy\": 1}");
        Cli bad = Cli.run("mdp", "eval", "two-state", "--policy", typo.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("npg4j: error: " + typo + ": $: unknown key \"polcy\""), bad.err());
    }

    @Test
    void solveJsonHasTheDocumentedKeysAndTheOptimum(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.json");
        MdpJson.write(Garnet.of(25, 3, 4, 8).generate(), f);
        double expected = PolicyIteration.solve(MdpJson.read(f)).valueRho();
        for (String method : new String[] {"lp", "vi", "pi"}) {
            Cli r = Cli.run("mdp", "solve", f.toString(), "--method", method, "--json");
            assertEquals(0, r.exitCode(), r.err());
            JsonNode n = JSON.readTree(r.out());
            assertEquals(java.util.List.of("value_rho", "expected_return", "V", "policy", "method", "seconds"),
                    iterable(n.fieldNames()));
            assertEquals(expected, n.get("value_rho").asDouble(), 1e-8);
            assertEquals(0.1 * expected, n.get("expected_return").asDouble(), 1e-9);
            assertEquals(25, n.get("V").size());
            assertEquals(3, n.get("policy").get(0).size());
            assertEquals(method, n.get("method").asText());
        }
    }

    @Test
    void solveOfTheToyCmdpReportsItsBindingCost() throws Exception {
        Cli r = Cli.run("mdp", "solve", "two-state-cmdp", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = JSON.readTree(r.out());
        assertEquals(1.1031903, n.get("expected_return").asDouble(), 5e-7);
        assertEquals(0.2, n.get("costs").get(0).get("value").asDouble(), 1e-9);
        assertEquals(0.2, n.get("costs").get(0).get("limit").asDouble());
    }

    @Test
    void regularizedSolveAndHumanSummary() {
        Cli r = Cli.run("mdp", "solve", "gridworld", "--tau", "0.05");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("method soft-vi tau=0.05"), r.out());
        assertTrue(r.out().contains("policy (most likely action per state"), r.out());
    }

    @Test
    void evalJsonMatchesTheExactEvaluation(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, "{\"policy\": [[1, 0], [0.5, 0.5]]}");
        Cli r = Cli.run("mdp", "eval", "two-state-cmdp", "--policy", p.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = JSON.readTree(r.out());
        double sumD = 0;
        for (JsonNode row : n.get("d")) {
            for (JsonNode x : row) {
                sumD += x.asDouble();
            }
        }
        assertEquals(1.0, sumD, 1e-12);
        // Always a1 in s1 (reward 1 forever from s1); from s2, half the time back to s1.
        assertEquals(10.0, n.get("V").get(0).asDouble(), 1e-10);
        assertEquals(2, n.get("Q").size());
        assertTrue(n.has("expected_return"));
        assertEquals(1, n.get("costs").size());
    }

    @Test
    void badInputIsOneLineWithExitCode2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"npg4j-mdp/1\", \"gamma\": 2}");
        Cli r = Cli.run("mdp", "solve", bad.toString());
        assertEquals(2, r.exitCode());
        assertEquals("npg4j: error: " + bad + ": $.gamma: 2.0 must be in [0, 1)", r.err().strip());
        Cli method = Cli.run("mdp", "solve", "gridworld", "--method", "simplex");
        assertEquals(2, method.exitCode());
        assertEquals("npg4j: error: unknown method 'simplex', expected one of lp, vi, pi", method.err().strip());
        Cli missing = Cli.run("mdp", "eval", "gridworld", "--policy", dir.resolve("none.json").toString());
        assertEquals(2, missing.exitCode());
        assertEquals("npg4j: error: " + dir.resolve("none.json") + ": no such file", missing.err().strip());
        Cli infeasible = Cli.run("mdp", "solve", "gridworld:hazards=true,limit=-1");
        assertEquals(2, infeasible.exitCode());
        assertTrue(infeasible.err().startsWith("npg4j: error: constrained MDP is infeasible"), infeasible.err());
        assertFalse(infeasible.err().contains("\tat "));
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> it) {
        java.util.List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
