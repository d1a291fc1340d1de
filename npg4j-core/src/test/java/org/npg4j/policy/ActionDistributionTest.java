package org.npg4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.npg4j.FiniteDifferences.RELATIVE_TOLERANCE;
import static org.npg4j.FiniteDifferences.assertClose;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.npg4j.FiniteDifferences;

/**
 * Both families against finite differences of their own log-probability, entropy and KL, and their Fisher metric
 * against the Hessian of the KL and (categorical) the exact expectation of the score's outer product.
 */
class ActionDistributionTest {
    private static final double H = 1e-4;

    /** Parameters packed as x = [φ; ψ]. */
    private static double[] packed(ActionDistribution dist, SplittableRandom rng) {
        double[] x = new double[dist.parameterSize() + dist.sharedParameterSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private static ActionDistribution randomFamily(SplittableRandom rng, int trial) {
        return trial % 2 == 0 ? new Categorical(1 + rng.nextInt(6)) : new DiagGaussian(1 + rng.nextInt(4));
    }

    private static double[] randomAction(ActionDistribution dist, double[] x, SplittableRandom rng) {
        double[] a = new double[dist.actionSize()];
        dist.sample(x, 0, x, dist.parameterSize(), rng, a, 0);
        return a;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int trial = 0; trial < 40; trial++) {
            ActionDistribution dist = randomFamily(rng, trial);
            int k = dist.parameterSize();
            double[] x = packed(dist, rng);
            double[] y = packed(dist, rng);
            double[] a = randomAction(dist, x, rng);

            double[] g = new double[x.length];
            dist.logProbGradient(x, 0, x, k, a, 0, 1.0, g, 0, g, k);
            ToDoubleFunction<double[]> logProb = p -> dist.logProb(p, 0, p, k, a, 0);
            assertClose(dist + " dlogp", FiniteDifferences.gradient(logProb, x.clone(), H), g, RELATIVE_TOLERANCE);

            double[] ge = new double[x.length];
            dist.entropyGradient(x, 0, x, k, 1.0, ge, 0, ge, k);
            ToDoubleFunction<double[]> entropy = p -> dist.entropy(p, 0, p, k);
            assertClose(dist + " dH", FiniteDifferences.gradient(entropy, x.clone(), H), ge, RELATIVE_TOLERANCE);

            double[] gk = new double[x.length];
            dist.klGradient(x, 0, x, k, y, 0, y, k, 1.0, gk, 0, gk, k);
            ToDoubleFunction<double[]> kl = q -> dist.klDivergence(x, 0, x, k, q, 0, q, k);
            assertClose(dist + " dKL", FiniteDifferences.gradient(kl, y.clone(), H), gk, RELATIVE_TOLERANCE);
        }
    }

    @Test
    void fisherMetricIsTheHessianOfTheKlAtEquality() {
        SplittableRandom rng = new SplittableRandom(22);
        for (int trial = 0; trial < 40; trial++) {
            ActionDistribution dist = randomFamily(rng, trial);
            int k = dist.parameterSize();
            double[] x = packed(dist, rng);
            double[] v = packed(dist, rng);
            double[] mv = new double[x.length];
            dist.fisherProduct(x, 0, x, k, v, 0, v, k, 1.0, mv, 0, mv, k);
            // H v = d/dε ∇_q KL(p || p + εv) at ε = 0, one component at a time.
            double[] hv = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                int jj = j;
                hv[j] = FiniteDifferences.partial(e -> {
                    double[] q = x.clone();
                    for (int i = 0; i < q.length; i++) {
                        q[i] += e[0] * v[i];
                    }
                    double[] g = new double[q.length];
                    dist.klGradient(x, 0, x, k, q, 0, q, k, 1.0, g, 0, g, k);
                    return g[jj];
                }, new double[1], 0, H);
            }
            assertClose(dist + " Mv", hv, mv, RELATIVE_TOLERANCE);
        }
    }

    @Test
    void categoricalFisherIsTheExpectedOuterProductOfScores() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int n = 1; n <= 6; n++) {
            Categorical dist = new Categorical(n);
            double[] z = packed(dist, rng);
            double[] v = packed(dist, rng);
            double[] expected = new double[n];
            for (int a = 0; a < n; a++) {
                double[] score = new double[n];
                dist.logProbGradient(z, 0, null, 0, new double[] {a}, 0, 1.0, score, 0, null, 0);
                double p = Math.exp(dist.logProb(z, 0, null, 0, new double[] {a}, 0));
                double sv = FiniteDifferences.dot(score, v);
                for (int i = 0; i < n; i++) {
                    expected[i] += p * score[i] * sv;
                }
            }
            double[] mv = new double[n];
            dist.fisherProduct(z, 0, null, 0, v, 0, null, 0, 1.0, mv, 0, null, 0);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], mv[i], 1e-14);
            }
        }
    }

    @Test
    void categoricalIsNormalizedAndMatchesItsDefinitions() {
        Categorical dist = new Categorical(4);
        double[] z = {0.3, -1.2, 2.0, 0.0};
        double[] q = {1.0, 1.0, -0.5, 0.25};
        double total = 0;
        double entropy = 0;
        double kl = 0;
        double zsum = Math.exp(0.3) + Math.exp(-1.2) + Math.exp(2.0) + 1.0;
        double qsum = 2 * Math.exp(1.0) + Math.exp(-0.5) + Math.exp(0.25);
        for (int a = 0; a < 4; a++) {
            double p = Math.exp(z[a]) / zsum;
            double pq = Math.exp(q[a]) / qsum;
            assertEquals(Math.log(p), dist.logProb(z, 0, null, 0, new double[] {a}, 0), 1e-15);
            total += p;
            entropy -= p * Math.log(p);
            kl += p * Math.log(p / pq);
        }
        assertEquals(1.0, total, 1e-15);
        assertEquals(entropy, dist.entropy(z, 0, null, 0), 1e-15);
        assertEquals(kl, dist.klDivergence(z, 0, null, 0, q, 0, null, 0), 1e-15);
        assertEquals(0.0, dist.klDivergence(z, 0, null, 0, z, 0, null, 0), 1e-16);
        double[] mode = new double[1];
        dist.mode(z, 0, null, 0, mode, 0);
        assertEquals(2.0, mode[0]);
    }

    @Test
    void categoricalIsStableForHugeLogits() {
        Categorical dist = new Categorical(2);
        double[] z = {1000.0, 0.0};
        assertEquals(-1000.0, dist.logProb(z, 0, null, 0, new double[] {1}, 0));
        assertEquals(0.0, dist.logProb(z, 0, null, 0, new double[] {0}, 0));
        assertEquals(0.0, dist.entropy(z, 0, null, 0));
        assertEquals(1000.0, dist.klDivergence(z, 0, null, 0, new double[] {0.0, 1000.0}, 0, null, 0), 1e-9);
    }

    @Test
    void categoricalSamplingFrequenciesMatchProbabilities() {
        Categorical dist = new Categorical(3);
        double[] z = {0.0, Math.log(2), Math.log(7)};
        SplittableRandom rng = new SplittableRandom(5);
        int[] counts = new int[3];
        double[] a = new double[1];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            dist.sample(z, 0, null, 0, rng, a, 0);
            counts[(int) a[0]]++;
        }
        // 5 standard deviations of a binomial proportion at n = 200000 is below 0.0045.
        assertEquals(0.1, counts[0] / (double) n, 0.0045);
        assertEquals(0.2, counts[1] / (double) n, 0.0045);
        assertEquals(0.7, counts[2] / (double) n, 0.0045);
    }

    @Test
    void gaussianMatchesItsClosedForms() {
        DiagGaussian dist = new DiagGaussian(2);
        double[] mu = {0.5, -1.0};
        double[] logStd = {Math.log(2.0), 0.0};
        double[] a = {1.5, 0.0};
        double expected = -0.5 * 0.25 - Math.log(2.0) - 0.5 * Math.log(2 * Math.PI)
                - 0.5 * 1.0 - 0.5 * Math.log(2 * Math.PI);
        assertEquals(expected, dist.logProb(mu, 0, logStd, 0, a, 0), 1e-15);
        assertEquals(1.0 + Math.log(2 * Math.PI) + Math.log(2.0), dist.entropy(mu, 0, logStd, 0), 1e-15);
        // KL(N(0,1) || N(1, 2²)) = log 2 + (1 + 1)/8 - 1/2 per dimension.
        double kl = dist.klDivergence(new double[] {0, 0}, 0, new double[] {0, 0}, 0, new double[] {1, 1}, 0,
                new double[] {Math.log(2), Math.log(2)}, 0);
        assertEquals(2 * (Math.log(2) + 0.25 - 0.5), kl, 1e-15);
        // Sampling: moments of 200000 draws.
        SplittableRandom rng = new SplittableRandom(9);
        double[] s = new double[2];
        double sum = 0;
        double sq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            dist.sample(mu, 0, logStd, 0, rng, s, 0);
            sum += s[0];
            sq += (s[0] - 0.5) * (s[0] - 0.5);
        }
        assertEquals(0.5, sum / n, 0.02);
        assertEquals(4.0, sq / n, 0.05);
        double[] mode = new double[2];
        dist.mode(mu, 0, logStd, 0, mode, 0);
        assertEquals(-1.0, mode[1]);
    }

    @Test
    void rejectsInvalidActionsAndSizes() {
        assertEquals("action 3.0 is not one of the 3 categories", assertThrows(IllegalArgumentException.class,
                () -> new Categorical(3).logProb(new double[3], 0, null, 0, new double[] {3}, 0)).getMessage());
        assertEquals("action 0.5 is not one of the 3 categories", assertThrows(IllegalArgumentException.class,
                () -> new Categorical(3).logProb(new double[3], 0, null, 0, new double[] {0.5}, 0)).getMessage());
        assertEquals("a Gaussian needs dimension at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new DiagGaussian(0)).getMessage());
    }
}
