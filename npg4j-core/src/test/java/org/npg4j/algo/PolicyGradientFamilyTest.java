package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.PpoKlConfig;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/** A2C, NPG and VPG move a one-state bandit policy towards the action with positive advantage. */
class PolicyGradientFamilyTest {
    static final int N = 60;

    static RolloutBuffer bandit(ActorCriticPolicy p) {
        RolloutBuffer buf = new RolloutBuffer(N, 1, 1, 1, 0);
        double[] lp = new double[1];
        double[] v = new double[1];
        for (int t = 0; t < N; t++) {
            double[] act = {t % 3};
            p.evaluateActions(new double[] {1}, act, 1, lp, null, v);
            buf.add(new double[] {1}, act, lp, v, new double[] {t % 3 == 0 ? 1 : -0.5}, new boolean[] {true}, null, null);
        }
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, null, 0.99, 1.0);
        return buf;
    }

    static double logPiOfBestAction(ActorCriticPolicy p) {
        double[] lp = new double[1];
        p.evaluateActions(new double[] {1}, new double[] {0}, 1, lp, null);
        return lp[0];
    }

    static void improves(BiFunction<ActorCriticPolicy, RolloutBuffer, Map<String, Double>> update) {
        ActorCriticPolicy p = ActorCriticPolicy.builder(1).piLayers(4).vfLayers(4).discrete(3).seed(2).build();
        double before = logPiOfBestAction(p);
        double valueBefore = valueLoss(p);
        for (int k = 0; k < 5; k++) {
            update.apply(p, bandit(p));
        }
        double after = logPiOfBestAction(p);
        assertTrue(after > before + 0.01, "log pi(a0): " + before + " -> " + after);
        assertTrue(valueLoss(p) < valueBefore, "critic fits the returns");
    }

    static double valueLoss(ActorCriticPolicy p) {
        double[] v = new double[1];
        p.predictValues(new double[] {1}, 1, v);
        double mean = (1 - 0.5 - 0.5) / 3.0;
        return (v[0] - mean) * (v[0] - mean);
    }

    @Test
    void a2cImproves() {
        A2cConfig cfg = A2cConfig.builder().learningRate(5e-3).build();
        A2c[] algo = new A2c[1];
        improves((p, buf) -> (algo[0] == null ? algo[0] = new A2c(cfg, p) : algo[0]).train(buf, 1));
    }

    @Test
    void npgImprovesWithNormalizedAndFixedSteps() {
        NpgConfig cfg = NpgConfig.builder().batchSize(20).targetKl(0.01).build();
        Npg[] algo = new Npg[1];
        improves((p, buf) -> (algo[0] == null ? algo[0] = new Npg(cfg, p, N, 0) : algo[0]).train(buf, 1));
        NpgConfig fixed = NpgConfig.builder().batchSize(20).targetKl(null).stepSize(0.01).build();
        Npg[] algo2 = new Npg[1];
        improves((p, buf) -> (algo2[0] == null ? algo2[0] = new Npg(fixed, p, N, 0) : algo2[0]).train(buf, 1));
    }

    /** The critic's fit beside NPG's step: the same parameters and metrics, bit for bit, as in turn. */
    @Test
    void npgCriticFitBesideTheActorStepGivesTheBitsOfSequentialUpdates() {
        NpgConfig cfg = NpgConfig.builder().batchSize(32).targetKl(0.01).build();
        double[][] theta = new double[2][];
        java.util.List<Map<String, Double>> metrics = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            ActorCriticPolicy p = PpoTest.policy(true, 4);
            RolloutBuffer buf = PpoTest.rollout(p, 128, 6, 0.0);
            Npg npg = new Npg(cfg, p, 128, 0, new org.npg4j.util.SideThread("test-critic-fit", run == 1));
            for (int u = 0; u < 3; u++) {
                metrics.add(npg.train(buf, 1.0 - u / 3.0));
            }
            theta[run] = p.parameters().clone();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(theta[0], theta[1], 0.0);
        assertEquals(metrics.subList(0, 3), metrics.subList(3, 6));
    }

    @Test
    void vpgImproves() {
        VpgConfig cfg = VpgConfig.builder().batchSize(N).learningRate(1e-2).build();
        Vpg[] algo = new Vpg[1];
        improves((p, buf) -> (algo[0] == null ? algo[0] = new Vpg(cfg, p, 0) : algo[0]).train(buf, 1));
    }

    @Test
    void ppoKlImprovesAndAdaptsItsPenalty() {
        PpoConfig cfg = PpoConfig.builder().batchSize(20).nEpochs(4).learningRate(5e-3).build();
        PpoKl[] algo = new PpoKl[1];
        improves((p, buf) -> (algo[0] == null ? algo[0] = new PpoKl(PpoKlConfig.builder().ppo(cfg).build(), p, 0) : algo[0]).train(buf, 1));
        // Doubling when the KL overshoots, halving when it undershoots.
        ActorCriticPolicy p = PpoTest.policy(false, 1);
        PpoKl big = new PpoKl(PpoKlConfig.builder().ppo(PpoConfig.builder().batchSize(16).nEpochs(10)
                .learningRate(3e-2).build()).klTarget(1e-6).build(), p, 0);
        Map<String, Double> m = big.train(PpoTest.rollout(p, 64, 2, 0.0), 1);
        assertTrue(m.get("train/approx_kl") > 1.5e-6);
        assertEquals(2.0, big.klCoef());
        PpoKl small = new PpoKl(PpoKlConfig.builder().ppo(PpoConfig.builder().batchSize(16).nEpochs(1)
                .learningRate(1e-7).build()).klTarget(1.0).build(), p, 0);
        small.train(PpoTest.rollout(p, 64, 3, 0.0), 1);
        assertEquals(0.5, small.klCoef());
    }

    @Test
    void normalizedNpgStepHasTheRequestedKlToSecondOrder() {
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        RolloutBuffer buf = PpoTest.rollout(p, 64, 1, 0.0);
        Minibatch mb = Minibatch.forBuffer(buf, 64).gatherAll(buf);
        NaturalGradient probe = new NaturalGradient(p, 64);
        probe.surrogateGradient(mb, mb.advantages);
        double delta = 1e-5;
        Map<String, Double> m = new Npg(NpgConfig.builder().batchSize(64).targetKl(delta).cgDamping(0.0)
                .cgMaxSteps(5).build(), p, 64, 0).train(buf, 1);
        double kl = probe.meanKl(mb);
        assertEquals(kl, m.get("train/kl_divergence_loss"), 1e-15);
        assertEquals(delta, kl, 0.05 * delta, "KL of the normalized step with no damping");
    }

    @Test
    void a2cAndVpgConfigsValidate() {
        assertEquals("rms_prop_eps must be positive, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> A2cConfig.builder().rmsPropEps(0).build()).getMessage());
        assertEquals("n_critic_updates must be non-negative, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> VpgConfig.builder().nCriticUpdates(-1).build()).getMessage());
        assertEquals("step_size must be positive, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> NpgConfig.builder().stepSize(0).build()).getMessage());
    }
}
