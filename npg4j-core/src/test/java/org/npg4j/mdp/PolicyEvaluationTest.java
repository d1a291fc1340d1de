package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {
    static TabularPolicy randomPolicy(int S, int A, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] m = new double[S][A];
        for (int s = 0; s < S; s++) {
            double z = 0;
            for (int a = 0; a < A; a++) {
                z += m[s][a] = rng.nextDouble() * (rng.nextInt(4) == 0 ? 0.0 : 1.0);
            }
            if (z == 0) {
                m[s][0] = z = 1.0;
            }
            for (int a = 0; a < A; a++) {
                m[s][a] /= z;
            }
        }
        return TabularPolicy.of(m);
    }

    static FiniteMdp garnet(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int S = 2 + rng.nextInt(30);
        int A = 1 + rng.nextInt(5);
        int b = 1 + rng.nextInt(S);
        double gamma = new double[] {0.5, 0.9, 0.95, 0.99}[rng.nextInt(4)];
        return new Garnet(S, A, b, gamma, Garnet.RewardDistribution.NORMAL, seed).generate();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void bellmanIdentitiesHold(long seed) {
        FiniteMdp mdp = garnet(seed);
        TabularPolicy pi = randomPolicy(mdp.states(), mdp.actions(), seed);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, pi);
        int S = mdp.states(), A = mdp.actions();
        double scale = 1.0 + DiscountedSolve.supNorm(ev.values());
        for (int s = 0; s < S; s++) {
            double vs = 0, meanAdv = 0;
            for (int a = 0; a < A; a++) {
                double expected = mdp.reward(s, a);
                for (int t = 0; t < S; t++) {
                    expected += mdp.gamma() * mdp.transition(s, a, t) * ev.value(t);
                }
                assertEquals(expected, ev.q(s, a), 1e-9 * scale, "Q = r + gamma P V at s=" + s + ",a=" + a);
                vs += pi.probability(s, a) * ev.q(s, a);
                meanAdv += pi.probability(s, a) * ev.advantage(s, a);
            }
            assertEquals(vs, ev.value(s), 1e-9 * scale, "V = sum_a pi Q");
            assertEquals(0.0, meanAdv, 1e-9 * scale, "sum_a pi A = 0");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void stateActionDistributionIsANormalizedFlow(long seed) {
        FiniteMdp mdp = garnet(seed);
        TabularPolicy pi = randomPolicy(mdp.states(), mdp.actions(), seed);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, pi);
        double[] d = ev.stateActionDistribution();
        double total = 0;
        for (double x : d) {
            assertTrue(x >= -1e-15, "d >= 0");
            total += x;
        }
        assertEquals(1.0, total, 1e-10);
        double[] pushed = new double[mdp.states()];
        mdp.pushForward(d, pushed);
        for (int s = 0; s < mdp.states(); s++) {
            double lhs = ev.stateDistribution(s);
            double rhs = (1 - mdp.gamma()) * mdp.initial(s) + mdp.gamma() * pushed[s];
            assertEquals(rhs, lhs, 1e-10, "flow constraint at s=" + s);
        }
        double rd = 0;
        for (int sa = 0; sa < d.length; sa++) {
            rd += mdp.reward(sa / mdp.actions(), sa % mdp.actions()) * d[sa];
        }
        double rhoV = 0;
        for (int s = 0; s < mdp.states(); s++) {
            rhoV += mdp.initial(s) * ev.value(s);
        }
        assertEquals(rd, ev.expectedReturn(), 1e-9, "R = r . d");
        assertEquals((1 - mdp.gamma()) * rhoV, ev.expectedReturn(), 1e-9, "R = (1-gamma) rho . V");
        assertEquals(rhoV, ev.valueRho(), 1e-8);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.9, 0.99, 0.999})
    void iterativeEvaluationMatchesDirectToTheGuaranteedTolerance(double gamma) {
        FiniteMdp mdp = new Garnet(250, 4, 6, gamma, Garnet.RewardDistribution.UNIFORM, 7).generate();
        TabularPolicy pi = randomPolicy(250, 4, 3);
        Evaluation direct = PolicyEvaluation.of(1e-10, PolicyEvaluation.Method.DIRECT).run(mdp, pi);
        Evaluation iter = PolicyEvaluation.of(1e-10, PolicyEvaluation.Method.ITERATIVE).run(mdp, pi);
        for (int s = 0; s < 250; s++) {
            assertEquals(direct.value(s), iter.value(s), 1e-10 + 1e-13 * Math.abs(direct.value(s)));
        }
        double l1 = 0;
        for (int s = 0; s < 250; s++) {
            l1 += Math.abs(direct.stateDistribution(s) - iter.stateDistribution(s));
        }
        assertTrue(l1 <= 1e-10, "l1 error of d_S " + l1);
    }

    @Test
    void singleStateValueIsClosedForm() {
        FiniteMdp mdp = FiniteMdp.builder(1, 2).gamma(0.9).initialState(0)
                .transition(0, 0, 0, 1).transition(0, 1, 0, 1).reward(0, 0, 1).reward(0, 1, 3).build();
        Evaluation ev = PolicyEvaluation.evaluate(mdp, TabularPolicy.of(new double[][] {{0.5, 0.5}}));
        assertEquals(2.0 / 0.1, ev.value(0), 1e-12);
        assertEquals(2.0, ev.expectedReturn(), 1e-12);
        assertEquals(1.0 + 0.9 * 20, ev.q(0, 0), 1e-12);
        assertEquals(0.5, ev.d(0, 1), 1e-15);
    }

    @Test
    void costsAreEvaluatedLikeRewards() {
        FiniteMdp base = garnet(99);
        double[] c = base.rewards();
        FiniteMdp mdp = base.toBuilder().cost("mirror", c, 1.0).build();
        TabularPolicy pi = randomPolicy(mdp.states(), mdp.actions(), 5);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, pi);
        assertEquals(ev.expectedReturn(), ev.costReturn(0), 1e-12);
        for (int s = 0; s < mdp.states(); s++) {
            assertEquals(ev.value(s), ev.costValue(0, s), 1e-12);
        }
    }

    @Test
    void mismatchedPolicyIsRejected() {
        FiniteMdp mdp = garnet(1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PolicyEvaluation.evaluate(mdp, TabularPolicy.uniform(mdp.states() + 1, mdp.actions())));
        assertTrue(e.getMessage().contains("but the MDP has " + mdp.states() + " states"), e.getMessage());
    }
}
