package org.npg4j.exact;

import java.util.Arrays;
import org.npg4j.mdp.TabularPolicy;

/**
 * The log-linear policy family π_θ(a|s) ∝ exp(θ·φ(s,a) + b(s,a)) with features φ(s,a) ∈ R^n and fixed offsets
 * b(s,a) (zero unless given; they let an affine reparameterization θ = Mω + c stay in the family, with
 * features Mᵀφ and offsets c·φ). The softmax (tabular) family is φ(s,a) = e_{s,a}, n = |S||A|.
 */
public final class LogLinearParameterization {
    private final int states;
    private final int actions;
    private final int dimension;
    private final double[] features;
    private final double[] offsets;

    private LogLinearParameterization(int states, int actions, int dimension, double[] features, double[] offsets) {
        this.states = states;
        this.actions = actions;
        this.dimension = dimension;
        this.features = features;
        this.offsets = offsets;
    }

    /**
     * A family from features {@code phi[s*A + a][i]} and optional offsets {@code b[s*A + a]} (null for zero).
     */
    public static LogLinearParameterization of(int states, int actions, double[][] phi, double[] b) {
        if (phi.length != states * actions) {
            throw new IllegalArgumentException("features have " + phi.length + " rows, expected S*A = "
                    + states * actions);
        }
        int n = phi[0].length;
        if (n < 1) {
            throw new IllegalArgumentException("features have dimension 0");
        }
        double[] f = new double[states * actions * n];
        for (int sa = 0; sa < phi.length; sa++) {
            if (phi[sa].length != n) {
                throw new IllegalArgumentException("feature row s=" + sa / actions + ", a=" + sa % actions
                        + " has dimension " + phi[sa].length + ", expected " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(phi[sa][i])) {
                    throw new IllegalArgumentException("feature phi(s=" + sa / actions + ", a=" + sa % actions
                            + ")[" + i + "] = " + phi[sa][i] + " is not finite");
                }
                f[sa * n + i] = phi[sa][i];
            }
        }
        double[] off = new double[states * actions];
        if (b != null) {
            if (b.length != states * actions) {
                throw new IllegalArgumentException("offsets have " + b.length + " entries, expected S*A = "
                        + states * actions);
            }
            System.arraycopy(b, 0, off, 0, off.length);
        }
        return new LogLinearParameterization(states, actions, n, f, off);
    }

    /** The tabular softmax family: φ(s,a) = e_{s,a}, so θ is the S·A logit table. */
    public static LogLinearParameterization tabular(int states, int actions) {
        double[][] phi = new double[states * actions][states * actions];
        for (int sa = 0; sa < phi.length; sa++) {
            phi[sa][sa] = 1.0;
        }
        return of(states, actions, phi, null);
    }

    /**
     * The family reparameterized by θ = Mω + c (M is n×m, row-major {@code m[i][j]}): features Mᵀφ and offsets
     * b + c·φ, so that {@code reparameterized(M, c).policy(ω) = policy(Mω + c)}.
     */
    public LogLinearParameterization reparameterized(double[][] m, double[] c) {
        if (m.length != dimension || c.length != dimension) {
            throw new IllegalArgumentException("reparameterization must have " + dimension + " rows, got "
                    + m.length + " and offset of length " + c.length);
        }
        int k = m[0].length;
        double[][] phi = new double[states * actions][k];
        double[] b = offsets.clone();
        for (int sa = 0; sa < states * actions; sa++) {
            for (int i = 0; i < dimension; i++) {
                double f = features[sa * dimension + i];
                b[sa] += c[i] * f;
                for (int j = 0; j < k; j++) {
                    phi[sa][j] += m[i][j] * f;
                }
            }
        }
        return of(states, actions, phi, b);
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** n, the number of parameters. */
    public int dimension() {
        return dimension;
    }

    /** The logits θ·φ(s,a) + b(s,a), flat S·A, into {@code out}. */
    public void logits(double[] theta, double[] out) {
        if (theta.length != dimension) {
            throw new IllegalArgumentException("theta has " + theta.length + " entries, expected " + dimension);
        }
        for (int sa = 0; sa < states * actions; sa++) {
            double z = offsets[sa];
            for (int i = 0; i < dimension; i++) {
                z += theta[i] * features[sa * dimension + i];
            }
            out[sa] = z;
        }
    }

    /** π_θ, flat S·A, into {@code out}. */
    public void probabilities(double[] theta, double[] out) {
        logits(theta, out);
        PolicyMath.softmax(states, actions, out, out);
    }

    /** π_θ as a policy. */
    public TabularPolicy policy(double[] theta) {
        double[] p = new double[states * actions];
        probabilities(theta, p);
        return TabularPolicy.trusted(states, actions, p);
    }

    /** The score ψ(s,a) = ∇_θ log π_θ(a|s) = φ(s,a) - Σ_b π(b|s) φ(s,b), given π = π_θ, into {@code out}. */
    public void score(double[] pi, int sa, double[] out) {
        int s = sa / actions;
        System.arraycopy(features, sa * dimension, out, 0, dimension);
        for (int b = 0; b < actions; b++) {
            double p = pi[s * actions + b];
            int o = (s * actions + b) * dimension;
            for (int i = 0; i < dimension; i++) {
                out[i] -= p * features[o + i];
            }
        }
    }

    @Override
    public String toString() {
        return "LogLinearParameterization[" + states + "x" + actions + ", n=" + dimension + ", offsets="
                + (Arrays.stream(offsets).allMatch(x -> x == 0) ? "none" : "given") + "]";
    }
}
