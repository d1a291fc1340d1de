package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.ChainMdp;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.PolicyEvaluation;

/**
 * The vanishing gradients themselves on the chain (Proposition 10.1 of the lecture notes; Agarwal, Kakade, Lee,
 * Mahajan 2021, Proposition 1; {@link VanishingGradientTest} checks their consequence for PG's iteration count): at
 * the policy with π(a_1|s) = p in every state, reaching the reward takes H+1 consecutive a_1, so ||∇_θ V(s_0)|| decays
 * geometrically in H, the ratio per 4 added to H approaching p⁴, while the suboptimality V*(s_0) - V(s_0) grows
 * linearly in H (V*(s_0) = γ^{H+1}/(1-γ) → (H+1)/e).
 */
class ChainGradientTest {
    static double[] gradientAndGap(int horizon, double p) {
        FiniteMdp mdp = new ChainMdp(horizon).generate();
        double[] pi = VanishingGradientTest.badStart(mdp, p).probabilities();
        Evaluation ev = PolicyEvaluation.of(1e-14, PolicyEvaluation.Method.DIRECT).run(mdp, pi, null);
        double[] g = new double[pi.length];
        PolicyGradients.softmax(ev, g);
        return new double[] {PolicyMath.norm(g), ExactProblem.of(mdp).optimalValueRho() - ev.valueRho()};
    }

    @Test
    void chainGradientDecaysLikePToTheHWhileTheGapGrowsLinearly() {
        // Measured ratios per +4: p = 1/4: 0.017, 0.0098, ..., 0.0060 at H = 24 (p⁴ = 0.0039); p = 1/2: 0.27, ...,
        // 0.081 at H = 40 (p⁴ = 0.0625). Beyond H = 28 at p = 1/4 the gradient (1e-15) is below rounding.
        for (double p : new double[] {0.25, 0.5}) {
            int last = p < 0.3 ? 24 : 40;
            double previous = Double.NaN;
            double previousRatio = Double.POSITIVE_INFINITY;
            for (int h = 4; h <= last; h += 4) {
                double[] result = gradientAndGap(h, p);
                double ratio = result[0] / previous;
                String where = "p " + p + ", H " + h + ": gradient " + result[0] + ", ratio " + ratio;
                if (h > 4) {
                    double p4 = Math.pow(p, 4);
                    assertTrue(ratio < previousRatio && ratio > p4 && ratio < 5 * p4, where);
                    previousRatio = ratio;
                }
                assertTrue(result[1] >= (h + 1) / 8.0, where + ", gap " + result[1]);
                previous = result[0];
            }
            assertTrue(previousRatio < 1.6 * Math.pow(p, 4), "p " + p + ": last ratio " + previousRatio);
        }
    }
}
