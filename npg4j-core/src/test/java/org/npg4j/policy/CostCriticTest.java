package org.npg4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.nn.Activation;

class CostCriticTest {
    @Test
    void gradientMatchesFiniteDifferencesForEveryConstraint() {
        CostCritic c = new CostCritic(3, 2, new int[] {8, 8}, Activation.TANH, 4);
        SplittableRandom rng = new SplittableRandom(1);
        int batch = 5;
        double[] obs = new double[batch * 3];
        double[] dOut = new double[batch * 2];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < dOut.length; i++) {
            dOut[i] = rng.nextDouble(-1, 1);
        }
        double[] out = new double[batch * 2];
        c.predict(obs, batch, out);
        double[] grad = new double[c.parameters().length];
        c.gradient(batch, dOut, grad);
        double[] theta = c.parameters();
        for (int j = 0; j < theta.length; j += 7) {
            double t = theta[j];
            theta[j] = t + 1e-6;
            double up = weighted(c, obs, batch, dOut);
            theta[j] = t - 1e-6;
            double down = weighted(c, obs, batch, dOut);
            theta[j] = t;
            assertEquals((up - down) / 2e-6, grad[j], 1e-7, "∂/∂θ_" + j);
        }
    }

    @Test
    void singleAndBatchedPredictionsAgreeAndNetworksAreIndependent() {
        CostCritic c = new CostCritic(2, 2, new int[] {4}, Activation.TANH, 0);
        double[] obs = {0.3, -0.2, 1.0, 0.5};
        double[] batch = new double[4];
        c.predict(obs, 2, batch);
        double[] one = new double[2];
        c.predictOne(obs, 2, one);
        assertEquals(batch[2], one[0], 0.0);
        assertEquals(batch[3], one[1], 0.0);
        // Changing the second network's parameters leaves V_c1 unchanged.
        c.parameters()[c.networkParameterCount() + 1] += 1.0;
        double[] again = new double[4];
        c.predict(obs, 2, again);
        assertEquals(batch[0], again[0], 0.0);
        assertEquals(batch[2], again[2], 0.0);
    }

    @Test
    void refusesAGradientWithoutTheMatchingForwardPassAndZeroCosts() {
        CostCritic c = new CostCritic(2, 1, new int[] {4}, Activation.TANH, 0);
        c.predict(new double[6], 3, new double[3]);
        assertEquals("cost critic gradient on 2 rows needs a predict on the same rows just before (last: 3)",
                assertThrows(IllegalStateException.class, () -> c.gradient(2, new double[2], new double[c.parameters().length]))
                        .getMessage());
        assertEquals("a cost critic needs at least one cost signal, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> new CostCritic(2, 0, new int[] {4}, Activation.TANH, 0)).getMessage());
    }

    private static double weighted(CostCritic c, double[] obs, int batch, double[] w) {
        double[] out = new double[batch * 2];
        c.predict(obs, batch, out);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += w[i] * out[i];
        }
        return s;
    }
}
