package org.npg4j.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RolloutBufferTest {
    static final double GAMMA = 0.99;

    /** Fills a 1-env buffer with rewards r, values v, starts, and an optional cost equal to 2r. */
    static RolloutBuffer fill(double[] r, double[] v, boolean[] starts, int costDim) {
        RolloutBuffer b = new RolloutBuffer(r.length, 1, 1, 1, costDim);
        for (int t = 0; t < r.length; t++) {
            b.add(new double[] {t}, new double[] {0}, new double[] {0}, new double[] {v[t]}, new double[] {r[t]},
                    new boolean[] {starts[t]}, costDim == 0 ? null : new double[] {2 * r[t]},
                    costDim == 0 ? null : new double[] {2 * v[t]});
        }
        return b;
    }

    @Test
    void lambdaOneWithZeroValuesIsTheDiscountedRewardToGoWithinEpisodes() {
        double[] r = {1, 2, 3, 4, 5};
        boolean[] starts = {true, false, false, true, false};
        RolloutBuffer b = fill(r, new double[5], starts, 0);
        b.computeReturnsAndAdvantage(new double[] {10}, new boolean[] {false}, null, GAMMA, 1.0);
        double g = GAMMA;
        // Episode 1 ends after step 2 (step 3 starts a new one): no bootstrap across it.
        assertEquals(1 + g * 2 + g * g * 3, b.advantages()[0], 1e-12);
        assertEquals(3, b.advantages()[2], 1e-12);
        // The last episode is cut by the rollout's end: bootstrapped with the last value 10.
        assertEquals(4 + g * 5 + g * g * 10, b.advantages()[3], 1e-12);
        assertArrayEquals(b.advantages(), b.returns(), 0.0, "returns = advantages + 0 values");
    }

    @Test
    void lambdaZeroIsTheTemporalDifference() {
        double[] r = {1, 0, 2};
        double[] v = {0.5, 0.7, 0.2};
        RolloutBuffer b = fill(r, v, new boolean[] {false, false, false}, 0);
        b.computeReturnsAndAdvantage(new double[] {0.9}, new boolean[] {false}, null, GAMMA, 0.0);
        assertEquals(1 + GAMMA * 0.7 - 0.5, b.advantages()[0], 1e-15);
        assertEquals(2 + GAMMA * 0.9 - 0.2, b.advantages()[2], 1e-15);
    }

    @Test
    void exactConstantValueWithBootstrappedTruncationGivesZeroAdvantage() {
        // Reward 1 forever, episodes truncated every 4 steps: V = 1/(1-gamma) everywhere. SB3-style bootstrap adds
        // gamma V(final obs) to the reward at the cut, so GAE sees an uninterrupted stream and every delta is 0.
        int n = 12;
        double v = 1 / (1 - GAMMA);
        RolloutBuffer b = new RolloutBuffer(n, 1, 1, 1, 0);
        for (int t = 0; t < n; t++) {
            b.add(new double[] {0}, new double[] {0}, new double[] {0}, new double[] {v}, new double[] {1},
                    new boolean[] {t % 4 == 0}, null, null);
            if (t % 4 == 3) {
                b.bootstrapTruncation(0, GAMMA, v, null);
            }
        }
        b.computeReturnsAndAdvantage(new double[] {v}, new boolean[] {true}, null, GAMMA, 0.95);
        for (int t = 0; t < n; t++) {
            assertEquals(0.0, b.advantages()[t], 1e-10, "step " + t);
            assertEquals(v, b.returns()[t], 1e-10);
        }
    }

    @Test
    void exactValuesOfATerminatingEpisodeGiveZeroAdvantage() {
        // Reward 1 per step, termination after 3 steps: V at the k-th step from the end is (1-g^k)/(1-g).
        double[] r = {1, 1, 1, 1, 1, 1};
        double[] v = new double[6];
        for (int t = 0; t < 6; t++) {
            int left = 3 - t % 3;
            v[t] = (1 - Math.pow(GAMMA, left)) / (1 - GAMMA);
        }
        RolloutBuffer b = fill(r, v, new boolean[] {true, false, false, true, false, false}, 1);
        b.computeReturnsAndAdvantage(new double[] {123}, new boolean[] {true}, new double[] {456}, GAMMA, 0.9);
        for (int t = 0; t < 6; t++) {
            assertEquals(0.0, b.advantages()[t], 1e-12);
            assertEquals(0.0, b.costAdvantages()[t], 1e-12, "cost = 2r with cost values 2V");
            assertEquals(2 * v[t], b.costReturns()[t], 1e-12);
        }
    }

    @Test
    void envsAreIndependentAndChannelsInterleave() {
        SplittableRandom rng = new SplittableRandom(4);
        int nSteps = 7, nEnvs = 3, m = 2;
        double[] sig = new double[nSteps * nEnvs * m], val = new double[sig.length];
        boolean[] st = new boolean[nSteps * nEnvs];
        for (int i = 0; i < sig.length; i++) {
            sig[i] = rng.nextGaussian();
            val[i] = rng.nextGaussian();
        }
        for (int i = 0; i < st.length; i++) {
            st[i] = rng.nextInt(4) == 0;
        }
        double[] last = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        boolean[] lastStart = {false, true, false};
        double[] adv = new double[sig.length], ret = new double[sig.length];
        Gae.compute(nSteps, nEnvs, m, sig, val, st, last, lastStart, 0.9, 0.8, adv, ret);
        for (int e = 0; e < nEnvs; e++) {
            for (int c = 0; c < m; c++) {
                double[] s1 = new double[nSteps], v1 = new double[nSteps], a1 = new double[nSteps], r1 = new double[nSteps];
                boolean[] st1 = new boolean[nSteps];
                for (int t = 0; t < nSteps; t++) {
                    s1[t] = sig[(t * nEnvs + e) * m + c];
                    v1[t] = val[(t * nEnvs + e) * m + c];
                    st1[t] = st[t * nEnvs + e];
                }
                Gae.compute(nSteps, 1, 1, s1, v1, st1, new double[] {last[e * m + c]}, new boolean[] {lastStart[e]},
                        0.9, 0.8, a1, r1);
                for (int t = 0; t < nSteps; t++) {
                    assertEquals(a1[t], adv[(t * nEnvs + e) * m + c], 1e-15);
                }
            }
        }
    }

    @Test
    void shuffledIndicesAreAPermutationAndSeeded() {
        RolloutBuffer b = new RolloutBuffer(16, 4, 2, 1, 0);
        int[] a = b.shuffledIndices(new SplittableRandom(1), null);
        int[] again = b.shuffledIndices(new SplittableRandom(1), null);
        assertArrayEquals(a, again);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void misuseIsRejected() {
        RolloutBuffer b = fill(new double[] {1}, new double[] {0}, new boolean[] {true}, 0);
        assertThrows(IllegalStateException.class, () -> b.add(new double[1], new double[1], new double[1],
                new double[1], new double[1], new boolean[1], null, null));
        RolloutBuffer empty = new RolloutBuffer(2, 1, 1, 1, 0);
        assertEquals("GAE needs a full rollout: 0 of 2 steps stored", assertThrows(IllegalStateException.class,
                () -> empty.computeReturnsAndAdvantage(new double[1], new boolean[1], null, 0.9, 0.9)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RolloutBuffer(0, 1, 1, 1, 0));
    }

    @Test
    void normalizationGivesZeroMeanUnitStd() {
        double[] x = {1, 2, 3, 4, 10};
        RolloutBuffer.normalizeInPlace(x, 0, 5);
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / 4;
        assertEquals(0, mean, 1e-12);
        assertEquals(1, Math.sqrt(var), 1e-7);
    }
}
