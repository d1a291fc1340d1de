package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.env.CartPoleSafe;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Policies;

/** Monte-Carlo evaluation: returns and per-constraint episode costs of the same episodes, and the limit verdicts. */
class EpisodeEvaluationTest {
    private static ActorCriticPolicy policy(Env env) {
        return Policies.actorCritic(env.observationSpace(), env.actionSpace(), new int[] {8}, new int[] {8},
                Activation.TANH, 0.0, 7);
    }

    @Test
    void costsAreTheMeanUndiscountedEpisodeCostsOfTheEpisodesWhoseReturnsAreReported() {
        Env env = Envs.make(CartPoleSafe.TWO_COSTS_ID, java.util.Map.of("x_safe", 0.05));
        ActorCriticPolicy p = policy(env);
        int episodes = 6;
        EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(p, env, episodes, true, 40);
        // The same episodes by hand: reset with seed + k, act with the mode, sum reward and each cost.
        double[] returns = new double[episodes];
        double[] costs = new double[2];
        double[][] each = new double[2][episodes];
        double[] action = new double[1];
        for (int k = 0; k < episodes; k++) {
            double[] obs = env.reset(40 + k).observation().clone();
            StepResult s;
            do {
                p.actDeterministic(obs, 0, action, 0);
                s = env.step((int) action[0]);
                returns[k] += s.reward();
                costs[0] += s.costs()[0];
                costs[1] += s.costs()[1];
                each[0][k] += s.costs()[0];
                each[1][k] += s.costs()[1];
                obs = s.observation().clone();
            } while (!s.done());
        }
        assertArrayEquals(returns, r.returns());
        assertEquals(costs[0] / episodes, r.meanCosts()[0], 1e-12);
        assertEquals(costs[1] / episodes, r.meanCosts()[1], 1e-12);
        assertArrayEquals(each[0], r.episodeCosts()[0]);
        assertArrayEquals(each[1], r.episodeCosts()[1]);
        double ss = 0;
        for (double c : each[1]) {
            ss += (c - costs[1] / episodes) * (c - costs[1] / episodes);
        }
        assertEquals(Math.sqrt(ss / episodes), r.stdCost(1), 1e-12);
        assertTrue(r.meanCosts()[0] != r.meanCosts()[1], "two channels: " + r.meanCosts()[0] + ", "
                + r.meanCosts()[1]);
    }

    @Test
    void aConstraintIsMetWhenTheMeanEpisodeCostIsAtMostItsLimit() {
        Env env = Envs.make(CartPoleSafe.TWO_COSTS_ID);
        EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(policy(env), env, 4, false, 3);
        double c1 = r.meanCosts()[1];
        assertTrue(c1 > 0, "a random pole tilts");
        assertArrayEquals(new boolean[] {true, true}, r.meets(new double[] {r.meanCosts()[0], c1}), "J = b is met");
        assertArrayEquals(new boolean[] {true, false}, r.meets(new double[] {r.meanCosts()[0], Math.nextDown(c1)}));
        assertFalse(r.meetsAll(new double[] {1e9, Math.nextDown(c1)}));
        assertTrue(r.meetsAll(new double[] {1e9, c1}));
        assertEquals("1 cost limits for 2 cost signals", assertThrows(IllegalArgumentException.class,
                () -> r.meets(new double[] {5})).getMessage());
    }
}
