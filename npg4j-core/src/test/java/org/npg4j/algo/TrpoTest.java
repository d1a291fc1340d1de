package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

class TrpoTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void acceptedStepStaysInTheTrustRegionAndImprovesTheSurrogate(boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 4);
        RolloutBuffer buf = PpoTest.rollout(p, 128, 6, 0.0);
        TrpoConfig cfg = TrpoConfig.builder().batchSize(32).build();
        double[] before = p.parameters().clone();
        Minibatch mb = Minibatch.forBuffer(buf, 128).gatherAll(buf);
        NaturalGradient ng = new NaturalGradient(p, 128);
        double[] adv = mb.advantages.clone();
        RolloutBuffer.normalizeInPlace(adv, 0, 128);
        ng.surrogateGradient(mb, adv);
        double objectiveBefore = ng.surrogate(mb, adv);

        Map<String, Double> m = new Trpo(cfg, p, 128, 0).train(buf, 1.0);
        assertEquals(1.0, m.get("train/is_line_search_success"));
        // Recompute KL and surrogate independently for the actor parameters the update chose.
        double kl = ng.meanKl(mb);
        assertTrue(kl > 0 && kl < 0.01, "KL " + kl);
        assertEquals(kl, m.get("train/kl_divergence_loss"), 1e-12);
        assertTrue(ng.surrogate(mb, adv) > objectiveBefore);
        assertEquals(objectiveBefore, m.get("train/policy_objective"), 1e-12);
        boolean criticMoved = false;
        for (int i = p.actorParameterCount(); i < before.length; i++) {
            criticMoved |= before[i] != p.parameters()[i];
        }
        assertTrue(criticMoved, "critic fitted");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void lineSearchTrialFromOneForwardPassEqualsSurrogateAndKl(boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 5);
        RolloutBuffer buf = PpoTest.rollout(p, 64, 4, 0.0);
        Minibatch mb = Minibatch.forBuffer(buf, 64).gatherAll(buf);
        NaturalGradient ng = new NaturalGradient(p, 64);
        double oldSurrogate = ng.surrogateGradient(mb, mb.advantages);
        double[] expectedGradient = new double[p.parameterCount()];
        double[] w = new double[64];
        for (int i = 0; i < 64; i++) {
            w[i] = mb.advantages[i] / 64;
        }
        p.gradient(mb.observations, mb.actions, 64, w, null, expectedGradient);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expectedGradient, ng.gradient, "policy gradient g");
        assertEquals(ng.surrogate(mb, mb.advantages), oldSurrogate, 0.0, "L(θ_old) from the snapshot's pass");
        double[] theta = p.parameters();
        for (int i = 0; i < p.actorParameterCount(); i++) {
            theta[i] += 0.01 * Math.sin(i);
        }
        NaturalGradient.Trial trial = ng.surrogateAndKl(mb, mb.advantages);
        assertEquals(ng.surrogate(mb, mb.advantages), trial.surrogate(), 0.0);
        assertEquals(ng.meanKl(mb), trial.kl(), 0.0);
        assertTrue(trial.kl() > 0, "the step moved π");
    }

    @Test
    void conjugateGradientSolvesTheDampedFisherSystem() {
        ActorCriticPolicy p = PpoTest.policy(false, 8);
        RolloutBuffer buf = PpoTest.rollout(p, 64, 2, 0.0);
        Minibatch mb = Minibatch.forBuffer(buf, 64).gatherAll(buf);
        NaturalGradient ng = new NaturalGradient(p, 64);
        ng.surrogateGradient(mb, mb.advantages);
        ConjugateGradient.Result cg = ng.direction(mb, 200, 0.1);
        double[] x = cg.x();
        // A x, accumulated by CG, is the damped Fisher-vector product of x computed afresh.
        double[] fx = new double[x.length];
        p.fisherVectorProduct(mb.observations, 64, x, 0.1, fx);
        for (int i = 0; i < ng.gradient.length; i++) {
            assertEquals(fx[i], cg.ax()[i], 1e-9 * (1 + Math.abs(fx[i])), "fx = (F + 0.1 I) x at " + i);
            assertEquals(ng.gradient[i], fx[i], 1e-6 * (1 + Math.abs(ng.gradient[i])), "(F + 0.1 I) x = g at " + i);
        }
    }

    @Test
    void quadraticKlModelIsAccurateForSmallRadii() {
        // The step β = √(2δ / xᵀ(F+λI)x) reaches KL ≈ ½β² xᵀFx = δ·xᵀFx / xᵀ(F+λI)x: the KL's second-order model,
        // exact as δ → 0 (F is the Hessian of the mean KL at θ_old).
        ActorCriticPolicy p = PpoTest.policy(true, 9);
        RolloutBuffer buf = PpoTest.rollout(p, 64, 3, 0.0);
        Minibatch mb = Minibatch.forBuffer(buf, 64).gatherAll(buf);
        NaturalGradient ng = new NaturalGradient(p, 64);
        ng.surrogateGradient(mb, mb.advantages);
        ConjugateGradient.Result cg = ng.direction(mb, 15, 0.1);
        double[] x = cg.x();
        double damped = NaturalGradient.dot(x, cg.ax());
        double[] fx = new double[x.length];
        p.fisherVectorProduct(mb.observations, 64, x, 0.0, fx);
        double undamped = NaturalGradient.dot(x, fx);
        double delta = 1e-6;
        double beta = Math.sqrt(2 * delta / damped);
        double[] theta = p.parameters();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += beta * x[i];
        }
        double predicted = delta * undamped / damped;
        assertTrue(predicted > 0.1 * delta, "the damping does not dominate the model");
        assertEquals(predicted, ng.meanKl(mb), 0.01 * predicted);
    }

    @Test
    void sharedTrunkIsRejectedClearly() {
        ActorCriticPolicy shared = ActorCriticPolicy.builder(4).sharedLayers(8).discrete(2).build();
        assertEquals("this algorithm fits a separate critic: a shared actor-critic trunk is not supported",
                assertThrows(IllegalArgumentException.class,
                        () -> new Trpo(TrpoConfig.builder().build(), shared, 16, 0)).getMessage());
        assertEquals("line_search_shrinking_factor must be in (0, 1), got 1.5", assertThrows(
                IllegalArgumentException.class, () -> TrpoConfig.builder().lineSearchShrinkingFactor(1.5).build())
                .getMessage());
    }

    /** The critic's fit beside the actor's step: the same parameters, bit for bit, as one after the other. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void criticFitBesideTheActorStepGivesTheBitsOfSequentialUpdates(boolean continuous) {
        TrpoConfig cfg = TrpoConfig.builder().batchSize(32).build();
        double[][] theta = new double[2][];
        for (int run = 0; run < 2; run++) {
            ActorCriticPolicy p = PpoTest.policy(continuous, 4);
            RolloutBuffer buf = PpoTest.rollout(p, 128, 6, 0.0);
            Trpo trpo = new Trpo(cfg, p, 128, 0, new org.npg4j.util.SideThread("test-critic-fit", run == 1));
            for (int u = 0; u < 3; u++) {
                trpo.train(buf, 1.0 - u / 3.0);
            }
            theta[run] = p.parameters().clone();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(theta[0], theta[1]);
        ActorCriticPolicy initial = PpoTest.policy(continuous, 4);
        org.junit.jupiter.api.Assertions.assertNotEquals(initial.parameters()[0], theta[1][0], "the actor moved");
        org.junit.jupiter.api.Assertions.assertNotEquals(initial.parameters()[theta[1].length - 1],
                theta[1][theta[1].length - 1], "the critic moved");
    }
}
