package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;

/**
 * An exact-gradient policy optimizer on a finite MDP: it holds its iterate (parameters and policy π_k) and moves
 * it by one {@link #step}. Every optimizer ascends V^π(μ), μ the optimization start distribution of its
 * {@link ExactProblem}; the {@link ExactRunner} evaluates each iterate exactly and records the common
 * {@link TraceRow}.
 */
public interface ExactOptimizer {
    /** The short name used in traces and on the command line ({@code pg}, {@code npg}, {@code trpo}, ...). */
    String name();

    /** The current policy π_k, flat S·A row-stochastic (a copy). */
    double[] policy();

    /**
     * Moves from π_k to π_{k+1}.
     *
     * @param current the exact evaluation of π_k under μ (V, Q, A, d_μ^π)
     * @return what the step did
     */
    StepReport step(Evaluation current);
}
