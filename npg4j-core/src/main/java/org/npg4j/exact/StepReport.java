package org.npg4j.exact;

/**
 * What one optimizer step did.
 *
 * @param gradientNorm the Euclidean norm of the gradient the method computed at π_k (of V^π(μ) in its own
 *                     parameters, or of its regularized or surrogate objective, as each optimizer documents)
 * @param stepSize     the step size used from π_k (η_k; for TRPO the accepted scale of the natural direction; for
 *                     a flow the time step)
 */
public record StepReport(double gradientNorm, double stepSize) {
}
