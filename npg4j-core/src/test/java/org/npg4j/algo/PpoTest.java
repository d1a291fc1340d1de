package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

class PpoTest {
    static ActorCriticPolicy policy(boolean continuous, long seed) {
        ActorCriticPolicy.Builder b = ActorCriticPolicy.builder(4).piLayers(8).vfLayers(8).seed(seed);
        return (continuous ? b.continuous(2) : b.discrete(3)).build();
    }

    /** A rollout of random states and actions from the policy, with perturbed old log-probs so ratios vary. */
    static RolloutBuffer rollout(ActorCriticPolicy p, int n, long seed, double logProbNoise) {
        SplittableRandom rng = new SplittableRandom(seed);
        int ad = p.distribution().actionSize();
        RolloutBuffer buf = new RolloutBuffer(n, 1, 4, ad, 0);
        double[] obs = new double[4], act = new double[ad], lp = new double[1], v = new double[1];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < 4; j++) {
                obs[j] = rng.nextGaussian();
            }
            p.act(obs, 0, rng, act, 0);
            p.evaluateActions(obs, act, 1, lp, null, v);
            lp[0] += logProbNoise * rng.nextGaussian();
            buf.add(obs, act, lp, v, new double[] {rng.nextGaussian()}, new boolean[] {t == 0}, null, null);
        }
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {false}, null, 0.99, 0.95);
        return buf;
    }

    @ParameterizedTest
    @CsvSource({"false, 0.2, 0.0, 0.0", "false, 0.1, 0.01, 0.2", "true, 0.2, 0.0, 0.0", "true, 0.15, 0.05, 0.5"})
    void lossGradientMatchesFiniteDifferences(boolean continuous, double clip, double entCoef, double clipVf) {
        ActorCriticPolicy p = policy(continuous, 3);
        RolloutBuffer buf = rollout(p, 40, 5, 0.3);
        Minibatch mb = Minibatch.forBuffer(buf, 40).gatherAll(buf);
        double[] adv = mb.advantages.clone();
        PpoLoss loss = new PpoLoss(40);
        double[] grad = new double[p.parameterCount()];
        PpoLoss.Terms terms = loss.evaluate(p, mb, adv, clip, clipVf, entCoef, 0.5, grad);
        assertTrue(terms.clipFraction() > 0, "some ratios are clipped, so the test covers both branches");
        SplittableRandom rng = new SplittableRandom(11);
        double[] theta = p.parameters();
        for (int trial = 0; trial < 5; trial++) {
            double[] dir = new double[theta.length];
            double analytic = 0;
            for (int i = 0; i < dir.length; i++) {
                dir[i] = rng.nextGaussian();
                analytic += dir[i] * grad[i];
            }
            double h = 1e-6;
            double[] saved = theta.clone();
            for (int i = 0; i < dir.length; i++) {
                theta[i] = saved[i] + h * dir[i];
            }
            double plus = loss.evaluate(p, mb, adv, clip, clipVf, entCoef, 0.5, null).total(entCoef, 0.5);
            for (int i = 0; i < dir.length; i++) {
                theta[i] = saved[i] - h * dir[i];
            }
            double minus = loss.evaluate(p, mb, adv, clip, clipVf, entCoef, 0.5, null).total(entCoef, 0.5);
            System.arraycopy(saved, 0, theta, 0, theta.length);
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, analytic, 1e-6 * Math.max(1, Math.abs(numeric)), "direction " + trial);
        }
    }

    @Test
    void firstGradientOfAnUnclippedBatchIsThePolicyGradient() {
        // At θ = θ_old every ratio is 1: ∇L_clip = -(1/B) Σ Â_i ∇log π(a_i|s_i), the vanilla policy gradient.
        ActorCriticPolicy p = policy(false, 7);
        RolloutBuffer buf = rollout(p, 16, 9, 0.0);
        Minibatch mb = Minibatch.forBuffer(buf, 16).gatherAll(buf);
        double[] grad = new double[p.parameterCount()];
        new PpoLoss(16).evaluate(p, mb, mb.advantages, 0.2, 0, 0, 0, grad);
        double[] pg = new double[p.parameterCount()];
        for (int i = 0; i < 16; i++) {
            double[] score = new double[p.parameterCount()];
            p.score(mb.observations, i * 4, mb.actions, i, score);
            for (int j = 0; j < pg.length; j++) {
                pg[j] -= mb.advantages[i] * score[j] / 16;
            }
        }
        for (int j = 0; j < pg.length; j++) {
            assertEquals(pg[j], grad[j], 1e-12);
        }
    }

    @Test
    void updateMovesProbabilityTowardsThePositiveAdvantageAction() {
        // A one-state bandit: action 0 gets advantage +1, the others -1 (returns equal advantages, values 0).
        ActorCriticPolicy p = ActorCriticPolicy.builder(1).piLayers(4).vfLayers(4).discrete(3).seed(1).build();
        int n = 64;
        RolloutBuffer buf = new RolloutBuffer(n, 1, 1, 1, 0);
        double[] lp = new double[1];
        for (int t = 0; t < n; t++) {
            double[] act = {t % 3};
            p.evaluateActions(new double[] {1}, act, 1, lp, null);
            buf.add(new double[] {1}, act, lp, new double[] {0}, new double[] {t % 3 == 0 ? 1 : -1},
                    new boolean[] {true}, null, null);
        }
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, null, 0.99, 0.95);
        double[] before = new double[1];
        p.evaluateActions(new double[] {1}, new double[] {0}, 1, before, null);
        Ppo ppo = new Ppo(PpoConfig.builder().batchSize(16).nEpochs(4).learningRate(3e-3).build(), p, 0);
        Map<String, Double> m = ppo.train(buf, 1.0);
        double[] after = new double[1];
        p.evaluateActions(new double[] {1}, new double[] {0}, 1, after, null);
        assertTrue(after[0] > before[0] + 0.05, "log pi(a0) " + before[0] + " -> " + after[0]);
        assertEquals(4.0, m.get("train/n_updates"), "SB3 counts epochs");
        assertTrue(m.get("train/approx_kl") > 0);
    }

    @Test
    void metricsMeanWhatSb3sMean() {
        ActorCriticPolicy p = policy(false, 6);
        RolloutBuffer buf = rollout(p, 64, 7, 0.0);
        // target_kl so small that the first minibatch of the second epoch stops training (before its step).
        Ppo ppo = new Ppo(PpoConfig.builder().batchSize(16).nEpochs(5).learningRate(1e-2).targetKl(1e-12).build(), p,
                0);
        Map<String, Double> m = ppo.train(buf, 1.0);
        // Epoch 1: the first minibatch is at θ_old (approx_kl 0, its step is taken); the second one stops.
        assertEquals(1.0, m.get("train/epochs"));
        assertEquals(1.0, m.get("train/n_updates"), "n_updates counts epochs, the stopped one included");
        assertTrue(m.get("train/approx_kl") > 0, "the mean over the epoch's minibatches, the stopping one included");
        assertEquals(1.0, ppo.updates());
    }

    @Test
    void targetKlStopsTheEpochsEarly() {
        ActorCriticPolicy p = policy(false, 2);
        RolloutBuffer buf = rollout(p, 64, 3, 0.0);
        Ppo ppo = new Ppo(PpoConfig.builder().batchSize(16).nEpochs(50).learningRate(1e-2)
                .targetKl(0.001).build(), p, 0);
        Map<String, Double> m = ppo.train(buf, 1.0);
        assertTrue(m.get("train/n_updates") < 50 * 4, "stopped after " + m.get("train/n_updates") + " steps");
        assertTrue(m.get("train/approx_kl") > 1.5 * 0.001);
    }

    @Test
    void invalidHyperparametersFailAtBuildTime() {
        assertEquals("n_epochs must be positive, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> PpoConfig.builder().nEpochs(0).build()).getMessage());
        assertEquals("gae_lambda must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> RolloutConfig.of(2048, 0.99, 1.5)).getMessage());
        assertEquals("batch_size 100 must divide n_steps*n_envs 2048", assertThrows(IllegalArgumentException.class,
                () -> RolloutConfig.of(2048, 0.99, 0.95).checkMinibatches(100)).getMessage());
    }

    @Test
    void explainedVarianceIsOneForPerfectAndZeroForMeanPredictions() {
        double[] y = {1, 2, 3, 4};
        assertEquals(1.0, Ppo.explainedVariance(y, y), 1e-15);
        assertEquals(0.0, Ppo.explainedVariance(new double[] {2.5, 2.5, 2.5, 2.5}, y), 1e-15);
    }
}
