package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.ChainMdp;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * Vanishing gradients (Proposition 10.1 of the lecture notes; Agarwal, Kakade, Lee, Mahajan 2021,
 * Proposition 1): on the chain MDP, the iterations softmax PG needs to
 * reach suboptimality 0.1 from a bad start at least double with every 5 added to H, while NPG's stay within a
 * small constant factor.
 */
class VanishingGradientTest {
    static final double TARGET = 0.1;

    /** The bad start: π(a1|s) = p in every state, the three backward actions share the rest. */
    static TabularPolicy badStart(FiniteMdp mdp, double p) {
        double[] pi = new double[mdp.pairs()];
        for (int s = 0; s < mdp.states(); s++) {
            pi[s * 4] = p;
            for (int a = 1; a < 4; a++) {
                pi[s * 4 + a] = (1 - p) / 3;
            }
        }
        return TabularPolicy.ofFlat(mdp.states(), 4, pi);
    }

    static int iterationsToTarget(ExactProblem problem, ExactOptimizer opt, int cap) {
        double vStar = problem.optimalValueRho();
        Evaluation ev = problem.evaluate(opt.policy(), null);
        for (int k = 0; k < cap; k++) {
            if (vStar - ev.valueRho() <= TARGET) {
                return k;
            }
            opt.step(ev);
            ev = problem.evaluate(opt.policy(), ev);
        }
        return -1;
    }

    @Test
    void pgNeedsExponentiallyMoreIterationsThanNpgOnTheChain() {
        // Measured (also in the closing note): H = 5, 10, 15, 20 -> PG 71, 162, 759, 8553; NPG 10, 6, 6, 5.
        int[] horizons = {5, 10, 15, 20};
        int[] pg = new int[4];
        int[] npg = new int[4];
        for (int i = 0; i < horizons.length; i++) {
            FiniteMdp mdp = new ChainMdp(horizons[i]).generate();
            ExactProblem problem = ExactProblem.of(mdp);
            TabularPolicy start = badStart(mdp, P);
            pg[i] = iterationsToTarget(problem, new SoftmaxPolicyGradient(problem, start, PG_ETA), 2_000_000);
            npg[i] = iterationsToTarget(problem, NaturalPolicyGradient.constant(problem, start, NPG_ETA), 100_000);
            assertTrue(pg[i] > 0 && npg[i] > 0, "H " + horizons[i] + ": target not reached, PG " + pg[i]
                    + ", NPG " + npg[i]);
        }
        int npgMin = Integer.MAX_VALUE, npgMax = 0;
        for (int i = 0; i < horizons.length; i++) {
            if (i > 0) {
                assertTrue(pg[i] >= 2 * pg[i - 1], "PG iterations " + java.util.Arrays.toString(pg)
                        + " do not double per 5 in H");
            }
            npgMin = Math.min(npgMin, npg[i]);
            npgMax = Math.max(npgMax, npg[i]);
        }
        assertTrue(npgMax <= 3 * npgMin, "NPG iterations " + java.util.Arrays.toString(npg) + " vary too much");
        assertTrue(pg[3] > 100 * npg[3], "at H = 20 PG " + pg[3] + " vs NPG " + npg[3]);
    }

    /** The bad start: π(a1|s) = 1/2 (the walk to the reward succeeds with probability 2^{-H-1}). */
    static final double P = 0.5;
    static final double PG_ETA = 1.0;
    static final double NPG_ETA = 0.1;
}
