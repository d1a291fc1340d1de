package org.npg4j.exact;

/**
 * The convergence bounds of the theory, in npg4j's conventions (V unnormalized, NPG step
 * π_{t+1} ∝ π_t exp(η A_t/(1-γ))), for tests, traces and charts.
 */
public final class TheoryBounds {
    private TheoryBounds() {
    }

    /**
     * Theorem 10.7 (Agarwal, Kakade, Lee, Mahajan 2021, Theorem 16): softmax NPG with constant η from the uniform
     * policy, rewards in [0, 1]: V*(ρ) - V^{(T)}(ρ) ≤ log|A|/(ηT) + 1/((1-γ)² T), for every T ≥ 1 and every ρ.
     */
    public static double npgSuboptimality(int actions, double eta, double gamma, int t) {
        if (t < 1) {
            throw new IllegalArgumentException("iteration T " + t + " must be at least 1");
        }
        return Math.log(actions) / (eta * t) + 1.0 / ((1.0 - gamma) * (1.0 - gamma) * t);
    }

    /**
     * Cen, Cheng, Chen, Wei, Chi (2021), Theorem 1: entropy-regularized NPG with 0 &lt; η ≤ (1-γ)/τ satisfies, for
     * every t ≥ 0,
     * <pre>  ||Q*_τ - Q_τ^{(t+1)}||∞ ≤ C₁ γ (1-ητ)^t,
     *   C₁ = ||Q*_τ - Q_τ^{(0)}||∞ + 2τ (1 - ητ/(1-γ)) ||log π*_τ - log π^{(0)}||∞.</pre>
     *
     * @param c1 C₁ as above
     * @return the bound on ||Q*_τ - Q_τ^{(t+1)}||∞
     */
    public static double cenQError(double c1, double eta, double tau, double gamma, int t) {
        return c1 * gamma * Math.pow(1.0 - eta * tau, t);
    }

    /** Cen et al., Theorem 1: ||log π*_τ - log π^{(t+1)}||∞ ≤ 2 C₁ τ^{-1} (1-ητ)^t. */
    public static double cenLogPolicyError(double c1, double eta, double tau, int t) {
        return 2.0 * c1 / tau * Math.pow(1.0 - eta * tau, t);
    }

    /**
     * Linear convergence of NPG with geometric step sizes η_k = η_0 γ^{-k} (Xiao 2022, Theorem 10, policy mirror
     * descent with KL, whose step on Q is our η_k/(1-γ)): V*(ρ) - V^{(k)}(ρ) ≤ γ^k (V*(ρ) - V^{(0)}(ρ) + D_0/η_0),
     * D_0 = E_{s~d*_ρ} KL(π*(·|s) || π_0(·|s)) (the trace's {@code klFromOptimal} of row 0).
     */
    public static double geometricNpgSuboptimality(double gap0, double kl0, double eta0, double gamma, int k) {
        return Math.pow(gamma, k) * (gap0 + kl0 / eta0);
    }
}
