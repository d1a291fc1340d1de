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

    /**
     * The asymptotic rate of constant-step NPG (Khodadadian, Jhunjhunwala, Varma, Maguluri 2021; Müller and Montúfar
     * 2024): V*(ρ) - V^{(k)}(ρ) = Õ(e^{-ck}) with c = ηΔ/(1-γ), Δ the smallest nonzero |A*(s,a)|
     * ({@link ExactProblem#optimalActionGap()}).
     */
    public static double constantStepNpgRate(double eta, double delta, double gamma) {
        return eta * delta / (1.0 - gamma);
    }

    /**
     * The decaying temperature of regularized NPG, τ_k = min((1-γ)/η, √(2Δ/(η'k))) with η' = η/(1-γ), k ≥ 1 (Müller
     * and Montúfar 2024; see {@link EntropyRegularizedNpg#decayingTemperature}).
     */
    public static double decayingTemperature(double eta, double delta, double gamma, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("iteration k " + k + " must be at least 1");
        }
        double etaQ = eta / (1.0 - gamma);
        return Math.min(1.0 / etaQ, Math.sqrt(2.0 * delta / (etaQ * k)));
    }

    /**
     * The rate of regularized NPG with {@link #decayingTemperature}: V*(ρ) - V^{(k)}(ρ) = O(p(η'k) e^{-c√k}) with
     * c = √(Δη'/2), η' = η/(1-γ), p a polynomial.
     */
    public static double decayingTemperatureRate(double eta, double delta, double gamma) {
        return Math.sqrt(delta * eta / (1.0 - gamma) / 2.0);
    }

    /**
     * The trust-region penalty of Achiam, Held, Tamar, Abbeel (2017, Corollaries 1 and 2) in npg4j's normalized
     * returns: a step with average KL(π_k ‖ π_{k+1}) ≤ δ under d^{π_k} and a nonnegative surrogate gain changes R (or C)
     * by at least (at most) -√(2δ)γε/(1-γ) (+√(2δ)γε/(1-γ)), ε = max_s |E_{a~π_{k+1}} A^{π_k}(s,a)| of that signal.
     * C-TRPO's improvement and worst-case violation bounds (Milosevic, Müller, Scherf 2025).
     */
    public static double trustRegionSlack(double maxKl, double gamma, double epsilon) {
        return Math.sqrt(2.0 * maxKl) * gamma * epsilon / (1.0 - gamma);
    }
}
