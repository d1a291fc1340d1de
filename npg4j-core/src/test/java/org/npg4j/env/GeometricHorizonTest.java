package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.ConstrainedGarnet;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.TabularPolicy;

class GeometricHorizonTest {
    @Test
    void meanUndiscountedEpisodeSumsAreTheDiscountedValues() {
        FiniteMdp mdp = new ConstrainedGarnet(6, 2, 2, 0.8, 0.5, 0.5, 3).generate();
        Evaluation exact = PolicyEvaluation.evaluate(mdp, TabularPolicy.uniform(6, 2));
        GeometricHorizon env = new GeometricHorizon(new FiniteMdpEnv(mdp, 0), 0.8);
        env.reset(7);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        int episodes = 40_000;
        double reward = 0;
        double cost = 0;
        long steps = 0;
        for (int e = 0; e < episodes; e++) {
            if (e > 0) {
                env.reset();
            }
            StepResult r;
            do {
                r = env.step(rng.nextInt(2));
                reward += r.reward();
                cost += r.costs()[0];
                steps++;
                assertTrue(!r.terminated(), "a finite MDP never terminates");
            } while (!r.truncated());
        }
        // E[Σ_{k<T} x_k] = V(ρ) = R/(1 - γ); the mean length is 1/(1 - γ) = 5.
        assertEquals(5.0, (double) steps / episodes, 0.05);
        assertEquals(exact.expectedReturn() / 0.2, reward / episodes, 0.03 * Math.abs(exact.expectedReturn() / 0.2) + 0.02);
        assertEquals(exact.costReturn(0) / 0.2, cost / episodes, 0.03 * exact.costReturn(0) / 0.2 + 0.02);
        assertEquals("FiniteMdp: GeometricHorizon gamma must be in [0, 1), got 1.0", assertThrows(
                IllegalArgumentException.class, () -> new GeometricHorizon(new FiniteMdpEnv(mdp, 0), 1.0))
                .getMessage());
    }
}
