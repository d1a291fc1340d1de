package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Activation;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutBuffer;

class CostCriticFitTest {
    /** A rollout whose two costs are smooth functions of the observation, with zero cost values stored. */
    static RolloutBuffer costRollout(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RolloutBuffer buf = new RolloutBuffer(n, 1, 3, 1, 2);
        double[] obs = new double[3];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < 3; j++) {
                obs[j] = rng.nextDouble(-1, 1);
            }
            double[] cost = {obs[0] > 0 ? 1 : 0, 0.5 * obs[1] * obs[1]};
            buf.add(obs, new double[] {0}, new double[] {0}, new double[] {0}, new double[] {0},
                    new boolean[] {true}, cost, new double[2]);
        }
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[2], 0.99, 0.95);
        return buf;
    }

    @Test
    void adamOnTheCostReturnsReducesTheLossOfEveryConstraint() {
        RolloutBuffer buf = costRollout(512, 3);
        CostCritic critic = new CostCritic(3, 2, new int[] {16, 16}, Activation.TANH, 1);
        CostCriticFit fit = new CostCriticFit(critic, 64, 7);
        double first = fit.fit(buf, 1, 64, 1e-3);
        double later = 0;
        for (int i = 0; i < 60; i++) {
            later = fit.fit(buf, 1, 64, 3e-3);
        }
        assertTrue(later < 0.3 * first, "loss " + first + " -> " + later);
        double[] v = new double[512 * 2];
        critic.predict(buf.observations(), 512, v);
        double err0 = 0;
        double err1 = 0;
        for (int r = 0; r < 512; r++) {
            err0 += Math.pow(v[2 * r] - buf.costReturns()[2 * r], 2) / 512;
            err1 += Math.pow(v[2 * r + 1] - buf.costReturns()[2 * r + 1], 2) / 512;
        }
        // Each critic explains most of its constraint's variance (var 1/4 resp. (1/5 - 1/9)/4 ≈ 0.022).
        assertTrue(err0 < 0.3 * 0.25 && err1 < 0.3 * (0.2 - 1.0 / 9) / 4, "per-constraint errors " + err0 + ", " + err1);
    }

    @Test
    void aCheckpointedFitContinuesBitForBit() {
        RolloutBuffer buf = costRollout(128, 4);
        CostCritic a = new CostCritic(3, 2, new int[] {8}, Activation.TANH, 1);
        CostCriticFit fa = new CostCriticFit(a, 32, 7);
        fa.fit(buf, 2, 32, 1e-3);
        StateMap state = new StateMap();
        fa.writeCheckpoint(state);
        CostCritic b = new CostCritic(3, 2, new int[] {8}, Activation.TANH, 99);
        CostCriticFit fb = new CostCriticFit(b, 32, 0);
        fb.readCheckpoint(state);
        assertEquals(fa.fit(buf, 2, 32, 1e-3), fb.fit(buf, 2, 32, 1e-3), 0.0);
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
    }

    @Test
    void refusesARolloutWithAnotherNumberOfCosts() {
        RolloutBuffer buf = costRollout(16, 4);
        CostCriticFit fit = new CostCriticFit(new CostCritic(3, 1, new int[] {8}, Activation.TANH, 1), 8, 0);
        assertEquals("the rollout has 2 cost signals, the cost critic 1",
                assertThrows(IllegalArgumentException.class, () -> fit.fit(buf, 1, 8, 1e-3)).getMessage());
    }
}
