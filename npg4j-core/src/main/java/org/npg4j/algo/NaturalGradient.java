package org.npg4j.algo;

import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.LinearOperator;
import org.npg4j.policy.ActionDistribution;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;

/**
 * The natural-gradient machinery shared by NPG and TRPO on one batch: the surrogate
 * L(θ) = (1/N) Σ_i Â_i π_θ(a_i|s_i)/π_old(a_i|s_i), its gradient g at θ_old (= (1/N) Σ Â_i ∇log π, the policy
 * gradient), the direction x ≈ (F + λI)^{-1} g by conjugate gradient on Fisher-vector products (never forming
 * F), and the curvature xᵀ(F + λI)x that scales the step to a KL radius: with the quadratic model
 * KL ≈ ½ βx ᵀ F βx, the step β = √(2δ / xᵀFx) reaches KL ≈ δ.
 */
final class NaturalGradient {
    private final ActorCriticPolicy policy;
    final double[] gradient;
    final double[] oldPhi;
    final double[] oldPsi;
    final double[] logProbs;
    private final double[] weights;
    private final double[] phi;
    private final double[] psi;
    private final ConjugateGradient.Workspace workspace;

    /** A line-search trial at some θ: the surrogate L(θ) and the mean KL(π_old‖π_θ) over the batch. */
    record Trial(double surrogate, double kl) {
    }

    NaturalGradient(ActorCriticPolicy policy, int capacity) {
        this.policy = policy;
        this.gradient = new double[policy.parameterCount()];
        this.workspace = new ConjugateGradient.Workspace(policy.parameterCount());
        this.oldPhi = new double[capacity * policy.distribution().parameterSize()];
        this.oldPsi = new double[policy.distribution().sharedParameterSize()];
        this.logProbs = new double[capacity];
        this.weights = new double[capacity];
        this.phi = new double[capacity * policy.distribution().parameterSize()];
        this.psi = new double[policy.distribution().sharedParameterSize()];
    }

    /**
     * Snapshots π_old on the batch, computes g = ∇L(θ_old) into {@link #gradient} and returns L(θ_old) (the value of
     * {@link #surrogate} at θ_old, from the same forward pass).
     */
    double surrogateGradient(Minibatch mb, double[] advantages) {
        int n = mb.size();
        policy.distributionParameters(mb.observations, n, oldPhi, oldPsi);
        ActionDistribution dist = policy.distribution();
        int k = dist.parameterSize();
        int as = dist.actionSize();
        double s = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = advantages[i] / n;
            s += advantages[i] * Math.exp(dist.logProb(oldPhi, i * k, oldPsi, 0, mb.actions, i * as)
                    - mb.oldLogProbs[i]);
        }
        java.util.Arrays.fill(gradient, 0.0);
        // Reuses the forward pass that produced φ_old.
        policy.gradientOfLastEvaluation(mb.actions, n, weights, null, null, gradient);
        return s / n;
    }

    /**
     * x = (F + λI)^{-1} g by CG on Fisher-vector products at θ_old. The result's x and A x = (F + λI)x (from the
     * products CG computed: no further Fisher-vector product) are valid until the next call.
     */
    ConjugateGradient.Result direction(Minibatch mb, int cgMaxSteps, double damping) {
        // One forward pass for all the products at θ_old.
        return direction(policy.fisherOperator(mb.observations, mb.size(), damping), cgMaxSteps);
    }

    /** x = A^{-1} g by CG for another metric A (C-TRPO's safe trust region); as {@link #direction(Minibatch, int, double)}. */
    ConjugateGradient.Result direction(LinearOperator a, int cgMaxSteps) {
        return ConjugateGradient.solve(a, gradient, cgMaxSteps, 1e-10, workspace);
    }

    /** The step β = √(2δ / xᵀAx) that reaches KL ≈ δ under the quadratic model; 0 when the curvature is not positive. */
    static double trustRegionStep(ConjugateGradient.Result cg, double maxKl) {
        double curvature = dot(cg.x(), cg.ax());
        return curvature > 0 ? Math.sqrt(2 * maxKl / curvature) : 0.0;
    }

    /** The surrogate L(θ) at the policy's current parameters. */
    double surrogate(Minibatch mb, double[] advantages) {
        int n = mb.size();
        policy.evaluateActions(mb.observations, mb.actions, n, logProbs, null);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += advantages[i] * Math.exp(logProbs[i] - mb.oldLogProbs[i]);
        }
        return s / n;
    }

    /**
     * One line-search trial at the current parameters from a single forward pass: the surrogate L(θ) and the mean
     * KL(π_old || π_θ) (the same values as {@link #surrogate} and {@link #meanKl}).
     */
    Trial surrogateAndKl(Minibatch mb, double[] advantages) {
        int n = mb.size();
        policy.distributionParameters(mb.observations, n, phi, psi);
        ActionDistribution dist = policy.distribution();
        int k = dist.parameterSize();
        int as = dist.actionSize();
        double s = 0;
        double kl = 0;
        for (int i = 0; i < n; i++) {
            double logProb = dist.logProb(phi, i * k, psi, 0, mb.actions, i * as);
            s += advantages[i] * Math.exp(logProb - mb.oldLogProbs[i]);
            kl += dist.klDivergence(oldPhi, i * k, oldPsi, 0, phi, i * k, psi, 0);
        }
        return new Trial(s / n, kl / n);
    }

    /** The mean KL(π_old || π_θ) over the batch at the current parameters. */
    double meanKl(Minibatch mb) {
        return policy.meanKl(mb.observations, mb.size(), oldPhi, oldPsi);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
