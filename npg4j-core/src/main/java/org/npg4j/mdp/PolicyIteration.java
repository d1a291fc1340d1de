package org.npg4j.mdp;

/**
 * Howard's policy iteration: exact evaluation, then greedy improvement. Termination is guaranteed by keeping the
 * current action unless another is better by more than a numerical margin (so the policy changes only on strict
 * improvement, and there are finitely many deterministic policies).
 */
public final class PolicyIteration {
    private PolicyIteration() {
    }

    /** Runs policy iteration from the policy choosing action 0 everywhere. */
    public static Solution solve(FiniteMdp mdp) {
        long t0 = System.nanoTime();
        int S = mdp.states();
        int A = mdp.actions();
        int[] choice = new int[S];
        PolicyEvaluation evaluator = PolicyEvaluation.of(1e-12, PolicyEvaluation.Method.AUTO);
        Evaluation ev = evaluator.run(mdp, TabularPolicy.deterministic(A, choice));
        int k = 0;
        while (true) {
            k++;
            boolean changed = false;
            for (int s = 0; s < S; s++) {
                double current = ev.q(s, choice[s]);
                double margin = 1e-10 * Math.max(1.0, Math.abs(current));
                int best = choice[s];
                double bestQ = current;
                for (int a = 0; a < A; a++) {
                    double qa = ev.q(s, a);
                    if (qa > bestQ + margin) {
                        best = a;
                        bestQ = qa;
                    }
                }
                if (best != choice[s]) {
                    choice[s] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            ev = evaluator.run(mdp, TabularPolicy.deterministic(A, choice).probabilities(), ev);
        }
        TabularPolicy pi = TabularPolicy.deterministic(A, choice);
        return new Solution(pi, PolicyEvaluation.evaluate(mdp, pi), "pi", k, (System.nanoTime() - t0) * 1e-9);
    }
}
