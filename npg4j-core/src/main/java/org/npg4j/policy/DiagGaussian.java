package org.npg4j.policy;

import java.util.random.RandomGenerator;

/**
 * The diagonal Gaussian N(μ, diag σ²) over R^d, with the mean μ from the network (per state) and the log standard
 * deviations log σ as state-independent shared parameters (SB3's default, initialized to 0). Log-probabilities
 * and entropies sum over dimensions. In the parameters (μ, log σ):
 * ∇_μ log π = (a - μ)/σ², ∇_{log σ} log π = (a - μ)²/σ² - 1, ∇_{log σ} H = 1, and the Fisher metric is
 * diag(1/σ²) on μ and 2 on each log σ (no cross terms).
 */
public final class DiagGaussian implements ActionDistribution {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final int d;

    public DiagGaussian(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a Gaussian needs dimension at least 1, got " + dimension);
        }
        this.d = dimension;
    }

    public int dimension() {
        return d;
    }

    @Override
    public int parameterSize() {
        return d;
    }

    @Override
    public int sharedParameterSize() {
        return d;
    }

    @Override
    public int actionSize() {
        return d;
    }

    @Override
    public void sample(double[] mu, int off, double[] logStd, int sOff, RandomGenerator rng, double[] action,
            int actionOff) {
        for (int i = 0; i < d; i++) {
            action[actionOff + i] = mu[off + i] + Math.exp(logStd[sOff + i]) * rng.nextGaussian();
        }
    }

    @Override
    public void mode(double[] mu, int off, double[] logStd, int sOff, double[] action, int actionOff) {
        System.arraycopy(mu, off, action, actionOff, d);
    }

    @Override
    public double logProb(double[] mu, int off, double[] logStd, int sOff, double[] action, int actionOff) {
        double lp = 0.0;
        for (int i = 0; i < d; i++) {
            double ls = logStd[sOff + i];
            double u = (action[actionOff + i] - mu[off + i]) * Math.exp(-ls);
            lp -= 0.5 * u * u + ls + HALF_LOG_2PI;
        }
        return lp;
    }

    @Override
    public double entropy(double[] mu, int off, double[] logStd, int sOff) {
        double h = 0.0;
        for (int i = 0; i < d; i++) {
            h += 0.5 + HALF_LOG_2PI + logStd[sOff + i];
        }
        return h;
    }

    @Override
    public double klDivergence(double[] muP, int pOff, double[] lsP, int lspOff, double[] muQ, int qOff,
            double[] lsQ, int lsqOff) {
        double kl = 0.0;
        for (int i = 0; i < d; i++) {
            double lp = lsP[lspOff + i];
            double lq = lsQ[lsqOff + i];
            double diff = muP[pOff + i] - muQ[qOff + i];
            kl += lq - lp + (Math.exp(2 * (lp - lq)) + diff * diff * Math.exp(-2 * lq)) / 2 - 0.5;
        }
        return kl;
    }

    @Override
    public void logProbGradient(double[] mu, int off, double[] logStd, int sOff, double[] action, int actionOff,
            double scale, double[] gMu, int gOff, double[] gLogStd, int gsOff) {
        for (int i = 0; i < d; i++) {
            double inv = Math.exp(-logStd[sOff + i]);
            double u = (action[actionOff + i] - mu[off + i]) * inv;
            gMu[gOff + i] += scale * u * inv;
            gLogStd[gsOff + i] += scale * (u * u - 1.0);
        }
    }

    @Override
    public void entropyGradient(double[] mu, int off, double[] logStd, int sOff, double scale, double[] gMu,
            int gOff, double[] gLogStd, int gsOff) {
        for (int i = 0; i < d; i++) {
            gLogStd[gsOff + i] += scale;
        }
    }

    @Override
    public void klGradient(double[] muP, int pOff, double[] lsP, int lspOff, double[] muQ, int qOff, double[] lsQ,
            int lsqOff, double scale, double[] gMuQ, int gOff, double[] gLsQ, int gsOff) {
        for (int i = 0; i < d; i++) {
            double invVarQ = Math.exp(-2 * lsQ[lsqOff + i]);
            double diff = muQ[qOff + i] - muP[pOff + i];
            gMuQ[gOff + i] += scale * diff * invVarQ;
            gLsQ[gsOff + i] += scale * (1.0 - (Math.exp(2 * lsP[lspOff + i]) + diff * diff) * invVarQ);
        }
    }

    @Override
    public void fisherProduct(double[] mu, int off, double[] logStd, int sOff, double[] vMu, int vOff,
            double[] vLogStd, int vsOff, double scale, double[] outMu, int outOff, double[] outLogStd,
            int outSOff) {
        for (int i = 0; i < d; i++) {
            outMu[outOff + i] += scale * vMu[vOff + i] * Math.exp(-2 * logStd[sOff + i]);
            if (vLogStd != null) {
                outLogStd[outSOff + i] += scale * 2.0 * vLogStd[vsOff + i];
            }
        }
    }

    @Override
    public String toString() {
        return "DiagGaussian(" + d + ")";
    }
}
