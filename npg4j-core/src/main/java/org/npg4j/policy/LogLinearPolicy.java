package org.npg4j.policy;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The log-linear policy π_θ(a|s) ∝ exp(θ·φ(s, a)) over a finite action set, with features from a
 * {@link FeatureMap}; with {@link FeatureMap#tabular} it is the tabular softmax policy on one-hot observations,
 * so sample-based algorithms run unchanged on finite MDPs. The logits are linear in θ, so J_i = Φ(s_i) (rows
 * φ(s_i, a)ᵀ) and the Fisher-vector product is (1/N) Σ_i Φ(s_i)ᵀ (diag(p_i) - p_i p_iᵀ) Φ(s_i) v. θ starts at 0
 * (the uniform policy). Not thread-safe (scratch buffers).
 */
public final class LogLinearPolicy implements Policy {
    private final FeatureMap features;
    private final Categorical dist;
    private final int actions;
    private final double[] theta;
    private final double[] z;
    private final double[] zOld;
    private final double[] gz;

    public LogLinearPolicy(FeatureMap features) {
        this.features = features;
        this.actions = features.actions();
        this.dist = new Categorical(actions);
        this.theta = new double[features.dimension()];
        this.z = new double[actions];
        this.zOld = new double[actions];
        this.gz = new double[actions];
    }

    /** The tabular softmax policy on one-hot observations of {@code states} states. */
    public static LogLinearPolicy tabular(int states, int actions) {
        return new LogLinearPolicy(FeatureMap.tabular(states, actions));
    }

    @Override
    public int observationSize() {
        return features.observationSize();
    }

    @Override
    public ActionDistribution distribution() {
        return dist;
    }

    @Override
    public int parameterCount() {
        return theta.length;
    }

    @Override
    public double[] parameters() {
        return theta;
    }

    private void logits(double[] t, double[] obs, int off, double[] out) {
        for (int a = 0; a < actions; a++) {
            out[a] = features.dot(t, obs, off, a);
        }
    }

    /** grad += Φ(s)ᵀ gz. */
    private void pullBack(double[] obs, int off, double[] grad) {
        for (int a = 0; a < actions; a++) {
            if (gz[a] != 0.0) {
                features.addScaled(gz[a], obs, off, a, grad);
            }
        }
    }

    @Override
    public void act(double[] obs, int obsOffset, RandomGenerator rng, double[] action, int actionOffset) {
        logits(theta, obs, obsOffset, z);
        dist.sample(z, 0, null, 0, rng, action, actionOffset);
    }

    @Override
    public void actDeterministic(double[] obs, int obsOffset, double[] action, int actionOffset) {
        logits(theta, obs, obsOffset, z);
        dist.mode(z, 0, null, 0, action, actionOffset);
    }

    @Override
    public void evaluateActions(double[] obs, double[] actionsIn, int batch, double[] logProbs, double[] entropies) {
        int os = observationSize();
        for (int i = 0; i < batch; i++) {
            logits(theta, obs, i * os, z);
            if (logProbs != null) {
                logProbs[i] = dist.logProb(z, 0, null, 0, actionsIn, i);
            }
            if (entropies != null) {
                entropies[i] = dist.entropy(z, 0, null, 0);
            }
        }
    }

    @Override
    public void gradient(double[] obs, double[] actionsIn, int batch, double[] dLogProb, double[] dEntropy,
            double[] grad) {
        int os = observationSize();
        for (int i = 0; i < batch; i++) {
            logits(theta, obs, i * os, z);
            Arrays.fill(gz, 0.0);
            if (dLogProb != null) {
                dist.logProbGradient(z, 0, null, 0, actionsIn, i, dLogProb[i], gz, 0, null, 0);
            }
            if (dEntropy != null) {
                dist.entropyGradient(z, 0, null, 0, dEntropy[i], gz, 0, null, 0);
            }
            pullBack(obs, i * os, grad);
        }
    }

    @Override
    public void score(double[] obs, int obsOffset, double[] action, int actionOffset, double[] grad) {
        logits(theta, obs, obsOffset, z);
        Arrays.fill(gz, 0.0);
        dist.logProbGradient(z, 0, null, 0, action, actionOffset, 1.0, gz, 0, null, 0);
        pullBack(obs, obsOffset, grad);
    }

    @Override
    public void distributionParameters(double[] obs, int batch, double[] phiOut, double[] psiOut) {
        int os = observationSize();
        for (int i = 0; i < batch; i++) {
            logits(theta, obs, i * os, z);
            System.arraycopy(z, 0, phiOut, i * actions, actions);
        }
    }

    @Override
    public double meanKl(double[] obs, int batch, double[] oldPhi, double[] oldPsi) {
        int os = observationSize();
        double kl = 0.0;
        for (int i = 0; i < batch; i++) {
            logits(theta, obs, i * os, z);
            kl += dist.klDivergence(oldPhi, i * actions, null, 0, z, 0, null, 0);
        }
        return kl / batch;
    }

    @Override
    public void klGradient(double[] obs, int batch, double[] oldPhi, double[] oldPsi, double[] grad) {
        int os = observationSize();
        for (int i = 0; i < batch; i++) {
            logits(theta, obs, i * os, z);
            Arrays.fill(gz, 0.0);
            dist.klGradient(oldPhi, i * actions, null, 0, z, 0, null, 0, 1.0 / batch, gz, 0, null, 0);
            pullBack(obs, i * os, grad);
        }
    }

    @Override
    public void fisherVectorProduct(double[] obs, int batch, double[] v, double damping, double[] out) {
        if (v.length != theta.length || out.length != theta.length) {
            throw new IllegalArgumentException("fisherVectorProduct needs vectors of length " + theta.length
                    + ", got " + v.length + " and " + out.length);
        }
        int os = observationSize();
        Arrays.fill(out, 0.0);
        for (int i = 0; i < batch; i++) {
            logits(theta, obs, i * os, z);
            logits(v, obs, i * os, zOld); // J_i v = Φ(s_i) v
            Arrays.fill(gz, 0.0);
            dist.fisherProduct(z, 0, null, 0, zOld, 0, null, 0, 1.0 / batch, gz, 0, null, 0);
            pullBack(obs, i * os, out);
        }
        for (int j = 0; j < out.length; j++) {
            out[j] += damping * v[j];
        }
    }
}
