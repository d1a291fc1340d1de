package org.npg4j.exact;

/**
 * Per-state softmax, entropy, KL and simplex operations on flat S·A arrays ({@code s * A + a}), shared by the
 * exact optimizers. Methods with an {@code out} argument write into it and never allocate.
 */
final class PolicyMath {
    private PolicyMath() {
    }

    /** out(a|s) = exp(θ_{s,a}) / Σ_b exp(θ_{s,b}), with the per-state maximum subtracted (log-sum-exp). */
    static void softmax(int states, int actions, double[] theta, double[] out) {
        for (int s = 0; s < states; s++) {
            int o = s * actions;
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                max = Math.max(max, theta[o + a]);
            }
            double z = 0.0;
            for (int a = 0; a < actions; a++) {
                z += (out[o + a] = Math.exp(theta[o + a] - max));
            }
            for (int a = 0; a < actions; a++) {
                out[o + a] /= z;
            }
        }
    }

    /** θ_{s,·} ← θ_{s,·} - log Σ_b exp(θ_{s,b}) in place, so that exp(θ) = softmax(θ) without underflow in log space. */
    static void normalizeLogits(int states, int actions, double[] theta) {
        for (int s = 0; s < states; s++) {
            int o = s * actions;
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                max = Math.max(max, theta[o + a]);
            }
            double z = 0.0;
            for (int a = 0; a < actions; a++) {
                z += Math.exp(theta[o + a] - max);
            }
            double lse = max + Math.log(z);
            for (int a = 0; a < actions; a++) {
                theta[o + a] -= lse;
            }
        }
    }

    /**
     * The smallest log-probability a softmax iterate keeps: exp(-700) ≈ 1e-304 is still a normal double, so such a
     * probability neither underflows to 0 (which would make KLs from it infinite) nor affects any reported value.
     */
    static final double MIN_LOG_PROBABILITY = -700.0;

    /**
     * {@link #normalizeLogits}, then every log-probability raised to at least {@link #MIN_LOG_PROBABILITY} and the
     * row normalized again (the second normalization moves the logits by at most A·1e-304).
     */
    static void normalizeLogitsWithFloor(int states, int actions, double[] theta) {
        normalizeLogits(states, actions, theta);
        for (int sa = 0; sa < theta.length; sa++) {
            theta[sa] = Math.max(MIN_LOG_PROBABILITY, theta[sa]);
        }
        normalizeLogits(states, actions, theta);
    }

    /** Logits θ = log π; requires π > 0 everywhere. */
    static double[] logits(int actions, double[] pi) {
        double[] theta = new double[pi.length];
        for (int sa = 0; sa < pi.length; sa++) {
            if (!(pi[sa] > 0)) {
                throw new IllegalArgumentException("start policy pi(a=" + (sa % actions) + "|s=" + (sa / actions)
                        + ") = " + pi[sa] + " has no softmax logits; a softmax method needs pi > 0");
            }
            theta[sa] = Math.log(pi[sa]);
        }
        return theta;
    }

    /** H(π(·|s)) = -Σ_a π(a|s) log π(a|s). */
    static double entropy(int actions, double[] pi, int s) {
        double h = 0.0;
        for (int a = 0; a < actions; a++) {
            double p = pi[s * actions + a];
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** KL(p(·|s) || q(·|s)); +∞ when q puts zero mass where p does not. */
    static double kl(int actions, double[] p, double[] q, int s) {
        double kl = 0.0;
        for (int a = 0; a < actions; a++) {
            double x = p[s * actions + a];
            if (x > 0) {
                double y = q[s * actions + a];
                if (!(y > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                kl += x * Math.log(x / y);
            }
        }
        return Math.max(0.0, kl);
    }

    /** Σ_s w(s) KL(p(·|s) || q(·|s)), skipping states of zero weight. */
    static double weightedKl(int states, int actions, double[] weights, double[] p, double[] q) {
        double total = 0.0;
        for (int s = 0; s < states; s++) {
            if (weights[s] > 0) {
                total += weights[s] * kl(actions, p, q, s);
            }
        }
        return total;
    }

    /**
     * Σ_s w(s) KL(p(·|s) || q(·|s)) from log-probabilities (normalized logits, as {@link #normalizeLogits} leaves
     * them): Σ_a p(a|s) (log p(a|s) - log q(a|s)). Unlike {@link #weightedKl} of the probabilities, it stays finite
     * when q(a|s) underflows to 0 where p(a|s) is tiny but positive: such a pair contributes p·(log p - log q),
     * a negligible amount, not +∞.
     */
    static double weightedKlOfLogProbabilities(int states, int actions, double[] weights, double[] logP,
                                               double[] logQ) {
        double total = 0.0;
        for (int s = 0; s < states; s++) {
            if (weights[s] > 0) {
                double kl = 0.0;
                for (int a = 0; a < actions; a++) {
                    int sa = s * actions + a;
                    double p = Math.exp(logP[sa]);
                    if (p > 0) {
                        kl += p * (logP[sa] - logQ[sa]);
                    }
                }
                total += weights[s] * Math.max(0.0, kl);
            }
        }
        return total;
    }

    /** Euclidean norm. */
    static double norm(double[] x) {
        double acc = 0.0;
        for (double v : x) {
            acc += v * v;
        }
        return Math.sqrt(acc);
    }

    /**
     * Euclidean projection of the block x[o .. o+n) onto the probability simplex, in place (sort-based
     * algorithm of Held, Wolfe, Crowder 1974; Duchi et al. 2008): the projection is max(x - θ, 0) with θ the
     * unique threshold making it sum to 1.
     */
    static void projectOntoSimplexInPlace(double[] x, int o, int n, double[] scratch) {
        System.arraycopy(x, o, scratch, 0, n);
        java.util.Arrays.sort(scratch, 0, n);
        double cumulative = 0.0;
        double threshold = 0.0;
        for (int i = n - 1; i >= 0; i--) {
            cumulative += scratch[i];
            double t = (cumulative - 1.0) / (n - i);
            // The k largest entries stay positive iff the k-th largest exceeds the threshold they imply.
            if (i == 0 || scratch[i - 1] <= t) {
                threshold = t;
                break;
            }
        }
        for (int a = 0; a < n; a++) {
            x[o + a] = Math.max(0.0, x[o + a] - threshold);
        }
    }
}
