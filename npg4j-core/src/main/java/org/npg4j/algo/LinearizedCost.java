package org.npg4j.algo;

import java.util.Arrays;
import org.npg4j.policy.ActionDistribution;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;

/**
 * The cost constraints of CPO and PCPO, linearized at θ_k on the whole rollout: for each constraint i of m, the
 * cost-surrogate change α_i(θ) = (1−γ)^{-1} mean((r_θ − 1) Ā_{c_i}), r_θ = π_θ/π_k, with the cost GAE advantages
 * Ā_{c_i} <em>centred only</em> (as C-TRPO: α_i is then in the units of the per-episode limit b_i, which a scaling
 * would change), its gradient b_i = ∇α_i(θ_k) = (1−γ)^{-1} mean(Ā_{c_i} ∇log π), and the constraint value
 * c_i = Ĵ_{c_i} − b_i of the rollout. With them the trust-region step problem's linearized constraints are
 * b_iᵀx + c_i ≤ 0 (Achiam et al. 2017, eq. 10; Yang et al. 2020, eq. 4). The cost advantages of a minibatch row r
 * are at {@code r·m + i}; with m = 1 every sum runs in the order of the single-constraint formulas.
 */
final class LinearizedCost {
    private final ActorCriticPolicy policy;
    private final NaturalGradient natural;
    private final double gamma;
    private final int m;
    private final double[][] gradients;
    private final double[] costAdvantages;
    private final double[] weights;
    private final double[] phi;
    private final double[] psi;

    /** A line-search trial at some θ: the reward surrogate L(θ), the mean KL(π_k‖π_θ) and every α_i(θ). */
    record Trial(double surrogate, double kl, double[] alphas) {
        /** α_0(θ), the only one with one constraint. */
        double alpha() {
            return alphas[0];
        }
    }

    LinearizedCost(ActorCriticPolicy policy, NaturalGradient natural, double gamma, int capacity) {
        this(policy, natural, gamma, capacity, 1);
    }

    /** With m ≥ 1 constraints. */
    LinearizedCost(ActorCriticPolicy policy, NaturalGradient natural, double gamma, int capacity, int m) {
        if (!(gamma < 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1) (the cost surrogate carries a factor "
                    + "1/(1-gamma)), got " + gamma);
        }
        this.policy = policy;
        this.natural = natural;
        this.gamma = gamma;
        this.m = m;
        this.gradients = new double[m][policy.parameterCount()];
        this.costAdvantages = new double[capacity * m];
        this.weights = new double[capacity];
        this.phi = new double[capacity * policy.distribution().parameterSize()];
        this.psi = new double[policy.distribution().sharedParameterSize()];
    }

    /**
     * Centres the batch's cost advantages of every constraint and computes each b_i = ∇α_i(θ_k) into
     * {@link #gradient(int)}. Must follow {@code natural.surrogateGradient(mb, ...)}, whose recorded forward pass at
     * θ_k it reuses.
     */
    void prepare(Minibatch mb) {
        int n = mb.size();
        double scale = 1.0 / (n * (1 - gamma));
        for (int i = 0; i < m; i++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += mb.costAdvantages[r * m + i];
            }
            mean /= n;
            for (int r = 0; r < n; r++) {
                costAdvantages[r * m + i] = mb.costAdvantages[r * m + i] - mean;
                weights[r] = costAdvantages[r * m + i] * scale;
            }
            Arrays.fill(gradients[i], 0.0);
            policy.gradientOfLastEvaluation(mb.actions, n, weights, null, null, gradients[i]);
        }
    }

    /** b_0 = ∇α_0(θ_k) of the last {@link #prepare}; live array. */
    double[] gradient() {
        return gradients[0];
    }

    /** b_i = ∇α_i(θ_k) of the last {@link #prepare}; live array. */
    double[] gradient(int i) {
        return gradients[i];
    }

    /** The number of constraints m. */
    int count() {
        return m;
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
        double[] alphas = new double[m];
        for (int r = 0; r < n; r++) {
            double ratio = Math.exp(dist.logProb(phi, r * k, psi, 0, mb.actions, r * as) - mb.oldLogProbs[r]);
            s += advantages[r] * ratio;
            kl += dist.klDivergence(natural.oldPhi, r * k, natural.oldPsi, 0, phi, r * k, psi, 0);
            for (int i = 0; i < m; i++) {
                alphas[i] += (ratio - 1) * costAdvantages[r * m + i];
            }
        }
        for (int i = 0; i < m; i++) {
            alphas[i] /= n * (1 - gamma);
        }
        return new Trial(s / n, kl / n, alphas);
    }
}
