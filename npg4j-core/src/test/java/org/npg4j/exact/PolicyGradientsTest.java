package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.TabularPolicy;

/** docs/theory.md rows 12-14: the exact gradients agree with central finite differences of the exact V(μ). */
class PolicyGradientsTest {
    private static final double H = 1e-5;
    private static final PolicyEvaluation EXACT = PolicyEvaluation.of(1e-13, PolicyEvaluation.Method.DIRECT);

    private static double relativeError(double[] g, double[] fd) {
        double num = 0, den = 0;
        for (int i = 0; i < g.length; i++) {
            num += (g[i] - fd[i]) * (g[i] - fd[i]);
            den += fd[i] * fd[i];
        }
        return Math.sqrt(num / den);
    }

    private static double[] centralDifferences(double[] x, ToDoubleFunction<double[]> f) {
        double[] fd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += H;
            m[i] -= H;
            fd[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * H);
        }
        return fd;
    }

    private static double valueMu(FiniteMdp muMdp, double[] pi) {
        return EXACT.run(muMdp, pi, null).valueRho();
    }

    private static double[] softmax(FiniteMdp mdp, double[] theta) {
        return TabularPolicy.softmax(mdp.states(), mdp.actions(), theta).probabilities();
    }

    @Test
    void softmaxGradientIsLemma10_2() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            // An exploratory μ different from ρ, so that d_μ is really the one used.
            FiniteMdp muMdp = mdp.withInitial(Fixtures.randomDistribution(mdp.states(), seed));
            double[] theta = new double[mdp.pairs()];
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < theta.length; i++) {
                theta[i] = rng.nextGaussian();
            }
            Evaluation ev = EXACT.run(muMdp, softmax(mdp, theta), null);
            double[] g = new double[theta.length];
            PolicyGradients.softmax(ev, g);
            double[] fd = centralDifferences(theta, t -> valueMu(muMdp, softmax(mdp, t)));
            assertTrue(relativeError(g, fd) < 1e-6, "seed " + seed + ": relative error " + relativeError(g, fd));
        }
    }

    @Test
    void logBarrierGradientMatchesFiniteDifferences() {
        double lambda = 0.3;
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            int S = mdp.states(), A = mdp.actions();
            double[] theta = Fixtures.randomPolicy(mdp, seed + 7, 1.0).probabilities();
            for (int i = 0; i < theta.length; i++) {
                theta[i] = Math.log(theta[i]);
            }
            double[] pi = softmax(mdp, theta);
            double[] g = new double[theta.length];
            PolicyGradients.logBarrier(EXACT.run(mdp, pi, null), pi, lambda, g);
            double[] fd = centralDifferences(theta, t -> {
                double[] p = softmax(mdp, t);
                double barrier = 0;
                for (double x : p) {
                    barrier += Math.log(x);
                }
                return valueMu(mdp, p) + lambda / (S * A) * barrier;
            });
            assertTrue(relativeError(g, fd) < 1e-6, "seed " + seed + ": relative error " + relativeError(g, fd));
        }
    }

    @Test
    void directGradientIsThePolicyGradientTheorem() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            double[] pi = Fixtures.randomPolicy(mdp, seed + 3, 1.0).probabilities();
            double[] g = new double[pi.length];
            PolicyGradients.direct(EXACT.run(mdp, pi, null), g);
            // V(π) = ρᵀ(I - γP^π)^{-1} r^π is a rational function of the free entries π(a|s).
            double[] fd = centralDifferences(pi, p -> valueMu(mdp, p));
            assertTrue(relativeError(g, fd) < 1e-6, "seed " + seed + ": relative error " + relativeError(g, fd));
        }
    }

    @Test
    void logLinearGradientMatchesFiniteDifferences() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            LogLinearParameterization family = randomFamily(mdp, 5, seed);
            double[] theta = new SplittableRandom(seed).doubles(5, -1, 1).toArray();
            double[] pi = family.policy(theta).probabilities();
            double[] g = new double[5];
            PolicyGradients.logLinear(EXACT.run(mdp, pi, null), family, pi, g);
            double[] fd = centralDifferences(theta, t -> valueMu(mdp, family.policy(t).probabilities()));
            assertTrue(relativeError(g, fd) < 1e-6, "seed " + seed + ": relative error " + relativeError(g, fd));
        }
    }

    static LogLinearParameterization randomFamily(FiniteMdp mdp, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + 5);
        double[][] phi = new double[mdp.pairs()][dim];
        for (double[] row : phi) {
            for (int i = 0; i < dim; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return LogLinearParameterization.of(mdp.states(), mdp.actions(), phi, null);
    }

    @Test
    void simplexProjectionIsTheEuclideanProjection() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] scratch = new double[5];
        for (int trial = 0; trial < 200; trial++) {
            double[] x = rng.doubles(5, -2, 2).toArray();
            double[] p = x.clone();
            PolicyMath.projectOntoSimplexInPlace(p, 0, 5, scratch);
            double sum = 0;
            for (double v : p) {
                assertTrue(v >= 0);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12);
            // Optimality (variational inequality): (x - p)·(q - p) ≤ 0 for every vertex q of the simplex.
            for (int v = 0; v < 5; v++) {
                double inner = 0;
                for (int i = 0; i < 5; i++) {
                    inner += (x[i] - p[i]) * ((i == v ? 1 : 0) - p[i]);
                }
                assertTrue(inner <= 1e-12, "trial " + trial + ": projection is not optimal, inner " + inner);
            }
        }
    }
}
