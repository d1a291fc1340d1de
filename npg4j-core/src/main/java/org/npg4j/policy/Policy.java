package org.npg4j.policy;

import java.util.random.RandomGenerator;

/**
 * A differentiable stochastic policy π_θ(a|s) over flat observations of {@link #observationSize()} doubles:
 * per state a map s ↦ φ_θ(s) into the parameters of an {@link ActionDistribution}, plus the distribution's
 * state-independent parameters ψ (stored inside θ). θ is one flat vector, {@link #parameters()}, updated in place
 * by optimizers.
 *
 * <p>Batches are row-major: observation i at {@code i * observationSize()}, action i at
 * {@code i * distribution().actionSize()}. Methods named {@code …gradient} accumulate into their output; the
 * others overwrite. Implementations cache scratch buffers sized for the largest batch seen and are therefore not
 * thread-safe: use one policy instance per thread.
 */
public interface Policy {
    int observationSize();

    ActionDistribution distribution();

    int parameterCount();

    /** The live parameter vector θ (not a copy). */
    double[] parameters();

    /** Samples a ∼ π_θ(·|s). */
    void act(double[] obs, int obsOffset, RandomGenerator rng, double[] action, int actionOffset);

    /** The mode of π_θ(·|s) (argmax / mean): the deterministic policy used for evaluation. */
    void actDeterministic(double[] obs, int obsOffset, double[] action, int actionOffset);

    /** logProbs[i] = log π_θ(a_i|s_i), entropies[i] = H(π_θ(·|s_i)); either output may be null. */
    void evaluateActions(double[] obs, double[] actions, int batch, double[] logProbs, double[] entropies);

    /**
     * Accumulates into {@code grad} the gradient of Σ_i dLogProb[i] log π_θ(a_i|s_i) + dEntropy[i] H(π_θ(·|s_i)),
     * the weights being the derivatives of the caller's loss; {@code dEntropy} may be null.
     */
    void gradient(double[] obs, double[] actions, int batch, double[] dLogProb, double[] dEntropy, double[] grad);

    /** Accumulates the score ∇_θ log π_θ(a|s) into {@code grad}. */
    void score(double[] obs, int obsOffset, double[] action, int actionOffset, double[] grad);

    /**
     * Writes the distribution parameters φ_θ(s_i) (batch × {@code distribution().parameterSize()}) and ψ: a
     * snapshot of π_old for {@link #meanKl} and {@link #klGradient}.
     */
    void distributionParameters(double[] obs, int batch, double[] phiOut, double[] psiOut);

    /** (1/N) Σ_i KL(π_old(·|s_i) || π_θ(·|s_i)) for a snapshot from {@link #distributionParameters}. */
    double meanKl(double[] obs, int batch, double[] oldPhi, double[] oldPsi);

    /** Accumulates ∇_θ of {@link #meanKl} into {@code grad}. */
    void klGradient(double[] obs, int batch, double[] oldPhi, double[] oldPsi, double[] grad);

    /**
     * out = (F + λI) v with F = (1/N) Σ_i J_iᵀ M_i J_i, J_i the Jacobian of the distribution parameters at s_i
     * with respect to θ and M_i the distribution's Fisher metric: one forward-mode and one reverse-mode pass,
     * F is never formed. F is the Hessian of {@link #meanKl} at θ = θ_old. Entries of θ that do not affect the
     * policy (a critic) get only λ v.
     */
    void fisherVectorProduct(double[] obs, int batch, double[] v, double damping, double[] out);
}
