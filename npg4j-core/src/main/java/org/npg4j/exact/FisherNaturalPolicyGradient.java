package org.npg4j.exact;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.npg4j.mdp.Evaluation;

/**
 * Kakade's natural policy gradient in its general form, for a log-linear policy π_θ(a|s) ∝ exp(θ·φ(s,a) + b(s,a)):
 * θ ← θ + η F_μ(θ)^† ∇_θ V^{π_θ}(μ), with F_μ(θ) = E_{s~d_μ^π, a~π}[ψ ψᵀ] the Fisher information and ψ the score.
 *
 * <p>The direction is computed as in Lemma 11.2 of the lecture notes (compatible function approximation,
 * Sutton, McAllester, Singh, Mansour 2000; Kakade 2001): F^† ∇V = w* / (1-γ), where
 * w* is the minimum-norm minimizer of E_{s~d_μ^π, a~π}[(A^π(s,a) - w·ψ(s,a))²], i.e. w* = X^+ y for the weighted
 * least-squares system with rows √d_μ^π(s,a) ψ(s,a) and targets √d_μ^π(s,a) A^π(s,a), solved with EJML's
 * SVD pseudo-inverse. For the tabular family this reproduces the closed form of {@link NaturalPolicyGradient}
 * (the minimum-norm w* is A^π shifted per state). Reports ||∇_θ V(μ)||.
 */
public final class FisherNaturalPolicyGradient implements ExactOptimizer {
    private final LogLinearParameterization family;
    private final double eta;
    private final double gamma;
    private final double[] theta;
    private final double[] pi;
    private final double[] grad;
    private final double[] lastDirection;

    /** Starts at θ_0 (of the family's dimension) with constant step size η. */
    public FisherNaturalPolicyGradient(ExactProblem problem, LogLinearParameterization family, double[] theta0, double eta) {
        if (family.states() != problem.states() || family.actions() != problem.actions()) {
            throw new IllegalArgumentException("policy family is " + family.states() + "x" + family.actions()
                    + " but the MDP has " + problem.states() + " states and " + problem.actions() + " actions");
        }
        if (theta0.length != family.dimension()) {
            throw new IllegalArgumentException("theta0 has " + theta0.length + " entries, expected "
                    + family.dimension());
        }
        this.family = family;
        this.eta = Hyper.positive("learning_rate", eta);
        this.gamma = problem.gamma();
        this.theta = theta0.clone();
        this.pi = new double[problem.states() * problem.actions()];
        this.grad = new double[family.dimension()];
        this.lastDirection = new double[family.dimension()];
        family.probabilities(theta, pi);
    }

    @Override
    public String name() {
        return "npg-fisher";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    /** θ, a copy. */
    public double[] theta() {
        return theta.clone();
    }

    /** The natural direction F^† ∇V(μ) of the last step, a copy. */
    public double[] lastDirection() {
        return lastDirection.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        naturalDirection(current, lastDirection);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += eta * lastDirection[i];
        }
        PolicyGradients.logLinear(current, family, pi, grad);
        family.probabilities(theta, pi);
        return new StepReport(PolicyMath.norm(grad), eta);
    }

    /** F_μ(θ)^† ∇_θ V(μ) = w* / (1-γ) by minimum-norm least squares (Lemma 11.2 of the notes), into {@code out}. */
    void naturalDirection(Evaluation current, double[] out) {
        int n = family.dimension();
        int A = current.actions();
        int pairs = current.states() * A;
        DMatrixRMaj x = new DMatrixRMaj(pairs, n);
        DMatrixRMaj y = new DMatrixRMaj(pairs, 1);
        double[] psi = new double[n];
        for (int sa = 0; sa < pairs; sa++) {
            double w = Math.sqrt(current.d(sa / A, sa % A));
            family.score(pi, sa, psi);
            for (int i = 0; i < n; i++) {
                x.unsafe_set(sa, i, w * psi[i]);
            }
            y.unsafe_set(sa, 0, w * current.advantage(sa / A, sa % A));
        }
        DMatrixRMaj pinv = new DMatrixRMaj(n, pairs);
        CommonOps_DDRM.pinv(x, pinv);
        DMatrixRMaj wStar = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(pinv, y, wStar);
        for (int i = 0; i < n; i++) {
            out[i] = wStar.unsafe_get(i, 0) / (1.0 - gamma);
        }
    }
}
