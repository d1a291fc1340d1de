package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.TabularPolicy;

class FiniteMdpEnvTest {
    @Test
    void monteCarloReturnsMatchExactValueWithinStatisticalError() {
        FiniteMdp mdp = Garnet.of(6, 3, 3, 11).withGamma(0.8).generate();
        double[] rho = {0.4, 0.1, 0.1, 0.2, 0.2, 0.0};
        mdp = mdp.withInitial(rho);
        TabularPolicy pi = TabularPolicy.softmax(6, 3, new SplittableRandom(5).doubles(18, -1, 1).toArray());
        double[] v = exactValue(mdp, pi);
        double expected = 0.0;
        for (int s = 0; s < 6; s++) {
            expected += rho[s] * v[s];
        }
        // γ^100 = 2e-10: the truncated return equals the infinite one to far below the statistical error.
        int horizon = 100;
        FiniteMdpEnv env = new FiniteMdpEnv("garnet", mdp, FiniteMdpEnv.ObservationMode.INDEX, horizon);
        SplittableRandom actions = new SplittableRandom(3);
        int episodes = 4000;
        double sum = 0.0;
        double sumSq = 0.0;
        env.reset(17);
        for (int e = 0; e < episodes; e++) {
            StepResult r = e == 0 ? null : env.reset();
            double g = 0.0;
            double discount = 1.0;
            int steps = 0;
            do {
                int s = env.currentState();
                r = env.step(sampleAction(pi, s, actions.nextDouble()));
                assertFalse(r.terminated(), "a FiniteMdp never terminates");
                g += discount * r.reward();
                discount *= mdp.gamma();
                steps++;
            } while (!r.done());
            assertTrue(r.truncated());
            assertEquals(horizon, steps);
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / episodes;
        double stdErr = Math.sqrt((sumSq / episodes - mean * mean) / episodes);
        assertTrue(Math.abs(mean - expected) < 4 * stdErr,
                "MC " + mean + " vs exact " + expected + " (standard error " + stdErr + ")");
        assertTrue(stdErr < 0.05 * Math.abs(expected) + 0.05, "the check is tight: " + stdErr);
    }

    @Test
    void oneHotObservationCostsAndTransitionsFollowTheMdp() {
        FiniteMdp mdp = FiniteMdp.builder(3, 2).gamma(0.9).initialState(0)
                .transition(0, 0, 1, 1.0).transition(0, 1, 2, 1.0)
                .transition(1, 0, 0, 0.25).transition(1, 0, 2, 0.75).transition(1, 1, 1, 1.0)
                .transition(2, 0, 2, 1.0).transition(2, 1, 0, 1.0)
                .reward(0, 1, 2.0).reward(1, 0, -1.0)
                .cost("c0", new double[] {0, 1, 0.5, 0, 0, 3}, 1.0)
                .cost("c1", new double[] {1, 1, 1, 1, 1, 1}, 1.0).build();
        FiniteMdpEnv env = new FiniteMdpEnv(mdp, 0);
        assertEquals(Box.uniform(0, 1, 3), env.observationSpace());
        assertEquals(new Discrete(2), env.actionSpace());
        assertEquals(2, env.costCount());
        StepResult r = env.reset(0);
        assertArrayEquals(new double[] {1, 0, 0}, r.observation());
        r = env.step(1);
        assertArrayEquals(new double[] {0, 0, 1}, r.observation());
        assertEquals(2.0, r.reward());
        assertArrayEquals(new double[] {1.0, 1.0}, r.costs());
        r = env.step(1);
        assertArrayEquals(new double[] {1, 0, 0}, r.observation());
        assertArrayEquals(new double[] {3.0, 1.0}, r.costs());
        int toZero = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            env.setState(new double[] {1}, 0);
            r = env.step(0);
            assertEquals(-1.0, r.reward());
            toZero += env.currentState() == 0 ? 1 : 0;
        }
        // Binomial(20000, 0.25): standard deviation 61.
        assertEquals(0.25 * n, toZero, 4 * Math.sqrt(n * 0.25 * 0.75));
    }

    @Test
    void setStateRejectsNonStates() {
        FiniteMdp mdp = Garnet.of(4, 2, 2, 1).generate();
        FiniteMdpEnv env = new FiniteMdpEnv(mdp, 10);
        var e = assertThrows(IllegalArgumentException.class, () -> env.setState(new double[] {4}, 0));
        assertEquals("FiniteMdp: state 4.0 is not in [0, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env.setState(new double[] {1.5}, 0));
        assertEquals("FiniteMdp: state 1.5 is not in [0, 4)", e.getMessage());
        env.reset(0);
        e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertEquals("FiniteMdp: action 2 is not in Discrete(2)", e.getMessage());
    }

    private static int sampleAction(TabularPolicy pi, int s, double u) {
        double c = 0.0;
        for (int a = 0; a < pi.actions() - 1; a++) {
            c += pi.probability(s, a);
            if (u < c) {
                return a;
            }
        }
        return pi.actions() - 1;
    }

    /** V^π = (I - γ P^π)^{-1} r^π by Gaussian elimination with partial pivoting. */
    static double[] exactValue(FiniteMdp mdp, TabularPolicy pi) {
        int n = mdp.states();
        double[][] m = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            m[s][s] = 1.0;
            for (int a = 0; a < mdp.actions(); a++) {
                double p = pi.probability(s, a);
                m[s][n] += p * mdp.reward(s, a);
                for (int t = 0; t < n; t++) {
                    m[s][t] -= mdp.gamma() * p * mdp.transition(s, a, t);
                }
            }
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = m[s][n] / m[s][s];
        }
        return v;
    }
}
