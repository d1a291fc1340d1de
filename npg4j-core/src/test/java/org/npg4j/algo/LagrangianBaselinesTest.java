package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import static org.npg4j.algo.LagrangianConfig.CostAdvantage.CENTER;
import static org.npg4j.algo.LagrangianConfig.CostAdvantage.STANDARDIZE;

import org.junit.jupiter.api.Test;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * PPO-Lagrangian and TRPO-Lagrangian are their parents' updates on the combined advantage
 * (Â_r − Σ λ_i Â_{c_i})/(1 + Σ λ_i), with the multipliers moved first.
 */
class LagrangianBaselinesTest {
    private static final int N = 64;

    static ActorCriticPolicy policy(long seed) {
        return ActorCriticPolicy.builder(4).piLayers(8).vfLayers(8).seed(seed).discrete(3).build();
    }

    /** A rollout of random states, actions from the policy, random rewards and m random 0/1 cost signals. */
    static RolloutBuffer rollout(ActorCriticPolicy p, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RolloutBuffer buf = new RolloutBuffer(N, 1, 4, 1, m);
        double[] obs = new double[4];
        double[] act = new double[1];
        double[] lp = new double[1];
        double[] v = new double[1];
        double[] c = new double[m];
        double[] cv = new double[m];
        for (int t = 0; t < N; t++) {
            for (int j = 0; j < 4; j++) {
                obs[j] = rng.nextGaussian();
            }
            p.act(obs, 0, rng, act, 0);
            p.evaluateActions(obs, act, 1, lp, null, v);
            lp[0] += 0.2 * rng.nextGaussian();
            for (int i = 0; i < m; i++) {
                c[i] = rng.nextDouble() < 0.3 + 0.2 * i ? 1 : 0;
                cv[i] = rng.nextDouble();
            }
            buf.add(obs, act, lp, v, new double[] {rng.nextGaussian()}, new boolean[] {t % 20 == 0}, c, cv);
        }
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {false}, new double[m], 0.99, 0.95);
        return buf;
    }

    private static double[] normalized(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = (x[k] - mean) / (std + 1e-8);
        }
        return out;
    }

    private static double[] centred(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] - mean;
        }
        return out;
    }

    private static double[] column(double[] flat, int m, int i) {
        double[] c = new double[flat.length / m];
        for (int k = 0; k < c.length; k++) {
            c[k] = flat[k * m + i];
        }
        return c;
    }

    @Test
    void combinedAdvantageIsTheNormalizedLagrangianCombination() {
        RolloutBuffer buf = rollout(policy(1), 2, 7);
        Minibatch mb = Minibatch.forBuffer(buf, N).gatherAll(buf);
        double[] lambda = {0.7, 2.5};
        double[] out = new double[N];
        new CombinedAdvantage().combine(mb, lambda, true, STANDARDIZE, out);
        double[] r = normalized(mb.advantages);
        double[] c0 = normalized(column(mb.costAdvantages, 2, 0));
        double[] c1 = normalized(column(mb.costAdvantages, 2, 1));
        for (int k = 0; k < N; k++) {
            assertEquals((r[k] - 0.7 * c0[k] - 2.5 * c1[k]) / 4.2, out[k], 1e-12, "sample " + k);
        }
        // Centred cost advantages (the default): the mean subtracted, the scale kept.
        new CombinedAdvantage().combine(mb, lambda, true, CENTER, out);
        double[] d0 = centred(column(mb.costAdvantages, 2, 0));
        double[] d1 = centred(column(mb.costAdvantages, 2, 1));
        for (int k = 0; k < N; k++) {
            assertEquals((r[k] - 0.7 * d0[k] - 2.5 * d1[k]) / 4.2, out[k], 1e-12, "centred sample " + k);
        }
        for (LagrangianConfig.CostAdvantage mode : LagrangianConfig.CostAdvantage.values()) {
            new CombinedAdvantage().combine(mb, lambda, false, mode, out);
            for (int k = 0; k < N; k++) {
                double expected = (mb.advantages[k] - 0.7 * mb.costAdvantages[2 * k]
                        - 2.5 * mb.costAdvantages[2 * k + 1]) / 4.2;
                assertEquals(expected, out[k], 1e-12, mode + ", unnormalized sample " + k);
            }
        }
        new CombinedAdvantage().combine(mb, new double[] {0, 0}, false, CENTER, out);
        assertArrayEquals(mb.advantages, java.util.Arrays.copyOf(out, N), "λ = 0: the reward advantages exactly");
    }

    @Test
    void policyGradientOfTheCombinedObjectiveIsTheLagrangianCombinationOfGradients() {
        ActorCriticPolicy p = policy(2);
        RolloutBuffer buf = rollout(p, 1, 9);
        Minibatch mb = Minibatch.forBuffer(buf, N).gatherAll(buf);
        double lambda = 1.3;
        double[] combinedAdv = new double[N];
        new CombinedAdvantage().combine(mb, new double[] {lambda}, true, STANDARDIZE, combinedAdv);
        PpoLoss loss = new PpoLoss(N);
        int k = p.parameterCount();
        double[] g = new double[k];
        double[] gr = new double[k];
        double[] gc = new double[k];
        // Clip range large enough that no ratio is clipped: the loss is linear in the advantages.
        assertEquals(0.0, loss.evaluate(p, mb, combinedAdv, 10, 0, 0, 0, g).clipFraction());
        loss.evaluate(p, mb, normalized(mb.advantages), 10, 0, 0, 0, gr);
        loss.evaluate(p, mb, normalized(mb.costAdvantages), 10, 0, 0, 0, gc);
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(g[i]));
        }
        assertTrue(scale > 1e-3);
        for (int i = 0; i < k; i++) {
            assertEquals((gr[i] - lambda * gc[i]) / (1 + lambda), g[i], 1e-10 * scale, "parameter " + i);
        }
    }

    private static PpoConfig ppoConfig(boolean normalize) {
        return PpoConfig.builder().batchSize(N / 2).nEpochs(3).learningRate(1e-2)
                .normalizeAdvantage(normalize).build();
    }

    private static CostCritic critic(int m) {
        return new CostCritic(4, m, new int[] {8}, Activation.TANH, 3);
    }

    @Test
    void ppoLagrangianIsPpoOnTheCombinedAdvantage() {
        ActorCriticPolicy a = policy(4);
        ActorCriticPolicy b = policy(4);
        RolloutBuffer buf = rollout(a, 2, 11);
        LagrangianConfig lc = LagrangianConfig.builder().costLimits(5, 5).multiplierInit(0.5)
                .optimizer(LagrangianConfig.Optimizer.SGD).build();
        PpoLagrangian lag = new PpoLagrangian(ppoConfig(false), lc, a, critic(2), 21, 22);
        Map<String, Double> m = lag.train(buf, 1.0);
        assertEquals(0.5, m.get("train/lagrangian_multiplier"), "no constraint value observed: λ unchanged");
        assertEquals(0.5, m.get("train/lagrangian_multiplier_1"));
        assertTrue(m.get("train/cost_value_loss") > 0);

        double[] adv = buf.advantages();
        double[] ca = buf.costAdvantages();
        double scale = 1.0 / (1.0 + 1.0);
        for (int k = 0; k < N; k++) {
            adv[k] = (adv[k] - 0.5 * ca[2 * k] - 0.5 * ca[2 * k + 1]) * scale;
        }
        new Ppo(ppoConfig(false), b, 21).train(buf, 1.0);
        assertArrayEquals(b.parameters(), a.parameters(), "the same parameters, bit for bit");
    }

    @Test
    void trpoLagrangianIsTrpoOnTheCombinedAdvantage() {
        ActorCriticPolicy a = policy(5);
        ActorCriticPolicy b = policy(5);
        RolloutBuffer buf = rollout(a, 1, 13);
        TrpoConfig normalized = TrpoConfig.builder().batchSize(16).build();
        TrpoConfig raw = TrpoConfig.builder().batchSize(16).normalizeAdvantage(false).build();
        LagrangianConfig lc = LagrangianConfig.builder().costLimits(2).multiplierInit(0.0)
                .optimizer(LagrangianConfig.Optimizer.SGD).lambdaLr(0.25).build();
        TrpoLagrangian lag = new TrpoLagrangian(normalized, lc, a, critic(1), N, 31, 32);
        lag.observeEpisodeCosts(new double[] {6}); // violated by 4: λ = 0.25·4 = 1 before the policy step
        Map<String, Double> m = lag.train(buf, 1.0);
        assertEquals(1.0, m.get("train/lagrangian_multiplier"));
        assertEquals(1.0, m.get("train/is_line_search_success"));

        Minibatch mb = Minibatch.forBuffer(buf, N).gatherAll(buf);
        double[] combinedAdv = new double[N];
        new CombinedAdvantage().combine(mb, new double[] {1.0}, true, CENTER, combinedAdv);
        System.arraycopy(combinedAdv, 0, buf.advantages(), 0, N);
        new Trpo(raw, b, N, 31).train(buf, 1.0);
        assertArrayEquals(b.parameters(), a.parameters(), "the same parameters, bit for bit");
    }

    @Test
    void theMultipliersMoveOncePerRolloutBeforeThePolicyUpdate() {
        ActorCriticPolicy p = policy(6);
        LagrangianConfig lc = LagrangianConfig.builder().costLimits(10).multiplierInit(0.1)
                .optimizer(LagrangianConfig.Optimizer.SGD).lambdaLr(0.05).build();
        PpoLagrangian lag = new PpoLagrangian(ppoConfig(true), lc, p, critic(1), 1, 2);
        RolloutBuffer buf = rollout(p, 1, 15);
        lag.observeEpisodeCosts(new double[] {30});
        assertEquals(1.1, lag.train(buf, 1.0).get("train/lagrangian_multiplier"), 1e-15);
        // A second update without a new observation does not reuse the old one.
        assertEquals(1.1, lag.train(buf, 1.0).get("train/lagrangian_multiplier"), 1e-15);
        lag.observeEpisodeCosts(new double[] {0});
        assertEquals(0.6, lag.train(buf, 1.0).get("train/lagrangian_multiplier"), 1e-15);
        assertEquals("expected 1 constraint values, got 2", assertThrows(IllegalArgumentException.class,
                () -> lag.observeEpisodeCosts(new double[] {1, 2})).getMessage());
        assertEquals("cost_limit has 1 limits, the env reports 2 cost signals", assertThrows(
                IllegalArgumentException.class, () -> new PpoLagrangian(ppoConfig(true), lc, p, critic(2), 1, 2))
                .getMessage());
    }

    @Test
    void checkpointCarriesTheMultipliersAndTheCostCritic() {
        for (boolean trpo : new boolean[] {false, true}) {
            LagrangianConfig lc = LagrangianConfig.builder().costLimits(1).method(LagrangianConfig.Method.PID).build();
            ActorCriticPolicy pa = policy(8);
            ConstrainedAlgorithm a = trpo ? new TrpoLagrangian(TrpoConfig.builder().batchSize(16).build(), lc,
                    pa, critic(1), N, 1, 2) : new PpoLagrangian(ppoConfig(true), lc, pa, critic(1), 1, 2);
            RolloutBuffer buf = rollout(pa, 1, 17);
            a.observeEpisodeCosts(new double[] {4});
            a.train(buf, 1.0);
            StateMap state = new StateMap();
            a.writeCheckpoint(state);
            double[] theta = pa.parameters().clone();

            ActorCriticPolicy pb = policy(99);
            System.arraycopy(theta, 0, pb.parameters(), 0, theta.length);
            CostCritic other = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 77);
            ConstrainedAlgorithm b = trpo ? new TrpoLagrangian(TrpoConfig.builder().batchSize(16).build(),
                    lc, pb, other, N, 5, 6) : new PpoLagrangian(ppoConfig(true), lc, pb, other, 5, 6);
            b.readCheckpoint(state);
            assertArrayEquals(a.costCritic().parameters(), b.costCritic().parameters());
            a.observeEpisodeCosts(new double[] {3});
            b.observeEpisodeCosts(new double[] {3});
            Map<String, Double> ma = a.train(buf, 0.5);
            Map<String, Double> mb = b.train(buf, 0.5);
            assertEquals(ma, mb, trpo ? "trpo-lag" : "ppo-lag");
            assertArrayEquals(pa.parameters(), pb.parameters());
            assertArrayEquals(a.costCritic().parameters(), b.costCritic().parameters());
        }
    }
}
