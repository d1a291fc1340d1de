package org.npg4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.npg4j.FiniteDifferences.RELATIVE_TOLERANCE;
import static org.npg4j.FiniteDifferences.assertClose;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.FiniteDifferences;
import org.npg4j.nn.Mlp;

class ActorCriticPolicyTest {
    private static final int OBS = 3;
    private static final int N = 5;

    /** Small networks of every kind: discrete/continuous × separate/shared, narrow and wide layers. */
    private static List<ActorCriticPolicy> policies() {
        return List.of(
                ActorCriticPolicy.builder(OBS).discrete(4).piLayers(5, 4).vfLayers(3).seed(1).build(),
                ActorCriticPolicy.builder(OBS).continuous(2).piLayers(5).vfLayers(4, 3).logStdInit(-0.3).seed(2)
                        .build(),
                ActorCriticPolicy.builder(OBS).discrete(3).sharedLayers(6, 4).seed(3).build(),
                ActorCriticPolicy.builder(OBS).continuous(3).sharedLayers(5).seed(4).build(),
                // Hidden layers of 8 or more units take the wide kernels, the heads the narrow ones.
                ActorCriticPolicy.builder(OBS).discrete(2).piLayers(9, 12).vfLayers(10, 8).seed(5).build(),
                // The zoo's MuJoCo networks: ReLU, wide layers, PyTorch's default initialization, log σ = -2.
                ActorCriticPolicy.builder(OBS).continuous(3).piLayers(16, 12).vfLayers(16, 12)
                        .activation(org.npg4j.nn.Activation.RELU).orthoInit(false).logStdInit(-2.0).seed(6).build());
    }

    /** Perturbs the parameters so that the heads are not near-zero, as after some training. */
    private static void randomize(ActorCriticPolicy p, SplittableRandom rng) {
        double[] t = p.parameters();
        for (int i = 0; i < t.length; i++) {
            t[i] += 0.5 * rng.nextGaussian();
        }
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double[] actions(ActorCriticPolicy p, double[] obs, SplittableRandom rng) {
        int as = p.distribution().actionSize();
        double[] a = new double[N * as];
        for (int i = 0; i < N; i++) {
            p.act(obs, i * OBS, rng, a, i * as);
        }
        return a;
    }

    /** Evaluates f with the policy's parameters temporarily replaced by x. */
    private static double at(ActorCriticPolicy p, double[] x, java.util.function.DoubleSupplier f) {
        double[] saved = p.parameters().clone();
        System.arraycopy(x, 0, p.parameters(), 0, x.length);
        double v = f.getAsDouble();
        System.arraycopy(saved, 0, p.parameters(), 0, saved.length);
        return v;
    }

    @Test
    void weightedLossGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(31);
        for (ActorCriticPolicy p : policies()) {
            randomize(p, rng);
            double[] obs = gaussian(rng, N * OBS);
            double[] a = actions(p, obs, rng);
            double[] w = gaussian(rng, N);
            double[] e = gaussian(rng, N);
            double[] u = gaussian(rng, N);
            double[] grad = new double[p.parameterCount()];
            p.gradient(obs, a, N, w, e, u, grad);
            double[] fd = FiniteDifferences.gradient(x -> at(p, x, () -> {
                double[] lp = new double[N];
                double[] h = new double[N];
                double[] v = new double[N];
                p.evaluateActions(obs, a, N, lp, h, v);
                return FiniteDifferences.dot(w, lp) + FiniteDifferences.dot(e, h) + FiniteDifferences.dot(u, v);
            }), p.parameters().clone(), 1e-4);
            assertClose(p.distribution() + " loss gradient", fd, grad, RELATIVE_TOLERANCE);

            double[] score = new double[p.parameterCount()];
            p.score(obs, OBS, a, p.distribution().actionSize(), score);
            double[] fdScore = FiniteDifferences.gradient(x -> at(p, x, () -> {
                double[] lp = new double[1];
                p.evaluateActions(java.util.Arrays.copyOfRange(obs, OBS, 2 * OBS),
                        java.util.Arrays.copyOfRange(a, p.distribution().actionSize(),
                                2 * p.distribution().actionSize()), 1, lp, null);
                return lp[0];
            }), p.parameters().clone(), 1e-4);
            assertClose(p.distribution() + " score", fdScore, score, RELATIVE_TOLERANCE);
        }
    }

    @Test
    void gradientOfLastEvaluationEqualsTheGradientWithItsOwnForwardPass() {
        SplittableRandom rng = new SplittableRandom(37);
        for (ActorCriticPolicy p : policies()) {
            randomize(p, rng);
            double[] obs = gaussian(rng, N * OBS);
            double[] a = actions(p, obs, rng);
            double[] w = gaussian(rng, N);
            double[] e = gaussian(rng, N);
            double[] u = gaussian(rng, N);
            double[] expected = new double[p.parameterCount()];
            p.gradient(obs, a, N, w, e, u, expected);
            double[] fused = new double[p.parameterCount()];
            p.evaluateActions(obs, a, N, new double[N], new double[N], new double[N]);
            p.gradientOfLastEvaluation(a, N, w, e, u, fused);
            assertArrayEquals(expected, fused, p.distribution() + " fused gradient, bit for bit");

            // The value gradient after predictValues touches the critic only (separate networks).
            double[] valueOnly = new double[p.parameterCount()];
            p.gradient(obs, a, N, null, null, u, valueOnly);
            double[] afterPredict = new double[p.parameterCount()];
            p.predictValues(obs, N, new double[N]);
            p.valueGradient(N, u, afterPredict);
            if (p.criticNetwork() != null) {
                for (int i = 0; i < p.actorParameterCount(); i++) {
                    assertEquals(0.0, afterPredict[i], "actor parameter " + i);
                }
            }
            assertArrayEquals(valueOnly, afterPredict, p.distribution() + " value gradient, bit for bit");
        }
    }

    @Test
    void gradientsOfTheLastPassRefuseAStaleOrDifferentPass() {
        ActorCriticPolicy p = policies().get(0);
        SplittableRandom rng = new SplittableRandom(41);
        double[] obs = gaussian(rng, N * OBS);
        double[] a = actions(p, obs, rng);
        double[] w = gaussian(rng, N);
        double[] grad = new double[p.parameterCount()];
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.gradientOfLastEvaluation(a, N, w, null, null, grad));
        assertEquals("gradientOfLastEvaluation needs evaluateActions on the same 5 rows immediately before it",
                e.getMessage());
        p.evaluateActions(obs, a, N, new double[N], null);
        e = assertThrows(IllegalStateException.class, () -> p.gradientOfLastEvaluation(a, N, w, null, w, grad));
        assertEquals("gradientOfLastEvaluation with dValue needs evaluateActions with values on the same 5 rows "
                + "immediately before it", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> p.gradientOfLastEvaluation(a, 4, w, null, null, grad));
        assertEquals("gradientOfLastEvaluation needs evaluateActions on the same 4 rows immediately before it",
                e.getMessage());
        p.evaluateActions(obs, a, N, new double[N], null, new double[N]);
        p.meanKl(obs, N, new double[N * 4], new double[0]);
        e = assertThrows(IllegalStateException.class, () -> p.gradientOfLastEvaluation(a, N, w, null, null, grad));
        assertEquals("gradientOfLastEvaluation needs evaluateActions on the same 5 rows immediately before it",
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> p.valueGradient(N, w, grad));
        assertEquals("valueGradient needs predictValues on the same 5 rows immediately before it", e.getMessage());
    }

    @Test
    void fisherOperatorReusesOneForwardPassAndEqualsTheFisherVectorProduct() {
        SplittableRandom rng = new SplittableRandom(43);
        for (ActorCriticPolicy p : policies()) {
            randomize(p, rng);
            double[] obs = gaussian(rng, N * OBS);
            org.npg4j.math.LinearOperator fisher = p.fisherOperator(obs, N, 0.1);
            for (int trial = 0; trial < 3; trial++) {
                double[] v = gaussian(rng, p.parameterCount());
                double[] expected = new double[p.parameterCount()];
                p.fisherVectorProduct(obs, N, v, 0.1, expected);
                // Other batch passes in between do not disturb the operator.
                p.evaluateActions(gaussian(rng, 2 * OBS), actions(p, obs, rng), 2, new double[2], null);
                double[] viaOperator = new double[p.parameterCount()];
                fisher.apply(v, viaOperator);
                // The operator factors the Jacobian by layers (Mlp.recordJacobians): the same products summed in
                // another order.
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], viaOperator[i], 1e-12 * (1 + Math.abs(expected[i])),
                            p.distribution() + " Fisher operator at " + i);
                }
            }
            p.fisherOperator(obs, N, 0.1);
            double[] v = new double[p.parameterCount()];
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> fisher.apply(v, v.clone()));
            assertEquals("this Fisher operator was superseded by a later fisherOperator call", e.getMessage());
        }
    }

    @Test
    void klGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(32);
        for (ActorCriticPolicy p : policies()) {
            randomize(p, rng);
            double[] obs = gaussian(rng, N * OBS);
            double[] oldPhi = new double[N * p.distribution().parameterSize()];
            double[] oldPsi = new double[p.distribution().sharedParameterSize()];
            p.distributionParameters(obs, N, oldPhi, oldPsi);
            randomize(p, rng);
            double[] grad = new double[p.parameterCount()];
            p.klGradient(obs, N, oldPhi, oldPsi, grad);
            double[] fd = FiniteDifferences.gradient(x -> at(p, x, () -> p.meanKl(obs, N, oldPhi, oldPsi)),
                    p.parameters().clone(), 1e-4);
            assertClose(p.distribution() + " KL gradient", fd, grad, RELATIVE_TOLERANCE);
        }
    }

    @Test
    void fisherVectorProductIsTheHessianOfTheMeanKlAtTheOldPolicy() {
        // Claim 12.5: ∇²_θ (1/N)Σ KL(π_old || π_θ) at θ = θ_old equals the Fisher information matrix.
        SplittableRandom rng = new SplittableRandom(33);
        for (ActorCriticPolicy p : policies()) {
            randomize(p, rng);
            double[] obs = gaussian(rng, N * OBS);
            double[] oldPhi = new double[N * p.distribution().parameterSize()];
            double[] oldPsi = new double[p.distribution().sharedParameterSize()];
            p.distributionParameters(obs, N, oldPhi, oldPsi);
            double[] v = gaussian(rng, p.parameterCount());
            double[] fv = new double[p.parameterCount()];
            p.fisherVectorProduct(obs, N, v, 0.0, fv);
            double[] theta0 = p.parameters().clone();
            double[] hv = new double[p.parameterCount()];
            for (int j = 0; j < hv.length; j++) {
                int jj = j;
                hv[j] = FiniteDifferences.partial(eps -> {
                    double[] x = theta0.clone();
                    for (int i = 0; i < x.length; i++) {
                        x[i] += eps[0] * v[i];
                    }
                    return at(p, x, () -> {
                        double[] g = new double[x.length];
                        p.klGradient(obs, N, oldPhi, oldPsi, g);
                        return g[jj];
                    });
                }, new double[1], 0, 1e-4);
            }
            assertClose(p.distribution() + " Fv vs KL Hessian", hv, fv, RELATIVE_TOLERANCE);

            double[] damped = new double[p.parameterCount()];
            p.fisherVectorProduct(obs, N, v, 0.1, damped);
            for (int j = 0; j < v.length; j++) {
                assertEquals(fv[j] + 0.1 * v[j], damped[j], 1e-13 * (1 + Math.abs(damped[j])));
            }
        }
    }

    @Test
    void fisherVectorProductEqualsTheExplicitFisherMatrix() {
        SplittableRandom rng = new SplittableRandom(34);
        for (ActorCriticPolicy p : policies()) {
            randomize(p, rng);
            int n = p.parameterCount();
            double[] obs = gaussian(rng, N * OBS);
            double[][] f = new double[n][n];
            ActionDistribution dist = p.distribution();
            if (dist instanceof Categorical) {
                // F = (1/N) Σ_i Σ_a π(a|s_i) ∇log π(a|s_i) ∇log π(a|s_i)ᵀ, the expectation summed exactly.
                int actions = ((Categorical) dist).actions();
                for (int i = 0; i < N; i++) {
                    double[] o = java.util.Arrays.copyOfRange(obs, i * OBS, (i + 1) * OBS);
                    for (int a = 0; a < actions; a++) {
                        double[] act = {a};
                        double[] s = new double[n];
                        p.score(o, 0, act, 0, s);
                        double[] lp = new double[1];
                        p.evaluateActions(o, act, 1, lp, null);
                        double pr = Math.exp(lp[0]) / N;
                        addOuter(f, s, s, pr);
                    }
                }
            } else {
                // F = (1/N) Σ_i J_iᵀ M_i J_i with the closed-form metric diag(1/σ²) on μ and 2 on log σ; the
                // rows of J_i (∇θ μ_j(s_i)) come from reverse passes with unit output vectors.
                Mlp net = p.actorNetwork();
                int d = dist.parameterSize();
                for (int i = 0; i < N; i++) {
                    for (int j = 0; j < d; j++) {
                        double[] e = new double[net.outputSize()];
                        e[j] = 1.0;
                        double[] row = new double[n];
                        net.forward(p.parameters(), 0, obs, i * OBS, 1, new double[net.outputSize()], 0,
                                net.newTape(1));
                        org.npg4j.nn.Tape t = net.newTape(1);
                        net.forward(p.parameters(), 0, obs, i * OBS, 1, new double[net.outputSize()], 0, t);
                        net.backward(p.parameters(), 0, e, 0, 1, row, 0, null, 0, t);
                        double sigma2 = Math.exp(2 * p.parameters()[p.logStdOffset() + j]);
                        addOuter(f, row, row, 1.0 / (sigma2 * N));
                    }
                }
                for (int j = 0; j < d; j++) {
                    f[p.logStdOffset() + j][p.logStdOffset() + j] += 2.0;
                }
            }
            double[] v = gaussian(rng, n);
            double[] expected = new double[n];
            for (int r = 0; r < n; r++) {
                expected[r] = FiniteDifferences.dot(f[r], v);
            }
            double[] fv = new double[n];
            p.fisherVectorProduct(obs, N, v, 0.0, fv);
            for (int r = 0; r < n; r++) {
                assertEquals(expected[r], fv[r], 1e-12 * (1 + Math.abs(expected[r])), dist + " row " + r);
            }
        }
    }

    private static void addOuter(double[][] f, double[] x, double[] y, double w) {
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < y.length; c++) {
                f[r][c] += w * x[r] * y[c];
            }
        }
    }

    @Test
    void defaultsAreSb3MlpPolicy() {
        ActorCriticPolicy cartPole = ActorCriticPolicy.builder(4).discrete(2).build();
        // SB3's PPO('MlpPolicy', 'CartPole-v1') has 9,155 trainable parameters.
        assertEquals(9155, cartPole.parameterCount());
        assertEquals(4610, cartPole.actorParameterCount());
        ActorCriticPolicy pendulum = ActorCriticPolicy.builder(3).continuous(1).build();
        assertEquals(2 * (3 * 64 + 64 + 64 * 64 + 64 + 64 + 1) + 1, pendulum.parameterCount());
        assertEquals(0.0, pendulum.parameters()[pendulum.logStdOffset()]);
        // The 0.01 head gain makes the initial policy nearly uniform.
        double[] lp = new double[2];
        double[] h = new double[2];
        cartPole.evaluateActions(new double[] {0.1, -0.2, 0.3, 0.5, 0.1, -0.2, 0.3, 0.5}, new double[] {0, 1}, 2,
                lp, h);
        assertEquals(Math.log(0.5), lp[0], 0.02);
        assertEquals(Math.log(2), h[0], 1e-3);
        // Same seed, same network.
        assertArrayEquals(cartPole.parameters(), ActorCriticPolicy.builder(4).discrete(2).build().parameters(), 0.0);
    }

    @Test
    void deterministicActionIsTheMode() {
        ActorCriticPolicy p = ActorCriticPolicy.builder(2).continuous(2).piLayers(3).vfLayers(3).seed(9).build();
        double[] obs = {0.4, -0.7};
        double[] a = new double[2];
        p.actDeterministic(obs, 0, a, 0);
        double[] phi = new double[2];
        p.distributionParameters(obs, 1, phi, null);
        assertArrayEquals(phi, a, 0.0);
    }

    @Test
    void rejectsIncompleteConfiguration() {
        assertEquals("choose discrete(n) or continuous(d) actions",
                assertThrows(IllegalArgumentException.class, () -> ActorCriticPolicy.builder(4).build())
                        .getMessage());
        assertEquals("observation size must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> ActorCriticPolicy.builder(0)).getMessage());
        ActorCriticPolicy p = ActorCriticPolicy.builder(2).discrete(2).build();
        assertEquals("fisherVectorProduct needs vectors of length " + p.parameterCount() + ", got 3 and 3",
                assertThrows(IllegalArgumentException.class,
                        () -> p.fisherVectorProduct(new double[2], 1, new double[3], 0, new double[3])).getMessage());
    }

    /**
     * From 64 rows the critic's passes run on a helper thread beside the actor's (when two processors are
     * available): values, log-probabilities and the gradient are the bits of the separate sequential passes.
     */
    @Test
    void criticPassesBesideTheActorsGiveTheBitsOfSeparatePasses() {
        for (ActorCriticPolicy p : List.of(
                ActorCriticPolicy.builder(4).discrete(2).piLayers(64, 64).vfLayers(64, 64).seed(7).build(),
                ActorCriticPolicy.builder(4).continuous(2).piLayers(64, 64).vfLayers(64, 64).seed(8).build())) {
            int n = 256;
            int as = p.distribution().actionSize();
            SplittableRandom rng = new SplittableRandom(11);
            double[] obs = new double[n * 4];
            double[] act = new double[n * as];
            for (int i = 0; i < obs.length; i++) {
                obs[i] = rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                p.act(obs, i * 4, rng, act, i * as);
            }
            double[] dLogProb = new double[n];
            double[] dEntropy = new double[n];
            double[] dValue = new double[n];
            for (int i = 0; i < n; i++) {
                dLogProb[i] = rng.nextGaussian() / n;
                dEntropy[i] = -0.01 / n;
                dValue[i] = rng.nextGaussian() / n;
            }
            double[] logProbs = new double[n];
            double[] entropies = new double[n];
            double[] values = new double[n];
            double[] grad = new double[p.parameterCount()];
            for (int repeat = 0; repeat < 50; repeat++) { // many hand-offs, helper spinning and parked
                java.util.Arrays.fill(grad, 0.0);
                p.evaluateActions(obs, act, n, logProbs, entropies, values);
                p.gradientOfLastEvaluation(act, n, dLogProb, dEntropy, dValue, grad);
            }

            Mlp critic = p.criticNetwork();
            int off = p.actorParameterCount();
            org.npg4j.nn.Tape tape = critic.newTape(n);
            double[] expectedValues = new double[n];
            critic.forward(p.parameters(), off, obs, 0, n, expectedValues, 0, tape);
            double[] expectedLogProbs = new double[n];
            double[] expectedEntropies = new double[n];
            double[] expectedGrad = new double[p.parameterCount()];
            p.evaluateActions(obs, act, n, expectedLogProbs, expectedEntropies, null);
            p.gradientOfLastEvaluation(act, n, dLogProb, dEntropy, null, expectedGrad);
            critic.backward(p.parameters(), off, dValue, 0, n, expectedGrad, off, null, 0, tape);
            assertArrayEquals(expectedValues, values);
            assertArrayEquals(expectedLogProbs, logProbs);
            assertArrayEquals(expectedEntropies, entropies);
            assertArrayEquals(expectedGrad, grad);
            boolean criticGradient = false;
            for (int i = off; i < grad.length; i++) {
                criticGradient |= grad[i] != 0.0;
            }
            org.junit.jupiter.api.Assertions.assertTrue(criticGradient, "the critic's part was computed");
        }
    }
}
