package org.npg4j.mdp;

import java.util.List;

/**
 * The two-decision tree of the non-concavity lemma (Agarwal et al. 2021, Lemma 1; Lemma 9.5 of the notes),
 * deterministic, 2 actions, start s1:
 * <pre>
 *   s1 --a1--> end            s1 --a2--> s2
 *   s2 --a1--> end            s2 --a2--> end, collecting reward r/γ
 *   end: absorbing, reward 0
 * </pre>
 * States: 0 = s1, 1 = s2, 2 = end. The paper is undiscounted; here the reward of (s2, a2) is r/γ, so that under
 * our discounted convention the lemma's identity holds exactly: V^π(s1) = π(a2|s1)·π(a2|s2)·r — a product of
 * the two decision probabilities, which is not concave in the softmax parameters.
 *
 * @param r     the reward of the path s1 → s2 → end
 * @param gamma the discount, in (0, 1)
 */
public record TreeMdp(double r, double gamma) {
    public TreeMdp {
        if (!Double.isFinite(r)) {
            throw new IllegalArgumentException("tree reward r " + r + " is not finite");
        }
        if (!(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("tree gamma " + gamma + " must be in (0, 1)");
        }
    }

    /** The tree with reward r and γ = 0.9. */
    public static TreeMdp of(double r) {
        return new TreeMdp(r, 0.9);
    }

    public FiniteMdp generate() {
        return FiniteMdp.builder(3, 2).gamma(gamma).initialState(0)
                .transition(0, 0, 2, 1).transition(0, 1, 1, 1)
                .transition(1, 0, 2, 1).transition(1, 1, 2, 1).reward(1, 1, r / gamma)
                .transition(2, 0, 2, 1).transition(2, 1, 2, 1)
                .stateNames(List.of("s1", "s2", "end")).actionNames(List.of("a1", "a2"))
                .build();
    }
}
