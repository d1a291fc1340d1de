package org.npg4j.nn;

/**
 * A first-order optimizer minimizing a loss over a flat parameter vector, in place. Its state (moment estimates,
 * step count) is a flat array that {@link #state()} exports and {@link #restoreState(double[])} imports exactly,
 * for checkpoints.
 */
public interface Optimizer {
    /** θ ← update(θ, ∇L) with the given learning rate (schedules supply it per step). */
    void step(double[] parameters, double[] gradient, double learningRate);

    /** A copy of the internal state. */
    double[] state();

    /** Replaces the internal state by a copy of one exported by {@link #state()} of a like optimizer. */
    void restoreState(double[] state);
}
