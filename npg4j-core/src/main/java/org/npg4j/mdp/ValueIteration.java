package org.npg4j.mdp;

/**
 * Value iteration V_{k+1} = T V_k from V_0 = 0. Stopping rule: since T is a γ-contraction,
 * ||V_{k+1} - V*||∞ ≤ γ/(1-γ) ||V_{k+1} - V_k||∞, so iteration stops once that bound is ≤ {@code tolerance};
 * the returned V then satisfies ||V - V*||∞ ≤ tolerance, and its greedy policy π satisfies
 * ||V^π - V*||∞ ≤ 2γ·tolerance/(1-γ) (Singh and Yee 1994). The returned evaluation is the exact one of π.
 */
public final class ValueIteration {
    private ValueIteration() {
    }

    /** Runs value iteration to the given accuracy on V*. */
    public static Solution solve(FiniteMdp mdp, double tolerance) {
        long t0 = System.nanoTime();
        double gamma = mdp.gamma();
        int S = mdp.states();
        double[] v = new double[S];
        int k = 0;
        while (true) {
            double[] next = Bellman.optimality(mdp, v);
            k++;
            double diff = 0.0;
            for (int s = 0; s < S; s++) {
                diff = Math.max(diff, Math.abs(next[s] - v[s]));
            }
            v = next;
            if (gamma * diff <= tolerance * (1.0 - gamma) || diff == 0.0) {
                break;
            }
        }
        TabularPolicy pi = Bellman.greedy(S, mdp.actions(), Bellman.q(mdp, v), 0.0);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, pi);
        return new Solution(pi, ev, "vi", k, (System.nanoTime() - t0) * 1e-9);
    }
}
