package org.npg4j.policy;

import java.util.random.RandomGenerator;

/**
 * A family of action distributions π(·|φ) parameterized per state by the {@link #parameterSize()} outputs φ of a
 * network (logits, means) and by {@link #sharedParameterSize()} state-independent parameters ψ (the log standard
 * deviations of a Gaussian; none for a categorical). Every method works in place on flat buffers at offsets, so
 * batches are loops over rows; an action occupies {@link #actionSize()} doubles (a discrete action is stored as
 * its index).
 *
 * <p>Gradient methods and {@link #fisherProduct} <em>accumulate</em> {@code scale ×} their result into the output
 * buffers; nothing is allocated. For a categorical family the shared arrays are ignored and may be null.
 */
public interface ActionDistribution {
    int parameterSize();

    int sharedParameterSize();

    int actionSize();

    /** Draws a ∼ π(·|φ, ψ) into {@code action}. */
    void sample(double[] phi, int phiOff, double[] psi, int psiOff, RandomGenerator rng, double[] action,
            int actionOff);

    /** The most likely action (argmax of the logits; the mean). */
    void mode(double[] phi, int phiOff, double[] psi, int psiOff, double[] action, int actionOff);

    double logProb(double[] phi, int phiOff, double[] psi, int psiOff, double[] action, int actionOff);

    double entropy(double[] phi, int phiOff, double[] psi, int psiOff);

    /** KL(π_p || π_q) = E_{a∼π_p}[log π_p(a) - log π_q(a)]. */
    double klDivergence(double[] phiP, int phiPOff, double[] psiP, int psiPOff, double[] phiQ, int phiQOff,
            double[] psiQ, int psiQOff);

    /** Accumulates scale · ∇_{φ,ψ} log π(a|φ, ψ). */
    void logProbGradient(double[] phi, int phiOff, double[] psi, int psiOff, double[] action, int actionOff,
            double scale, double[] gradPhi, int gradPhiOff, double[] gradPsi, int gradPsiOff);

    /** Accumulates scale · ∇_{φ,ψ} H(π(·|φ, ψ)). */
    void entropyGradient(double[] phi, int phiOff, double[] psi, int psiOff, double scale, double[] gradPhi,
            int gradPhiOff, double[] gradPsi, int gradPsiOff);

    /** Accumulates scale · ∇ of KL(π_p || π_q) with respect to the parameters (φ_q, ψ_q) of the second argument. */
    void klGradient(double[] phiP, int phiPOff, double[] psiP, int psiPOff, double[] phiQ, int phiQOff,
            double[] psiQ, int psiQOff, double scale, double[] gradPhiQ, int gradPhiQOff, double[] gradPsiQ,
            int gradPsiQOff);

    /**
     * Accumulates scale · M(φ, ψ)(v_φ, v_ψ), where M = E_a[∇ log π ∇ log πᵀ] is the Fisher information matrix of
     * the distribution in its own parameters, equal to the Hessian of KL(π_{φ,ψ} || π_{φ',ψ'}) in (φ', ψ') at
     * (φ, ψ).
     */
    void fisherProduct(double[] phi, int phiOff, double[] psi, int psiOff, double[] vPhi, int vPhiOff,
            double[] vPsi, int vPsiOff, double scale, double[] outPhi, int outPhiOff, double[] outPsi,
            int outPsiOff);
}
