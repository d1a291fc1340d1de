package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.SoftValueIteration;
import org.npg4j.mdp.TabularPolicy;

/**
 * The central path (Müller and Montúfar 2024, docs/theory.md row 34): the NPG flow from π_0 passes through
 * π_t = argmax_π {R(π) - (1/t) D_KL(π, π_0)}; k NPG steps of size η reach flow time t = kη/(1-γ). The distance
 * from π_k to the KL-regularized optimum with τ = 1/t, computed independently by soft VI, shrinks with η.
 */
class CentralPathTest {
    @Test
    void npgIteratesApproachTheCentralPathAsStepsShrink() {
        double[] etas = {0.1, 0.01, 0.001};
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            double gamma = mdp.gamma();
            ExactProblem problem = ExactProblem.of(mdp);
            TabularPolicy pi0 = Fixtures.randomPolicy(mdp, seed, 1.0);
            for (double t : new double[] {0.5, 2.0, 5.0}) {
                double[] target = SoftValueIteration.klRegularized(mdp, pi0, 1.0 / t, 1e-13).policy().probabilities();
                double[] distance = new double[etas.length];
                for (int i = 0; i < etas.length; i++) {
                    int k = (int) Math.round(t * (1 - gamma) / etas[i]);
                    NaturalPolicyGradient npg = NaturalPolicyGradient.constant(problem, pi0, etas[i]);
                    for (int j = 0; j < k; j++) {
                        npg.step(problem.evaluate(npg.policy(), null));
                    }
                    distance[i] = Fixtures.supDistance(npg.policy(), target);
                }
                assertTrue(distance[0] > distance[1] && distance[1] > distance[2],
                        "seed " + seed + ", t " + t + ": distances " + java.util.Arrays.toString(distance));
                assertTrue(distance[2] < 1e-3, "seed " + seed + ", t " + t + ": " + distance[2]);
            }
        }
    }
}
