package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

class PcpoTest {
    private static Pcpo pcpo(ActorCriticPolicy p, PcpoProjection projection, double limit, int n, long criticSeed) {
        CostCritic critic = new CostCritic(4, 1, new int[] {8}, Activation.TANH, criticSeed);
        PcpoConfig config = PcpoConfig.builder().trpo(t -> t.batchSize(32).nCriticUpdates(1)).projection(projection)
                .costLimits(limit).build();
        return new Pcpo(config, RolloutConfig.of(n, CpoTest.GAMMA, 0.95), p, critic, 0, 1);
    }

    /**
     * The projected step against the paper's closed form (Yang et al. 2020, eq. 12), computed directly on an explicit
     * 5×5 H: x = √(2δ/gᵀH⁻¹g) H⁻¹g − max(0, (√(2δ/gᵀH⁻¹g) aᵀH⁻¹g + c)/(aᵀL⁻¹a)) L⁻¹a; and against optimality itself:
     * no feasible point sampled near it is closer to the reward step in L's norm.
     */
    @ParameterizedTest(name = "{0} projection, c = {1}")
    @CsvSource({"KL, 0.3", "KL, -0.01", "KL, -5.0", "L2, 0.3", "L2, -0.01", "L2, -5.0"})
    void projectionMatchesTheClosedForm(PcpoProjection projection, double c) {
        double delta = 0.02;
        SmallQp qp = new SmallQp(5, 11);
        SplittableRandom rng = new SplittableRandom(12);
        double[] g = SmallQp.gaussian(5, rng);
        double[] a = SmallQp.gaussian(5, rng);
        for (int i = 0; i < 5; i++) {
            a[i] += g[i]; // the reward step raises the cost
        }
        double[] v = qp.solve(g);
        double q = SmallQp.dot(g, v);
        double scale = Math.sqrt(2 * delta / q);
        double[] metricInverseA = projection == PcpoProjection.KL ? qp.solve(a) : a.clone();
        double t = Math.max(0, (scale * SmallQp.dot(a, v) + c) / SmallQp.dot(a, metricInverseA));
        double[] expected = new double[5];
        double[] x = new double[5];
        double[] reward = new double[5];
        for (int i = 0; i < 5; i++) {
            reward[i] = scale * v[i];
            expected[i] = reward[i] - t * metricInverseA[i];
            x[i] = reward[i];
        }
        double size = Pcpo.projectInPlace(x, a, metricInverseA, c);
        assertEquals(t, size, 1e-15);
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], x[i], 1e-14, "x_" + i);
        }
        boolean active = SmallQp.dot(a, reward) + c > 0;
        assertEquals(active, size > 0, "projects exactly when the reward step leaves the set");
        assertTrue(SmallQp.dot(a, x) + c <= 1e-12, "aᵀx + c = " + (SmallQp.dot(a, x) + c));
        if (active) {
            assertEquals(0.0, SmallQp.dot(a, x) + c, 1e-12, "lands on the boundary");
        }
        double best = distance(qp, projection, x, reward);
        int feasible = 0;
        for (int k = 0; k < 4000; k++) {
            double[] z = SmallQp.gaussian(5, rng);
            for (int i = 0; i < 5; i++) {
                z[i] = x[i] + 0.05 * z[i];
            }
            if (SmallQp.dot(a, z) + c <= 0) {
                feasible++;
                assertTrue(distance(qp, projection, z, reward) >= best, "a feasible point closer than the projection");
            }
        }
        assertTrue(feasible > 1000, "sampled feasible points " + feasible);
    }

    private static double distance(SmallQp qp, PcpoProjection projection, double[] z, double[] from) {
        double[] d = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            d[i] = z[i] - from[i];
        }
        return SmallQp.dot(d, projection == PcpoProjection.KL ? qp.times(d) : d);
    }

    @ParameterizedTest
    @CsvSource({"KL, false", "KL, true", "L2, false", "L2, true"})
    void aViolatedConstraintLowersTheCostSurrogate(PcpoProjection projection, boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 2);
        // The reward pulls towards cost: the reward step alone raises α.
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 3, 2.0, 0.0);
        double limit = 5;
        double episodeCost = 5.5;
        Pcpo algo = pcpo(p, projection, limit, 128, 1);
        CpoTest.CostSurrogateReference ref = new CpoTest.CostSurrogateReference(p, buf);
        algo.observeEpisodeCosts(new double[] {episodeCost});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertTrue(m.get("train/projection_size") > 0, "projected");
        double alpha = ref.alpha();
        assertTrue(alpha < 0, projection + ": cost surrogate change " + alpha);
        assertEquals(alpha, m.get("train/cost_surrogate"), 1e-12);
        assertEquals(ref.kl(), m.get("train/kl_divergence_loss"), 1e-12);
        // The linearized cost lands on the boundary aᵀx = −c; the sampled α agrees up to the second-order terms.
        assertEquals(-(episodeCost - limit), alpha, 0.5 * (episodeCost - limit), "α " + alpha);
        // The reward step alone (a limit that never binds) raises the cost surrogate.
        ActorCriticPolicy q = PpoTest.policy(continuous, 2);
        CpoTest.CostSurrogateReference refQ = new CpoTest.CostSurrogateReference(q, buf);
        Pcpo free = pcpo(q, projection, 1e6, 128, 1);
        free.observeEpisodeCosts(new double[] {0.0});
        assertEquals(0.0, free.train(buf, 1.0).get("train/projection_size"));
        assertTrue(refQ.alpha() > 0, "the reward step's α " + refQ.alpha());
    }

    @ParameterizedTest
    @CsvSource({"KL", "L2"})
    void aSlackConstraintLeavesTheTrpoRewardStep(PcpoProjection projection) {
        ActorCriticPolicy p = PpoTest.policy(false, 4);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 9, 1.0, 0.0);
        CpoTest.CostSurrogateReference ref = new CpoTest.CostSurrogateReference(p, buf);
        Pcpo algo = pcpo(p, projection, 1e6, 128, 1);
        algo.observeEpisodeCosts(new double[] {0.0});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(0.0, m.get("train/projection_size"));
        // The step √(2δ/xᵀHx) x reaches KL ≈ δ under the quadratic model.
        double kl = ref.kl();
        assertTrue(kl > 0.5 * 0.01 && kl < 1.5 * 0.01, "KL " + kl);
        assertTrue(m.get("train/policy_objective_gain") > 0, "the reward surrogate improves");
    }

    @Test
    void aCheckpointedUpdateContinuesBitForBit() {
        ActorCriticPolicy p = PpoTest.policy(true, 5);
        RolloutBuffer buf = SafeRollouts.rollout(p, 64, 6, 1.0, 0.0);
        Pcpo a = pcpo(p, PcpoProjection.KL, 5, 64, 1);
        a.observeEpisodeCosts(new double[] {7});
        a.train(buf, 1.0);
        StateMap state = new StateMap();
        a.writeCheckpoint(state);
        ActorCriticPolicy q = PpoTest.policy(true, 5);
        System.arraycopy(p.parameters(), 0, q.parameters(), 0, p.parameterCount());
        Pcpo b = pcpo(q, PcpoProjection.KL, 5, 64, 77);
        b.readCheckpoint(state);
        a.observeEpisodeCosts(new double[] {4});
        b.observeEpisodeCosts(new double[] {4});
        assertEquals(a.train(buf, 0.5), b.train(buf, 0.5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.parameters(), q.parameters(), 0.0);
    }

    @Test
    void refusesMismatchedLimitsAndUnknownProjections() {
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        CostCritic two = new CostCritic(4, 2, new int[] {8}, Activation.TANH, 1);
        assertEquals("cost_limit has 3 limits, the env reports 2 cost signals", assertThrows(
                IllegalArgumentException.class, () -> new Pcpo(PcpoConfig.builder().costLimits(1, 2, 3).build(),
                        RolloutConfig.of(8, 0.99, 0.95), p, two, 0, 1)).getMessage());
        assertEquals("projection must be kl or l2, got \"l1\"",
                assertThrows(IllegalArgumentException.class, () -> PcpoProjection.parse("l1")).getMessage());
        assertEquals(PcpoProjection.L2, PcpoProjection.parse("L2"));
        assertEquals("projection is required (kl or l2)", assertThrows(IllegalArgumentException.class,
                () -> PcpoConfig.builder().projection(null).build()).getMessage());
    }
}
