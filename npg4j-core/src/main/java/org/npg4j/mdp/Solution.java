package org.npg4j.mdp;

/**
 * An optimal (or regularized-optimal) policy with its exact evaluation.
 *
 * @param policy     the policy found
 * @param evaluation its exact evaluation (V^π, Q^π, d^π, R(π), costs)
 * @param method     how it was found ({@code lp}, {@code vi}, {@code pi}, {@code soft-vi}, {@code kl-vi}, ...)
 * @param iterations iterations of the method (sweeps, improvement steps; 0 for the LP)
 * @param seconds    wall time of the solve
 */
public record Solution(TabularPolicy policy, Evaluation evaluation, String method, int iterations, double seconds) {
    /** V*(ρ) of the policy found. */
    public double valueRho() {
        return evaluation.valueRho();
    }

    /** R(π) = r·d^π of the policy found. */
    public double expectedReturn() {
        return evaluation.expectedReturn();
    }

    /** V^π of the policy found, as a copy. */
    public double[] values() {
        return evaluation.values();
    }
}
