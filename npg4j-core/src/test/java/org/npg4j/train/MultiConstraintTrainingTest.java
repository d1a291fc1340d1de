package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.ConstrainedAlgorithm;
import org.npg4j.algo.MetricKeys;
import org.npg4j.env.CartPoleSafe;

/**
 * Every constrained algorithm with m = 2 constraints (CartPoleSafeTwoCosts-v0: cart position and pole angle), one
 * limit each: the limits reach the update, every update logs one set of safety metrics per constraint, and the
 * constraints are handled apart (a slack one and a violated one).
 */
class MultiConstraintTrainingTest {
    private static final String ENV = CartPoleSafe.TWO_COSTS_ID;
    private static final String BASE = "n_envs: 2\nn_steps: 128\nbatch_size: 64\n";

    private static ObjectNode yaml(String text) {
        return (ObjectNode) ConfigLayers.parse(text, "test");
    }

    /** Trains {@code algo} for 4 updates with the two limits and returns its logged rows. */
    private static List<Map<String, Double>> train(String algo, String limits, double[] expected) {
        boolean epochs = algo.equals("ppo-lag") || algo.equals("c3po");
        String cfg = BASE + (epochs ? "n_epochs: 2\n" : "") + "cost_limit: " + limits + "\n";
        try (TrainingSetup s = Algorithms.build(algo, ENV, yaml(cfg), 11, 1)) {
            assertArrayEquals(expected, ((ConstrainedAlgorithm) s.update()).costLimits(), algo);
            assertArrayEquals(expected, s.costLimits(), algo);
            InMemoryLogger log = new InMemoryLogger();
            s.trainer().addLogger(log);
            s.learn(4 * 256);
            assertEquals(4, log.rows().size(), algo);
            double[] violation = new double[2];
            for (Map<String, Double> row : log.rows()) {
                for (int i = 0; i < 2; i++) {
                    double jc = row.get(MetricKeys.indexed(MetricKeys.EPISODE_COST, i));
                    assertEquals(expected[i], row.get(MetricKeys.indexed(MetricKeys.COST_LIMIT, i)), algo);
                    assertTrue(row.containsKey(MetricKeys.indexed(MetricKeys.EP_COST_MEAN, i)), algo);
                    if (!Double.isNaN(jc)) {
                        violation[i] += Math.max(0, jc - expected[i]);
                    }
                    assertEquals(violation[i], row.get(MetricKeys.indexed(MetricKeys.CUMULATIVE_VIOLATION, i)), 1e-9,
                            algo + " constraint " + i);
                }
            }
            return log.rows();
        }
    }

    private static Map<String, Double> last(List<Map<String, Double>> rows) {
        return rows.get(rows.size() - 1);
    }

    @Test
    void lagrangianBaselinesKeepOneMultiplierPerConstraint() {
        for (String algo : new String[] {"ppo-lag", "trpo-lag"}) {
            // The cart rarely leaves |x| <= 1 in 4 updates; the pole of a young policy tilts past 0.05 rad often.
            List<Map<String, Double>> rows = train(algo, "[400, 0]", new double[] {400, 0});
            Map<String, Double> row = last(rows);
            double lambda0 = row.get(MetricKeys.LAGRANGIAN_MULTIPLIER);
            double lambda1 = row.get(MetricKeys.indexed(MetricKeys.LAGRANGIAN_MULTIPLIER, 1));
            assertTrue(row.get(MetricKeys.indexed(MetricKeys.EPISODE_COST, 1)) > 0, algo + ": the angle limit 0 is "
                    + "violated");
            assertTrue(lambda1 > 0.001, algo + ": λ_1 grows from its initial 0.001 while violated, got " + lambda1);
            assertTrue(lambda0 < 0.001, algo + ": λ_0 shrinks from 0.001 while slack, got " + lambda0);
        }
    }

    @Test
    void cTrpoReportsTheSlackOfEachConstraint() {
        List<Map<String, Double>> rows = train("ctrpo", "[400, 2]", new double[] {400, 2});
        for (Map<String, Double> row : rows) {
            for (int i = 0; i < 2; i++) {
                double jc = row.get(MetricKeys.indexed(MetricKeys.EPISODE_COST, i));
                if (!Double.isNaN(jc)) {
                    assertEquals(new double[] {400, 2}[i] - jc, row.get(MetricKeys.indexed(MetricKeys.SLACK, i)),
                            1e-9);
                }
                assertTrue(row.containsKey(MetricKeys.indexed(MetricKeys.COST_SURROGATE, i)));
            }
        }
    }

    @Test
    void c3poReportsTheThresholdAndCostSurrogateOfEachConstraint() {
        List<Map<String, Double>> rows = train("c3po", "7", new double[] {7, 7});
        Map<String, Double> row = last(rows);
        for (int i = 0; i < 2; i++) {
            assertTrue(row.containsKey(MetricKeys.indexed(MetricKeys.COST_THRESHOLD, i)), "threshold " + i);
            assertTrue(row.containsKey(MetricKeys.indexed(MetricKeys.COST_SURROGATE, i)), "surrogate " + i);
        }
        assertFalse(row.get(MetricKeys.EPISODE_COST).equals(row.get(MetricKeys.indexed(MetricKeys.EPISODE_COST, 1))),
                "two cost channels, two different episode costs: " + row);
    }

    @Test
    void cpoAndPcpoLinearizeEveryConstraint() {
        for (String algo : new String[] {"cpo", "pcpo"}) {
            // The angle limit 2 is violated by a young policy, the position limit 400 is slack.
            List<Map<String, Double>> rows = train(algo, "[400, 2]", new double[] {400, 2});
            boolean angleViolated = false;
            for (Map<String, Double> row : rows) {
                for (int i = 0; i < 2; i++) {
                    double jc = row.get(MetricKeys.indexed(MetricKeys.EPISODE_COST, i));
                    if (!Double.isNaN(jc)) {
                        assertEquals(new double[] {400, 2}[i] - jc, row.get(MetricKeys.indexed(MetricKeys.SLACK, i)),
                                1e-9, algo);
                        angleViolated |= i == 1 && jc > 2;
                    }
                    assertTrue(Double.isFinite(row.get(MetricKeys.indexed(MetricKeys.COST_SURROGATE, i))), algo);
                }
            }
            assertTrue(angleViolated, algo + ": the angle constraint is violated at some update");
            Map<String, Double> row = last(rows);
            if (algo.equals("cpo")) {
                assertTrue(row.get(MetricKeys.indexed(MetricKeys.COST_MULTIPLIER, 1)) >= 0);
                // A violated angle constraint: never the unconstrained case.
                assertTrue(row.get(MetricKeys.CPO_CASE) != 3.0, row.toString());
            } else {
                assertTrue(row.get(MetricKeys.indexed(MetricKeys.PROJECTION_SIZE, 1)) >= 0);
                assertEquals(0.0, row.get(MetricKeys.PROJECTION_SIZE), 1e-12, "the slack constraint projects nothing");
            }
        }
    }
}
