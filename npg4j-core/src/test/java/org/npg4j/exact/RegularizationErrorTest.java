package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.SoftValueIteration;

/**
 * Regularization error (Müller and Montúfar 2024, docs/theory.md row 36): R* - R(π*_τ) decays like exp(-Δ/τ) up to polynomial factors, Δ the
 * smallest nonzero optimal-action gap |A*(s,a)| of the unnormalized advantage (our entropy bonus is τ·H per step on
 * unnormalized values). The least-squares slope of log(R* - R(π*_τ)) against 1/τ over τ ∈ [Δ/10, Δ/4] is -Δ
 * within 15%.
 */
class RegularizationErrorTest {
    @Test
    void regularizationErrorDecaysLikeExpOfMinusGapOverTau() {
        for (long seed = 0; seed < 3; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            double[] adv = problem.optimum().evaluation().advantages();
            double delta = Double.POSITIVE_INFINITY;
            for (double a : adv) {
                if (a < -1e-9) {
                    delta = Math.min(delta, -a);
                }
            }
            double rStar = problem.optimum().expectedReturn();
            int n = 7;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double tau = delta / (4.0 + i);
                double rTau = SoftValueIteration.entropy(mdp, tau, 1e-14).expectedReturn();
                assertTrue(rStar - rTau > 0, "seed " + seed + ": no regularization error at tau " + tau);
                x[i] = 1.0 / tau;
                y[i] = Math.log(rStar - rTau);
            }
            double slope = slope(x, y);
            assertEquals(-delta, slope, 0.15 * delta, "seed " + seed + ": Delta " + delta + ", slope " + slope);
        }
    }

    private static double slope(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
