package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;

/**
 * Exact gradients of V^π(μ), from an exact evaluation under μ (whose d^π(s,a) = d_μ^π(s) π(a|s)). All results are
 * flat S·A (or of the log-linear dimension), written into {@code out}.
 */
public final class PolicyGradients {
    private PolicyGradients() {
    }

    /**
     * Softmax parameterization π_θ(a|s) ∝ exp(θ_{s,a}), Lemma 10.2 of the lecture notes (Agarwal, Kakade, Lee,
     * Mahajan 2021, the softmax gradient expression; docs/theory.md row 12):
     * ∂V^{π_θ}(μ)/∂θ_{s,a} = (1-γ)^{-1} d_μ^π(s) π(a|s) A^π(s,a).
     */
    public static void softmax(Evaluation ev, double[] out) {
        int A = ev.actions();
        double scale = 1.0 / (1.0 - ev.gamma());
        for (int sa = 0; sa < out.length; sa++) {
            int s = sa / A;
            out[sa] = scale * ev.d(s, sa % A) * ev.advantage(s, sa % A);
        }
    }

    /**
     * Log-barrier objective L_λ(θ) = V^{π_θ}(μ) + λ/(|S||A|) Σ_{s,a} log π_θ(a|s); the barrier's derivative is
     * λ/(|S||A|) Σ_b (1[a=b] - π(a|s)) = (λ/|S|)(1/|A| - π(a|s)).
     */
    public static void logBarrier(Evaluation ev, double[] pi, double lambda, double[] out) {
        softmax(ev, out);
        int S = ev.states();
        int A = ev.actions();
        for (int sa = 0; sa < out.length; sa++) {
            out[sa] += lambda / S * (1.0 / A - pi[sa]);
        }
    }

    /**
     * Direct parameterization θ_{s,a} = π(a|s) (the policy gradient theorem):
     * ∂V^π(μ)/∂π(a|s) = (1-γ)^{-1} d_μ^π(s) Q^π(s,a).
     */
    public static void direct(Evaluation ev, double[] out) {
        int A = ev.actions();
        double scale = 1.0 / (1.0 - ev.gamma());
        for (int sa = 0; sa < out.length; sa++) {
            int s = sa / A;
            out[sa] = scale * ev.stateDistribution(s) * ev.q(s, sa % A);
        }
    }

    /**
     * Log-linear policy π_θ(a|s) ∝ exp(θ·φ(s,a) + b(s,a)): ∇_θ V^{π_θ}(μ) = (1-γ)^{-1} Σ_{s,a} d_μ^π(s,a) A^π(s,a)
     * ψ_θ(s,a), with ψ_θ(s,a) = φ(s,a) - Σ_b π(b|s) φ(s,b) the score ∇_θ log π_θ(a|s).
     */
    public static void logLinear(Evaluation ev, LogLinearParameterization family, double[] pi, double[] out) {
        int A = ev.actions();
        int n = family.dimension();
        double[] psi = new double[n];
        java.util.Arrays.fill(out, 0.0);
        double scale = 1.0 / (1.0 - ev.gamma());
        for (int sa = 0; sa < ev.states() * A; sa++) {
            double w = ev.d(sa / A, sa % A) * ev.advantage(sa / A, sa % A);
            if (w != 0.0) {
                family.score(pi, sa, psi);
                for (int i = 0; i < n; i++) {
                    out[i] += scale * w * psi[i];
                }
            }
        }
    }
}
