package org.npg4j.policy;

import java.util.random.RandomGenerator;
import org.npg4j.math.LogSumExp;

/**
 * The categorical distribution over {@code n} actions with probabilities softmax(z) for logits z. Log-probabilities
 * are z_a - logsumexp(z), never log(softmax). Gradients in the logits: ∇ log π(a) = e_a - p,
 * ∇H = -p ⊙ (log p + H), ∇_{z_q} KL(p||q) = q - p; the Fisher metric is diag(p) - ppᵀ.
 */
public final class Categorical implements ActionDistribution {
    private final int n;

    public Categorical(int actions) {
        if (actions < 1) {
            throw new IllegalArgumentException("a categorical distribution needs at least one action, got "
                    + actions);
        }
        this.n = actions;
    }

    public int actions() {
        return n;
    }

    @Override
    public int parameterSize() {
        return n;
    }

    @Override
    public int sharedParameterSize() {
        return 0;
    }

    @Override
    public int actionSize() {
        return 1;
    }

    @Override
    public void sample(double[] z, int off, double[] psi, int psiOff, RandomGenerator rng, double[] action,
            int actionOff) {
        double lse = LogSumExp.logSumExp(z, off, n);
        double u = rng.nextDouble();
        double cumulative = 0.0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.exp(z[off + i] - lse);
            if (p > 0) {
                last = i;
            }
            cumulative += p;
            if (u < cumulative) {
                action[actionOff] = i;
                return;
            }
        }
        action[actionOff] = last; // rounding left u above the computed total
    }

    @Override
    public void mode(double[] z, int off, double[] psi, int psiOff, double[] action, int actionOff) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (z[off + i] > z[off + best]) {
                best = i;
            }
        }
        action[actionOff] = best;
    }

    @Override
    public double logProb(double[] z, int off, double[] psi, int psiOff, double[] action, int actionOff) {
        return z[off + index(action[actionOff])] - LogSumExp.logSumExp(z, off, n);
    }

    @Override
    public double entropy(double[] z, int off, double[] psi, int psiOff) {
        double lse = LogSumExp.logSumExp(z, off, n);
        double h = 0.0;
        for (int i = 0; i < n; i++) {
            double logP = z[off + i] - lse;
            double p = Math.exp(logP);
            if (p > 0) {
                h -= p * logP;
            }
        }
        return h;
    }

    @Override
    public double klDivergence(double[] zp, int pOff, double[] psiP, int psiPOff, double[] zq, int qOff,
            double[] psiQ, int psiQOff) {
        double lseP = LogSumExp.logSumExp(zp, pOff, n);
        double lseQ = LogSumExp.logSumExp(zq, qOff, n);
        double kl = 0.0;
        for (int i = 0; i < n; i++) {
            double logP = zp[pOff + i] - lseP;
            double p = Math.exp(logP);
            if (p > 0) {
                kl += p * (logP - (zq[qOff + i] - lseQ));
            }
        }
        return kl;
    }

    @Override
    public void logProbGradient(double[] z, int off, double[] psi, int psiOff, double[] action, int actionOff,
            double scale, double[] g, int gOff, double[] gPsi, int gPsiOff) {
        double lse = LogSumExp.logSumExp(z, off, n);
        for (int i = 0; i < n; i++) {
            g[gOff + i] -= scale * Math.exp(z[off + i] - lse);
        }
        g[gOff + index(action[actionOff])] += scale;
    }

    @Override
    public void entropyGradient(double[] z, int off, double[] psi, int psiOff, double scale, double[] g, int gOff,
            double[] gPsi, int gPsiOff) {
        double h = entropy(z, off, psi, psiOff);
        double lse = LogSumExp.logSumExp(z, off, n);
        for (int i = 0; i < n; i++) {
            double logP = z[off + i] - lse;
            double p = Math.exp(logP);
            if (p > 0) {
                g[gOff + i] -= scale * p * (logP + h);
            }
        }
    }

    @Override
    public void klGradient(double[] zp, int pOff, double[] psiP, int psiPOff, double[] zq, int qOff, double[] psiQ,
            int psiQOff, double scale, double[] g, int gOff, double[] gPsi, int gPsiOff) {
        double lseP = LogSumExp.logSumExp(zp, pOff, n);
        double lseQ = LogSumExp.logSumExp(zq, qOff, n);
        for (int i = 0; i < n; i++) {
            g[gOff + i] += scale * (Math.exp(zq[qOff + i] - lseQ) - Math.exp(zp[pOff + i] - lseP));
        }
    }

    @Override
    public void fisherProduct(double[] z, int off, double[] psi, int psiOff, double[] v, int vOff, double[] vPsi,
            int vPsiOff, double scale, double[] out, int outOff, double[] outPsi, int outPsiOff) {
        // (diag(p) - ppᵀ) v = p ⊙ (v - p·v)
        double lse = LogSumExp.logSumExp(z, off, n);
        double pv = 0.0;
        for (int i = 0; i < n; i++) {
            pv += Math.exp(z[off + i] - lse) * v[vOff + i];
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i] += scale * Math.exp(z[off + i] - lse) * (v[vOff + i] - pv);
        }
    }

    private int index(double a) {
        int i = (int) a;
        if (i != a || i < 0 || i >= n) {
            throw new IllegalArgumentException("action " + a + " is not one of the " + n + " categories");
        }
        return i;
    }

    @Override
    public String toString() {
        return "Categorical(" + n + ")";
    }
}
