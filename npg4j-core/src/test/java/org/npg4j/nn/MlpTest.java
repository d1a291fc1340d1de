package org.npg4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.npg4j.FiniteDifferences.RELATIVE_TOLERANCE;
import static org.npg4j.FiniteDifferences.assertClose;
import static org.npg4j.FiniteDifferences.dot;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.FiniteDifferences;

class MlpTest {
    private static final Activation[] ALL = Activation.values();

    /** A random network: 1–3 layers, widths 1–7, random activations, random parameters and inputs. */
    private record Case(Mlp mlp, double[] theta, double[] x, int batch, double[] c) {
        static Case random(SplittableRandom rng) {
            int layers = 1 + rng.nextInt(3);
            int[] sizes = new int[layers + 1];
            Activation[] acts = new Activation[layers];
            for (int l = 0; l <= layers; l++) {
                // Up to 12 wide: both the narrow (< 8, dot products) and the wide layer kernels, with remainders.
                sizes[l] = 1 + rng.nextInt(12);
            }
            for (int l = 0; l < layers; l++) {
                acts[l] = ALL[rng.nextInt(ALL.length)];
            }
            Mlp mlp = Mlp.of(sizes, acts);
            int batch = 1 + rng.nextInt(9); // exercises both the 4-row blocks and the remainder rows
            return new Case(mlp, gaussian(rng, mlp.parameterCount(), 0.8), gaussian(rng, batch * sizes[0], 1.0),
                    batch, gaussian(rng, batch * mlp.outputSize(), 1.0));
        }

        /** The scalar loss L = Σ c ⊙ f_θ(x). */
        double loss(double[] theta, double[] x) {
            double[] y = new double[batch * mlp.outputSize()];
            mlp.forward(theta, 0, x, 0, batch, y, 0, mlp.newTape(batch));
            return dot(c, y);
        }
    }

    static double[] gaussian(SplittableRandom rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * rng.nextGaussian();
        }
        return v;
    }

    @Test
    void parameterAndInputGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            Case k = Case.random(rng);
            Mlp mlp = k.mlp();
            Tape tape = mlp.newTape(k.batch());
            double[] y = new double[k.batch() * mlp.outputSize()];
            mlp.forward(k.theta(), 0, k.x(), 0, k.batch(), y, 0, tape);
            double[] grad = new double[mlp.parameterCount()];
            double[] gradX = new double[k.x().length];
            mlp.backward(k.theta(), 0, k.c(), 0, k.batch(), grad, 0, gradX, 0, tape);

            double[] fdTheta = FiniteDifferences.gradient(t -> k.loss(t, k.x()), k.theta().clone(), 1e-4);
            double[] fdX = FiniteDifferences.gradient(x -> k.loss(k.theta(), x), k.x().clone(), 1e-4);
            assertClose(mlp + " dL/dθ", fdTheta, grad, RELATIVE_TOLERANCE);
            assertClose(mlp + " dL/dx", fdX, gradX, RELATIVE_TOLERANCE);
        }
    }

    @Test
    void backwardAccumulatesIntoTheGradientSlice() {
        Mlp mlp = Mlp.of(3, new int[] {5}, Activation.TANH, 2);
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = gaussian(rng, mlp.parameterCount() + 4, 1);
        double[] x = gaussian(rng, 6, 1);
        double[] g = gaussian(rng, 4, 1);
        Tape tape = mlp.newTape(2);
        mlp.forward(theta, 4, x, 0, 2, new double[4], 0, tape);
        double[] once = new double[mlp.parameterCount()];
        mlp.backward(theta, 4, g, 0, 2, once, 0, null, 0, tape);
        double[] twice = new double[mlp.parameterCount() + 3];
        twice[0] = 7.0;
        mlp.backward(theta, 4, g, 0, 2, twice, 3, null, 0, tape);
        mlp.backward(theta, 4, g, 0, 2, twice, 3, null, 0, tape);
        assertEquals(7.0, twice[0]);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[3 + i], 1e-14 * Math.abs(once[i]) + 1e-300);
        }
    }

    @Test
    void forwardTangentMatchesFiniteDifferencesAndForwardPass() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int trial = 0; trial < 40; trial++) {
            Case k = Case.random(rng);
            Mlp mlp = k.mlp();
            int outs = k.batch() * mlp.outputSize();
            double[] v = gaussian(rng, mlp.parameterCount(), 1.0);
            double[] y = new double[outs];
            double[] jv = new double[outs];
            mlp.forwardTangent(k.theta(), 0, v, 0, k.x(), 0, k.batch(), y, 0, jv, 0, mlp.newTape(k.batch()));

            double[] plain = new double[outs];
            mlp.forward(k.theta(), 0, k.x(), 0, k.batch(), plain, 0, mlp.newTape(k.batch()));
            assertArrayEquals(plain, y, 0.0, "the tangent pass computes the same outputs");

            // (J v)_j = d/dε f_{θ+εv}(x)_j at ε = 0, by finite differences along v.
            double[] fd = new double[outs];
            for (int j = 0; j < outs; j++) {
                int jj = j;
                double[] eps = {0.0};
                fd[j] = FiniteDifferences.partial(e -> {
                    double[] t = k.theta().clone();
                    for (int i = 0; i < t.length; i++) {
                        t[i] += e[0] * v[i];
                    }
                    double[] out = new double[outs];
                    mlp.forward(t, 0, k.x(), 0, k.batch(), out, 0, mlp.newTape(k.batch()));
                    return out[jj];
                }, eps, 0, 1e-4);
            }
            assertClose(mlp + " Jv", fd, jv, RELATIVE_TOLERANCE);
        }
    }

    @Test
    void reverseAndForwardModeAreAdjoint() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int trial = 0; trial < 50; trial++) {
            Case k = Case.random(rng);
            Mlp mlp = k.mlp();
            int outs = k.batch() * mlp.outputSize();
            double[] v = gaussian(rng, mlp.parameterCount(), 1.0);
            double[] u = k.c();
            Tape tape = mlp.newTape(k.batch());
            double[] jv = new double[outs];
            mlp.forwardTangent(k.theta(), 0, v, 0, k.x(), 0, k.batch(), new double[outs], 0, jv, 0, tape);
            double[] jtu = new double[mlp.parameterCount()];
            mlp.backward(k.theta(), 0, u, 0, k.batch(), jtu, 0, null, 0, tape);
            double lhs = dot(u, jv);
            double rhs = dot(jtu, v);
            assertEquals(lhs, rhs, 1e-12 * (1 + Math.abs(lhs)), mlp + ": <u, Jv> = <J^T u, v>");
        }
    }

    @Test
    void recordedJacobiansGiveTheForwardAndReverseModeProducts() {
        // J v = Σ_l Δ_l (x_l V_l + v_b) and Jᵀu per layer from the recorded Δ_l: the values of the tangent and
        // reverse passes, up to rounding (another summation order), at the θ of the last forward pass.
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 60; trial++) {
            Case k = Case.random(rng);
            Mlp mlp = k.mlp();
            int outs = k.batch() * mlp.outputSize();
            Tape tape = mlp.newTape(k.batch() + 2);
            mlp.forward(k.theta(), 0, k.x(), 0, k.batch(), new double[outs], 0, tape);
            mlp.recordJacobians(k.theta(), 0, k.batch(), tape);
            for (int product = 0; product < 2; product++) {
                double[] v = gaussian(rng, mlp.parameterCount(), 1.0);
                double[] expected = new double[outs];
                mlp.forwardTangent(k.theta(), 0, v, 0, k.x(), 0, k.batch(), new double[outs], 0, expected, 0,
                        mlp.newTape(k.batch()));
                double[] jv = new double[outs + 1];
                mlp.jacobianVectorProduct(v, 0, k.batch(), jv, 1, tape);
                for (int j = 0; j < outs; j++) {
                    assertEquals(expected[j], jv[1 + j], 1e-12 * (1 + Math.abs(expected[j])), mlp + " Jv at " + j);
                }
                double[] u = gaussian(rng, outs, 1.0);
                Tape reverse = mlp.newTape(k.batch());
                mlp.forward(k.theta(), 0, k.x(), 0, k.batch(), new double[outs], 0, reverse);
                double[] jtu = new double[mlp.parameterCount()];
                mlp.backward(k.theta(), 0, u, 0, k.batch(), jtu, 0, null, 0, reverse);
                double[] viaJacobians = new double[mlp.parameterCount() + 2];
                viaJacobians[0] = 5.0;
                mlp.jacobianTransposeProduct(u, 0, k.batch(), viaJacobians, 2, tape);
                assertEquals(5.0, viaJacobians[0], "accumulates into its slice only");
                for (int i = 0; i < jtu.length; i++) {
                    assertEquals(jtu[i], viaJacobians[2 + i], 1e-12 * (1 + Math.abs(jtu[i])), mlp + " Jᵀu at " + i);
                }
            }
        }
    }

    @Test
    void jacobianProductsNeedJacobiansOfTheLastForwardPass() {
        Mlp mlp = Mlp.of(3, new int[] {5}, Activation.TANH, 2);
        double[] theta = gaussian(new SplittableRandom(4), mlp.parameterCount(), 1);
        double[] x = new double[6];
        double[] v = new double[mlp.parameterCount()];
        Tape tape = mlp.newTape(2);
        mlp.forward(theta, 0, x, 0, 2, new double[4], 0, tape);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> mlp.jacobianVectorProduct(v, 0, 2, new double[4], 0, tape));
        assertEquals("jacobianVectorProduct needs recordJacobians on the same 2 rows after the last forward pass",
                e.getMessage());
        mlp.recordJacobians(theta, 0, 2, tape);
        mlp.jacobianVectorProduct(v, 0, 2, new double[4], 0, tape);
        mlp.forward(theta, 0, x, 0, 1, new double[2], 0, tape);
        e = assertThrows(IllegalStateException.class, () -> mlp.jacobianTransposeProduct(new double[2], 0, 1, v, 0,
                tape));
        assertEquals("jacobianTransposeProduct needs recordJacobians on the same 1 rows after the last forward pass",
                e.getMessage());
        assertEquals("Jacobians on 2 rows after a forward pass on 1", assertThrows(IllegalArgumentException.class,
                () -> mlp.recordJacobians(theta, 0, 2, tape)).getMessage());
    }

    @Test
    void layoutIsWeightsRowMajorThenBias() {
        // y = tanh? no: identity, so y_j = Σ_i x_i W[i][j] + b_j can be written down by hand.
        Mlp mlp = Mlp.of(new int[] {2, 3}, new Activation[] {Activation.IDENTITY});
        double[] theta = {1, 2, 3, 4, 5, 6, 0.5, -0.5, 0.25};
        double[] y = new double[3];
        mlp.forward(theta, 0, new double[] {10, 100}, 0, 1, y, 0, mlp.newTape(1));
        assertArrayEquals(new double[] {410.5, 519.5, 630.25}, y, 0.0);
        assertEquals(0, mlp.weightOffset(0));
        assertEquals(6, mlp.biasOffset(0));
        assertEquals(9, mlp.parameterCount());
    }

    @Test
    void sb3DefaultSizes() {
        Mlp mlp = Mlp.of(4, new int[] {64, 64}, Activation.TANH, 2);
        assertEquals(4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2, mlp.parameterCount());
        assertEquals(2 * (4 * 64 + 64 * 64 + 64 * 2) * 2 + 2 * 64 * 64 + 2 * 64 * 2, mlp.flopsPerRow(true));
    }

    @Test
    void rejectsBadShapesAndForeignTapes() {
        assertEquals("layer size 1 must be positive, got 0", assertThrows(IllegalArgumentException.class,
                () -> Mlp.of(new int[] {3, 0, 2}, new Activation[] {Activation.TANH, Activation.IDENTITY}))
                .getMessage());
        assertEquals("an MLP with 2 layers needs as many activations, got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Mlp.of(new int[] {3, 4, 2}, new Activation[] {Activation.TANH})).getMessage());
        Mlp a = Mlp.of(2, new int[] {3}, Activation.TANH, 1);
        Mlp b = Mlp.of(2, new int[] {3}, Activation.TANH, 1);
        Tape tape = b.newTape(4);
        assertEquals("tape was not created by this network", assertThrows(IllegalArgumentException.class,
                () -> a.forward(new double[a.parameterCount()], 0, new double[2], 0, 1, new double[1], 0, tape))
                .getMessage());
        assertEquals("batch 5 exceeds tape capacity 4", assertThrows(IllegalArgumentException.class,
                () -> b.forward(new double[b.parameterCount()], 0, new double[10], 0, 5, new double[5], 0, tape))
                .getMessage());
    }
}
