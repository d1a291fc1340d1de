package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.train.FinalEvaluation;
import org.npg4j.train.ConfigLayers;
import org.npg4j.util.JsonInput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The evaluation of runs on envs with costs: eval.json, {@code npg4j eval}, the training summary and the report give
 * each constraint's mean episode cost beside the return, for the same policy and episodes, with the limit and whether
 * it is met; constrained runs evaluate the stochastic policy (headline) and the deterministic one.
 */
class SafeEvaluationTest {
    @TempDir
    static Path tmp;
    /** PPO-Lagrangian on the two-cost CartPole, limits [400, 2]. */
    static Path constrained;
    static Cli constrainedTrain;
    /** Unconstrained PPO on CartPoleSafe-v0. */
    static Path unconstrained;

    @BeforeAll
    static void train() throws Exception {
        Path out = tmp.resolve("lag");
        constrainedTrain = Cli.run("train", "--algo", "ppo-lag", "--env", "CartPoleSafeTwoCosts-v0", "--n-envs", "2",
                "--set", "n_steps=64", "--set", "batch_size=64", "--set", "n_epochs=2", "--set",
                "cost_limit=[400, 2]", "--timesteps", "256", "--seed", "4", "--out", out.toString());
        assertEquals(0, constrainedTrain.exitCode(), constrainedTrain.err());
        constrained = only(out);
        Path plain = tmp.resolve("ppo");
        Cli c = Cli.run("train", "--algo", "ppo", "--env", "CartPoleSafe-v0", "--n-envs", "2", "--set", "n_steps=64",
                "--set", "batch_size=64", "--set", "n_epochs=2", "--timesteps", "256", "--out", plain.toString());
        assertEquals(0, c.exitCode(), c.err());
        unconstrained = only(plain);
    }

    private static Path only(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> runs = s.filter(Files::isDirectory).toList();
            assertEquals(1, runs.size(), runs.toString());
            return runs.get(0);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JsonInput.mapper().readTree(text);
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    /** Every figure of an evaluation node is consistent: one cost per constraint, met iff cost ≤ limit. */
    private static void assertJudged(JsonNode e, double[] limits) {
        double[] costs = doubles(e.get("mean_costs"));
        assertEquals(limits.length, costs.length);
        for (int i = 0; i < costs.length; i++) {
            double[] each = doubles(e.get("episode_costs").get(i));
            assertEquals(e.get("returns").size(), each.length);
            assertEquals(costs[i], java.util.Arrays.stream(each).sum() / each.length, 1e-9);
            assertTrue(e.get("std_costs").get(i).asDouble() >= 0);
        }
        boolean all = true;
        for (int i = 0; i < limits.length; i++) {
            assertTrue(costs[i] >= 0, "an episode cost cannot be negative: " + costs[i]);
            assertEquals(costs[i] <= limits[i], e.get("constraints_met").get(i).asBoolean(), "constraint " + i);
            all &= costs[i] <= limits[i];
        }
        assertEquals(all, e.get("all_constraints_met").asBoolean());
    }

    @Test
    void constrainedEvalJsonHasBothPoliciesCostsLimitsAndVerdicts() throws Exception {
        JsonNode eval = json(Files.readString(constrained.resolve("eval.json")));
        double[] limits = {400, 2};
        assertEquals(List.of(400.0, 2.0), List.of(eval.get("cost_limits").get(0).asDouble(),
                eval.get("cost_limits").get(1).asDouble()));
        assertEquals("stochastic", eval.get("policy").asText());
        assertFalse(eval.get("deterministic").asBoolean());
        assertEquals(FinalEvaluation.CONSTRAINED_HEADLINE, eval.get("policy_reason").asText());
        JsonNode all = eval.get("evaluations");
        assertEquals(2, all.size());
        assertEquals("stochastic", all.get(0).get("policy").asText());
        assertEquals("deterministic", all.get(1).get("policy").asText());
        assertTrue(all.get(1).get("deterministic").asBoolean());
        for (JsonNode e : all) {
            assertEquals(20, e.get("returns").size());
            assertJudged(e, limits);
        }
        assertJudged(eval, limits);
        // The top level is the headline: the same numbers as the stochastic entry.
        for (String key : List.of("mean_return", "std_return", "mean_length", "mean_costs", "std_costs",
                "episode_costs", "returns",
                "constraints_met", "all_constraints_met")) {
            assertEquals(all.get(0).get(key), eval.get(key), key);
        }
        // A young policy tilts the pole past 0.05 rad on most steps: the limit 2 on cost 1 is violated.
        assertFalse(eval.get("constraints_met").get(1).asBoolean(), eval.toString());
    }

    @Test
    void trainingSummaryAndEvalPrintCostLimitAndVerdictForTheSameEpisodes() throws Exception {
        JsonNode eval = json(Files.readString(constrained.resolve("eval.json")));
        String out = constrainedTrain.out();
        String headline = String.format(java.util.Locale.ROOT, "eval: 20 stochastic episodes (headline): return %.2f "
                + "+/- %.2f, length %.1f, cost[0] %.2f (limit 400: %s), cost[1] %.2f (limit 2: %s)",
                eval.get("mean_return").asDouble(), eval.get("std_return").asDouble(),
                eval.get("mean_length").asDouble(), eval.get("mean_costs").get(0).asDouble(),
                eval.get("constraints_met").get(0).asBoolean() ? "met" : "VIOLATED",
                eval.get("mean_costs").get(1).asDouble(),
                eval.get("constraints_met").get(1).asBoolean() ? "met" : "VIOLATED");
        assertTrue(out.contains(headline + "\n"), out);
        assertTrue(out.contains("eval: 20 deterministic episodes: return "), out);

        // npg4j eval with the run's evaluation seed reproduces eval.json exactly: same policies, same episodes.
        long seed = ConfigLayers.yaml().readTree(Files.readString(constrained.resolve("config.yaml")))
                .get("component_seeds").get("evaluation").asLong();
        Cli again = Cli.run("eval", constrained.toString(), "--seed", Long.toString(seed), "--json");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(Files.readString(constrained.resolve("eval.json")), again.out());

        Cli text = Cli.run("eval", constrained.toString(), "--episodes", "3");
        List<String> lines = text.out().lines().toList();
        assertEquals(2, lines.size(), text.out());
        assertTrue(lines.get(0).startsWith("ppo-lag CartPoleSafeTwoCosts-v0: 3 stochastic episodes (headline): "
                + "return "), lines.get(0));
        assertTrue(lines.get(1).startsWith("ppo-lag CartPoleSafeTwoCosts-v0: 3 deterministic episodes: return "),
                lines.get(1));
        for (String line : lines) {
            assertTrue(line.contains("(limit 400: ") && line.contains("(limit 2: "), line);
        }

        // --no-deterministic keeps its meaning: the sampling policy only.
        Cli sampled = Cli.run("eval", constrained.toString(), "--episodes", "3", "--no-deterministic", "--json");
        JsonNode s = json(sampled.out());
        assertEquals("stochastic", s.get("policy").asText());
        assertEquals(FinalEvaluation.CHOSEN_HEADLINE, s.get("policy_reason").asText());
        assertEquals(1, s.get("evaluations").size());
        assertJudged(s, new double[] {400, 2});
        Cli mode = Cli.run("eval", constrained.resolve("model.npg").toString(), "--episodes", "3", "--deterministic");
        assertEquals(1, mode.out().lines().count(), mode.out());
        assertTrue(mode.out().startsWith("ppo-lag CartPoleSafeTwoCosts-v0: 3 deterministic episodes: return "),
                mode.out());
    }

    @Test
    void unconstrainedRunOnACostEnvReportsItsCostWithoutALimit() throws Exception {
        JsonNode eval = json(Files.readString(unconstrained.resolve("eval.json")));
        assertEquals("deterministic", eval.get("policy").asText());
        assertEquals(FinalEvaluation.UNCONSTRAINED_HEADLINE, eval.get("policy_reason").asText());
        assertEquals(1, eval.get("mean_costs").size());
        assertEquals(1, eval.get("evaluations").size());
        assertFalse(eval.has("cost_limits") || eval.has("constraints_met"), eval.toString());
        Cli text = Cli.run("eval", unconstrained.toString(), "--episodes", "2");
        assertTrue(text.out().matches("ppo CartPoleSafe-v0: 2 deterministic episodes: return [0-9.]+ \\+/- [0-9.]+, "
                + "length [0-9.]+, cost [0-9.]+\\n"), text.out());
    }

    @Test
    void reportShowsTheEvaluatedCostBesideTheEvaluatedReturnAndLabelsTrainingCostsApart() throws Exception {
        Path html = tmp.resolve("report.html");
        Cli r = Cli.run("report", constrained.toString(), unconstrained.toString(), "-o", html.toString());
        assertEquals(0, r.exitCode(), r.err());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(html)));
        JsonNode eval = json(Files.readString(constrained.resolve("eval.json")));
        JsonNode plainEval = json(Files.readString(unconstrained.resolve("eval.json")));
        NodeList trs = d.getElementsByTagName("tr");
        int runs = 0;
        for (int k = 0; k < trs.getLength(); k++) {
            Element tr = (Element) trs.item(k);
            if (!"run".equals(tr.getAttribute("class"))) {
                continue;
            }
            boolean lag = tr.getTextContent().contains("ppo-lag");
            JsonNode e = lag ? eval : plainEval;
            RunDirectory run = RunDirectory.read(lag ? constrained : unconstrained);
            assertEquals(e.get("policy").asText(), cell(tr, "policy").getTextContent());
            assertEquals(e.get("mean_costs").get(0).asDouble(),
                    Double.parseDouble(cell(tr, "eval-cost").getAttribute("data-value")));
            assertEquals(run.last("rollout/ep_cost_mean"), Double.parseDouble(cell(tr, "cost")
                    .getAttribute("data-value")), "training's cost in its own column");
            if (lag) {
                assertEquals(String.format(java.util.Locale.ROOT, "%.2f, %.2f", e.get("mean_costs").get(0).asDouble(),
                        e.get("mean_costs").get(1).asDouble()), cell(tr, "eval-cost").getTextContent());
                assertEquals("400, 2", cell(tr, "limit").getTextContent());
                assertEquals(e.get("all_constraints_met").asBoolean() ? "yes" : "no", cell(tr, "met").getTextContent());
            } else {
                assertEquals("\u2013", cell(tr, "limit").getTextContent());
                assertEquals("\u2013", cell(tr, "met").getTextContent());
            }
            runs++;
        }
        assertEquals(2, runs);
        assertTrue(Files.readString(html).contains("Constrained runs are evaluated with the stochastic policy"));

        // Two constraints: one cost curve each, one limit line each, none below zero.
        List<TrainingReport.Group> groups = TrainingReport.group(List.of(RunDirectory.read(constrained)));
        var cost = TrainingReport.chart(TrainingReport.FAMILIES.get(1), groups).orElseThrow().getSeriesMap();
        RunDirectory run = RunDirectory.read(constrained);
        for (int i = 0; i < 2; i++) {
            var curve = cost.get("ppo-lag CartPoleSafeTwoCosts-v0 constraint " + i + " (1 seed)");
            double[] y = curve.getYData();
            assertEquals(run.last(org.npg4j.algo.MetricKeys.indexed("rollout/ep_cost_mean", i)), y[y.length - 1]);
        }
        assertTrue(cost.containsKey("cost limit 400") && cost.containsKey("cost limit 2"), cost.keySet().toString());
    }

    private static Element cell(Element row, String cls) {
        NodeList tds = row.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            Element td = (Element) tds.item(i);
            if (cls.equals(td.getAttribute("class"))) {
                return td;
            }
        }
        throw new AssertionError("no cell " + cls + " in " + row.getTextContent());
    }
}
