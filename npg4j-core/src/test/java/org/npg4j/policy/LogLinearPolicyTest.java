package org.npg4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.npg4j.FiniteDifferences.RELATIVE_TOLERANCE;
import static org.npg4j.FiniteDifferences.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.FiniteDifferences;
import org.npg4j.mdp.TabularPolicy;

class LogLinearPolicyTest {
    private static final int N = 6;

    /** Dense features φ(s, a)_j = sin((j + 1)(s_0 + a)) + s_1·(j == a), a made-up but generic map. */
    private static LogLinearPolicy dense() {
        return new LogLinearPolicy(FeatureMap.dense(2, 3, 4, (obs, off, a, out) -> {
            for (int j = 0; j < 4; j++) {
                out[j] = Math.sin((j + 1) * (obs[off] + a)) + (j == a ? obs[off + 1] : 0.0);
            }
        }));
    }

    private static double[] oneHots(int states, int[] s) {
        double[] obs = new double[s.length * states];
        for (int i = 0; i < s.length; i++) {
            obs[i * states + s[i]] = 1.0;
        }
        return obs;
    }

    private static double at(Policy p, double[] x, java.util.function.DoubleSupplier f) {
        double[] saved = p.parameters().clone();
        System.arraycopy(x, 0, p.parameters(), 0, x.length);
        double v = f.getAsDouble();
        System.arraycopy(saved, 0, p.parameters(), 0, saved.length);
        return v;
    }

    @Test
    void tabularPolicyIsTheSoftmaxOfTheMdpPackage() {
        LogLinearPolicy p = LogLinearPolicy.tabular(3, 2);
        double[] theta = {0.1, -0.4, 2.0, 0.5, -1.0, -1.0};
        System.arraycopy(theta, 0, p.parameters(), 0, 6);
        TabularPolicy expected = TabularPolicy.softmax(3, 2, theta);
        double[] lp = new double[1];
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 2; a++) {
                p.evaluateActions(oneHots(3, new int[] {s}), new double[] {a}, 1, lp, null);
                assertEquals(Math.log(expected.probability(s, a)), lp[0], 1e-15);
            }
        }
        assertEquals("tabular observation at offset 0 is not a one-hot vector of length 3",
                assertThrows(IllegalArgumentException.class,
                        () -> p.act(new double[] {0.5, 0.5, 0}, 0, new SplittableRandom(1), new double[1], 0))
                        .getMessage());
    }

    @Test
    void gradientsAndFisherMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(41);
        for (LogLinearPolicy p : new LogLinearPolicy[] {dense(), LogLinearPolicy.tabular(4, 3)}) {
            for (int i = 0; i < p.parameterCount(); i++) {
                p.parameters()[i] = rng.nextGaussian();
            }
            double[] obs = new double[N * p.observationSize()];
            if (p.observationSize() == 4) {
                obs = oneHots(4, new int[] {0, 1, 1, 3, 2, 0});
            } else {
                for (int i = 0; i < obs.length; i++) {
                    obs[i] = rng.nextGaussian();
                }
            }
            double[] o = obs;
            double[] a = new double[N];
            for (int i = 0; i < N; i++) {
                p.act(o, i * p.observationSize(), rng, a, i);
            }
            double[] w = rng.doubles(N).toArray();
            double[] e = rng.doubles(N).toArray();
            double[] grad = new double[p.parameterCount()];
            p.gradient(o, a, N, w, e, grad);
            double[] fd = FiniteDifferences.gradient(x -> at(p, x, () -> {
                double[] lp = new double[N];
                double[] h = new double[N];
                p.evaluateActions(o, a, N, lp, h);
                return FiniteDifferences.dot(w, lp) + FiniteDifferences.dot(e, h);
            }), p.parameters().clone(), 1e-4);
            assertClose("log-linear loss gradient", fd, grad, RELATIVE_TOLERANCE);

            // Claim 12.5 again: F v = ∇²KL(π_old || π_θ) v at θ = θ_old.
            double[] oldPhi = new double[N * 3];
            p.distributionParameters(o, N, oldPhi, null);
            double[] v = rng.doubles(p.parameterCount(), -1, 1).toArray();
            double[] fv = new double[p.parameterCount()];
            p.fisherVectorProduct(o, N, v, 0.0, fv);
            double[] theta0 = p.parameters().clone();
            double[] hv = new double[fv.length];
            for (int j = 0; j < hv.length; j++) {
                int jj = j;
                hv[j] = FiniteDifferences.partial(eps -> {
                    double[] x = theta0.clone();
                    for (int i = 0; i < x.length; i++) {
                        x[i] += eps[0] * v[i];
                    }
                    return at(p, x, () -> {
                        double[] g = new double[x.length];
                        p.klGradient(o, N, oldPhi, null, g);
                        return g[jj];
                    });
                }, new double[1], 0, 1e-4);
            }
            assertClose("log-linear Fv", hv, fv, RELATIVE_TOLERANCE);
        }
    }
}
