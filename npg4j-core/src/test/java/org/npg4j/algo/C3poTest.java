package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

class C3poTest {
    private static double[] centred(double[] x, int n) {
        double[] c = java.util.Arrays.copyOf(x, n);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += c[i] / n;
        }
        for (int i = 0; i < n; i++) {
            c[i] -= mean;
        }
        return c;
    }

    /** PPO's loss then C3PO's penalty at κ = 7, ent_coef 0.01, vf_coef 0.5, as C3PO's epochs evaluate them. */
    private static C3poLoss.Terms penalized(ActorCriticPolicy p, Minibatch mb, double[] adv, double[] cadv, double clip,
                                            double[] tau, C3poLoss loss, double[] grad) {
        PpoLoss ppo = new PpoLoss(mb.size());
        PpoLoss.Terms t = ppo.evaluate(p, mb, adv, clip, 0.0, 0.01, 0.5, grad);
        lastPpoTotal = t.total(0.01, 0.5);
        return loss.evaluate(p, mb, ppo.logProbs, cadv, clip, 7.0, tau, grad);
    }

    private static double lastPpoTotal;

    private static double total(C3poLoss.Terms penalty) {
        return lastPpoTotal + penalty.penalty();
    }

    @ParameterizedTest
    @CsvSource({"false, true", "false, false", "true, true", "true, false"})
    void lossGradientMatchesFiniteDifferences(boolean continuous, boolean active) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 3);
        RolloutBuffer buf = SafeRollouts.rollout(p, 40, 5, 1.0, 0.3);
        Minibatch mb = Minibatch.forBuffer(buf, 40).gatherAll(buf);
        double[] adv = mb.advantages.clone();
        double[] cadv = centred(mb.costAdvantages, 40);
        double[] tau = {active ? -1.0 : 10.0};
        double clip = 0.2;
        C3poLoss loss = new C3poLoss(40, 1);
        double[] grad = new double[p.parameterCount()];
        C3poLoss.Terms terms = penalized(p, mb, adv, cadv, clip, tau, loss, grad);
        double value = total(terms);

        // The penalty against an independent evaluation of the pessimistic clipped cost surrogate.
        double[] lp = new double[40];
        p.evaluateActions(mb.observations, mb.actions, 40, lp, null);
        double alpha = 0;
        int clipped = 0;
        for (int r = 0; r < 40; r++) {
            double ratio = Math.exp(lp[r] - mb.oldLogProbs[r]);
            clipped += Math.abs(ratio - 1) > clip ? 1 : 0;
            alpha += Math.max(ratio * cadv[r], Math.max(1 - clip, Math.min(1 + clip, ratio)) * cadv[r]) / 40;
        }
        assertTrue(clipped > 0, "both branches of the clip are covered");
        assertEquals(alpha, terms.costSurrogates()[0], 1e-14);
        assertEquals(active ? 7.0 * (alpha + 1.0) : 0.0, terms.penalty(), 1e-12);
        PpoLoss ppo = new PpoLoss(40);
        double[] ppoGrad = new double[p.parameterCount()];
        PpoLoss.Terms ppoTerms = ppo.evaluate(p, mb, adv, clip, 0.0, 0.01, 0.5, ppoGrad);
        assertEquals(ppoTerms.total(0.01, 0.5) + terms.penalty(), value, 1e-12);
        if (active) {
            double d = 0;
            for (int i = 0; i < grad.length; i++) {
                d += Math.abs(grad[i] - ppoGrad[i]);
            }
            assertTrue(d > 1e-3, "the penalty contributes to the gradient");
        } else {
            assertArrayEquals(ppoGrad, grad, 0.0, "an inactive penalty adds nothing");
        }

        SplittableRandom rng = new SplittableRandom(11);
        double[] theta = p.parameters();
        double[] saved = theta.clone();
        for (int trial = 0; trial < 5; trial++) {
            double[] dir = new double[theta.length];
            double analytic = 0;
            for (int i = 0; i < dir.length; i++) {
                dir[i] = rng.nextGaussian();
                analytic += dir[i] * grad[i];
            }
            double h = 1e-6;
            for (int i = 0; i < dir.length; i++) {
                theta[i] = saved[i] + h * dir[i];
            }
            double plus = total(penalized(p, mb, adv, cadv, clip, tau, loss, null));
            for (int i = 0; i < dir.length; i++) {
                theta[i] = saved[i] - h * dir[i];
            }
            double minus = total(penalized(p, mb, adv, cadv, clip, tau, loss, null));
            System.arraycopy(saved, 0, theta, 0, theta.length);
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)), "direction " + trial);
        }
    }

    private static C3po c3po(ActorCriticPolicy p, C3poConfig.Builder b) {
        return new C3po(b.ppo(ppo -> ppo.batchSize(32)).build(), p,
                new CostCritic(4, 1, new int[] {8}, Activation.TANH, 1), 0, 1);
    }

    @Test
    void thresholdIsAFractionOfTheSlackWhileSafeAndTheSlackWhenNot() {
        ActorCriticPolicy p = PpoTest.policy(false, 2);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 3, 1.0, 0.0);
        C3po algo = c3po(p, C3poConfig.builder().costLimits(20).w(0.1).ppo(ppo -> ppo.nEpochs(1)));
        algo.observeEpisodeCosts(new double[] {Double.NaN});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(2.0, m.get("train/cost_threshold"), 1e-12, "no episode yet: w·b");
        assertEquals(5.0, m.get("train/kappa"), 1e-12, "κ starts at 0.1κ");
        algo.observeEpisodeCosts(new double[] {15});
        assertEquals(0.5, algo.train(buf, 0.5).get("train/cost_threshold"), 1e-12);
        algo.observeEpisodeCosts(new double[] {26});
        m = algo.train(buf, 0.0);
        assertEquals(-6.0, m.get("train/cost_threshold"), 1e-12);
        assertEquals(50.0, m.get("train/kappa"), 1e-12, "κ ends at κ");
    }

    @Test
    void thePenaltyLowersTheCostSurrogateOfAnUnsafePolicy() {
        double[] costChange = new double[2];
        for (int run = 0; run < 2; run++) {
            ActorCriticPolicy p = PpoTest.policy(false, 4);
            RolloutBuffer buf = SafeRollouts.rollout(p, 128, 5, 2.0, 0.0);
            C3po algo = c3po(p, C3poConfig.builder().kappa(run == 0 ? 0 : 50).costLimits(5)
                    .ppo(ppo -> ppo.targetKl(null).nEpochs(4).learningRate(1e-3)));
            algo.observeEpisodeCosts(new double[] {8});
            Map<String, Double> m = algo.train(buf, 0.0);
            assertTrue(run == 0 || m.get("train/cost_penalty") > 0, "the penalty is active");
            double[] cadv = centred(buf.costAdvantages(), 128);
            double[] lp = new double[128];
            p.evaluateActions(buf.observations(), buf.actions(), 128, lp, null);
            for (int r = 0; r < 128; r++) {
                costChange[run] += (Math.exp(lp[r] - buf.logProbs()[r]) - 1) * cadv[r] / 128;
            }
        }
        assertTrue(costChange[0] > 0, "reward pulls towards cost: PPO raises it, " + costChange[0]);
        assertTrue(costChange[1] < 0, "C3PO lowers it, " + costChange[1]);
    }

    @Test
    void epochsStopOnceTheRolloutKlExceedsTheTarget() {
        ActorCriticPolicy p = PpoTest.policy(true, 4);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 5, 1.0, 0.0);
        C3po algo = c3po(p, C3poConfig.builder().ppo(ppo -> ppo.targetKl(1e-6).learningRate(1e-3)));
        algo.observeEpisodeCosts(new double[] {1});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(1.0, m.get("train/epochs"));
        assertEquals(1.0, m.get("train/n_updates"), "epochs, as SB3 counts");
        assertTrue(m.get("train/rollout_kl") > 1e-6, "the rollout's mean KL stopped the epochs");
    }

    @Test
    void aNanStopsTheUpdateNamingItAndTheQuantity() {
        ActorCriticPolicy p = PpoTest.policy(false, 4);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 5, 1.0, 0.0);
        buf.costs()[7] = Double.NaN;
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[] {0}, 0.99, 0.95);
        C3po algo = c3po(p, C3poConfig.builder());
        algo.observeEpisodeCosts(new double[] {1});
        assertEquals("C3PO update 0: cost surrogate is NaN",
                assertThrows(ArithmeticException.class, () -> algo.train(buf, 1.0)).getMessage());
        RolloutBuffer bad = SafeRollouts.rollout(p, 128, 5, 1.0, 0.0);
        bad.rewards()[3] = Double.NaN;
        bad.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[] {0}, 0.99, 0.95);
        C3po other = c3po(p, C3poConfig.builder());
        other.observeEpisodeCosts(new double[] {1});
        assertEquals("C3PO update 0: loss is NaN",
                assertThrows(ArithmeticException.class, () -> other.train(bad, 1.0)).getMessage());
    }
}
