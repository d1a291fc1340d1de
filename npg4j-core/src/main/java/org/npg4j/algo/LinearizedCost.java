package org.npg4j.algo;

import java.util.Arrays;
import org.npg4j.policy.ActionDistribution;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;

/**
 * The single cost constraint of CPO and PCPO, linearized at θ_k on the whole rollout: the cost-surrogate change
 * α(θ) = (1−γ)^{-1} mean((r_θ − 1) Ā_c), r_θ = π_θ/π_k, with the cost GAE advantages Ā_c <em>centred only</em> (as
 * C-TRPO: α is then in the units of the per-episode limit b, which a scaling would change), its gradient
 * b = ∇α(θ_k) = (1−γ)^{-1} mean(Ā_c ∇log π), and the constraint value c = Ĵ_c − b_limit of the rollout. With it the
 * trust-region step problem's linearized constraint is bᵀx + c ≤ 0 (Achiam et al. 2017, eq. 10; Yang et al. 2020,
 * eq. 4).
 */
final class LinearizedCost {
    private final ActorCriticPolicy policy;
    private final NaturalGradient natural;
    private final double gamma;
    private final double[] gradient;
    private final double[] costAdvantages;
    private final double[] weights;
    private final double[] phi;
    private final double[] psi;

    /** A line-search trial at some θ: the reward surrogate L(θ), the mean KL(π_k‖π_θ) and α(θ). */
    record Trial(double surrogate, double kl, double alpha) {
    }

    LinearizedCost(ActorCriticPolicy policy, NaturalGradient natural, double gamma, int capacity) {
        if (!(gamma < 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1) (the cost surrogate carries a factor "
                    + "1/(1-gamma)), got " + gamma);
        }
        this.policy = policy;
        this.natural = natural;
        this.gamma = gamma;
        this.gradient = new double[policy.parameterCount()];
        this.costAdvantages = new double[capacity];
        this.weights = new double[capacity];
        this.phi = new double[capacity * policy.distribution().parameterSize()];
        this.psi = new double[policy.distribution().sharedParameterSize()];
    }

    /**
     * Centres the batch's cost advantages and computes b = ∇α(θ_k) into {@link #gradient()}. Must follow
     * {@code natural.surrogateGradient(mb, ...)}, whose recorded forward pass at θ_k it reuses.
     */
    void prepare(Minibatch mb) {
        int n = mb.size();
        double mean = 0;
        for (int r = 0; r < n; r++) {
            mean += mb.costAdvantages[r];
        }
        mean /= n;
        double scale = 1.0 / (n * (1 - gamma));
        for (int r = 0; r < n; r++) {
            costAdvantages[r] = mb.costAdvantages[r] - mean;
            weights[r] = costAdvantages[r] * scale;
        }
        Arrays.fill(gradient, 0.0);
        policy.gradientOfLastEvaluation(mb.actions, n, weights, null, null, gradient);
    }

    /** b = ∇α(θ_k) of the last {@link #prepare}; live array. */
    double[] gradient() {
        return gradient;
    }

    /** c = Ĵ_c − b_limit; Ĵ_c = NaN (no episode has ended yet) counts as no cost, c = −b_limit (as C-TRPO). */
    static double constraintValue(double episodeCost, double limit) {
        return Double.isNaN(episodeCost) ? -limit : episodeCost - limit;
    }

    /** One forward pass at the current θ: L(θ) with the given reward advantages, KL(π_k‖π_θ) and α(θ). */
    Trial trial(Minibatch mb, double[] advantages) {
        int n = mb.size();
        policy.distributionParameters(mb.observations, n, phi, psi);
        ActionDistribution dist = policy.distribution();
        int k = dist.parameterSize();
        int as = dist.actionSize();
        double s = 0;
        double kl = 0;
        double alpha = 0;
        for (int r = 0; r < n; r++) {
            double ratio = Math.exp(dist.logProb(phi, r * k, psi, 0, mb.actions, r * as) - mb.oldLogProbs[r]);
            s += advantages[r] * ratio;
            kl += dist.klDivergence(natural.oldPhi, r * k, natural.oldPsi, 0, phi, r * k, psi, 0);
            alpha += (ratio - 1) * costAdvantages[r];
        }
        return new Trial(s / n, kl / n, alpha / (n * (1 - gamma)));
    }
}
