package org.npg4j.mdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain MDP of the vanishing-gradient proposition (Agarwal, Kakade, Lee, Mahajan 2021, Proposition 1;
 * Proposition 10.1 of the lecture notes): H+2 states s_0, ..., s_{H+1} and 4 actions, deterministic.
 * <ul>
 *   <li>in s_i, i ≤ H: action a_1 (index 0) moves right to s_{i+1}; a_2, a_3, a_4 (indices 1..3) go back to s_0;</li>
 *   <li>s_{H+1} is absorbing under every action;</li>
 *   <li>rewards are 0 everywhere except r(s_{H+1}, a_1) = 1;</li>
 *   <li>start in s_0 (ρ = δ_{s_0}); γ = H/(H+1).</li>
 * </ul>
 * The optimal policy always plays a_1 and has V*(s_0) = γ^{H+1}/(1-γ); from the uniform policy the probability of
 * walking the chain is 4^{-H}, so the softmax policy gradient is exponentially small in H.
 *
 * @param horizon H ≥ 1
 */
public record ChainMdp(int horizon) {
    public ChainMdp {
        if (horizon < 1) {
            throw new IllegalArgumentException("chain horizon H " + horizon + " must be at least 1");
        }
    }

    /** The discount γ = H/(H+1). */
    public double gamma() {
        return horizon / (horizon + 1.0);
    }

    public FiniteMdp generate() {
        int S = horizon + 2;
        FiniteMdp.Builder b = FiniteMdp.builder(S, 4).gamma(gamma()).initialState(0);
        List<String> names = new ArrayList<>();
        for (int s = 0; s < S; s++) {
            names.add("s" + s);
            for (int a = 0; a < 4; a++) {
                int next = s == S - 1 ? s : (a == 0 ? s + 1 : 0);
                b.transition(s, a, next, 1.0);
            }
        }
        b.reward(S - 1, 0, 1.0);
        return b.stateNames(names).actionNames(List.of("a1", "a2", "a3", "a4")).build();
    }
}
