package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.TabularPolicy;
import org.npg4j.mdp.TreeMdp;

/**
 * Non-concavity (Lemma 9.5 of the lecture notes; Agarwal, Kakade, Lee, Mahajan 2021, Lemma 1): on the tree MDP, V^{π_θ}(s1) = π(a2|s1) π(a2|s2) r, and the softmax
 * parameters θ⁽¹⁾ (π(a2|·) = 3/4 in both decision states) and θ⁽²⁾ (π(a2|·) = 1/4) give 9/16 r and 1/16 r while
 * their midpoint (uniform) gives 1/4 r &lt; (9/16 + 1/16)/2 r: V is not concave in θ.
 */
class NonConcavityTest {
    private static double value(FiniteMdp mdp, double[] theta) {
        return PolicyEvaluation.evaluate(mdp, TabularPolicy.softmax(3, 2, theta)).value(0);
    }

    @Test
    void treeMdpReproducesTheLemmaValues() {
        double r = 2.5;
        FiniteMdp mdp = TreeMdp.of(r).generate();
        double l3 = Math.log(3);
        // θ per pair: (s1,a1), (s1,a2), (s2,a1), (s2,a2), (end,a1), (end,a2).
        double[] theta1 = {0, l3, 0, l3, 0, 0};
        double[] theta2 = {l3, 0, l3, 0, 0, 0};
        double[] mid = new double[6];
        for (int i = 0; i < 6; i++) {
            mid[i] = 0.5 * (theta1[i] + theta2[i]);
        }
        assertEquals(9.0 / 16 * r, value(mdp, theta1), 1e-12);
        assertEquals(1.0 / 16 * r, value(mdp, theta2), 1e-12);
        assertEquals(1.0 / 4 * r, value(mdp, mid), 1e-12);
        assertTrue(value(mdp, mid) < 0.5 * (value(mdp, theta1) + value(mdp, theta2)));
    }
}
