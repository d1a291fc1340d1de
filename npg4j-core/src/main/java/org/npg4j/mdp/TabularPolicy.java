package org.npg4j.mdp;

import java.util.Arrays;

/**
 * An immutable stationary stochastic policy π(a|s) on a finite MDP: an S×A row-stochastic matrix stored flat,
 * row-major ({@code s * actions + a}), like every S×A array in npg4j.
 */
public final class TabularPolicy {
    private final int states;
    private final int actions;
    private final double[] probabilities;

    private TabularPolicy(int states, int actions, double[] probabilities) {
        this.states = states;
        this.actions = actions;
        this.probabilities = probabilities;
    }

    /**
     * A policy from an S×A matrix; each row must be a probability vector (non-negative, finite, summing to 1
     * within {@link FiniteMdp#SUM_TOLERANCE}). The message of the exception names the state and the value.
     */
    public static TabularPolicy of(double[][] matrix) {
        if (matrix.length == 0) {
            throw new IllegalArgumentException("policy has no states");
        }
        int actions = matrix[0].length;
        double[] flat = new double[matrix.length * actions];
        for (int s = 0; s < matrix.length; s++) {
            if (matrix[s].length != actions) {
                throw new IllegalArgumentException("policy row s=" + s + " has " + matrix[s].length
                        + " actions, expected " + actions);
            }
            System.arraycopy(matrix[s], 0, flat, s * actions, actions);
        }
        return ofFlat(matrix.length, actions, flat);
    }

    /** A policy from a flat row-major S·A array (copied), validated as {@link #of(double[][])}. */
    public static TabularPolicy ofFlat(int states, int actions, double[] flat) {
        if (states < 1 || actions < 1) {
            throw new IllegalArgumentException("policy needs at least one state and one action, got "
                    + states + "x" + actions);
        }
        if (flat.length != states * actions) {
            throw new IllegalArgumentException("policy has " + flat.length + " entries, expected "
                    + states + "x" + actions);
        }
        double[] p = flat.clone();
        for (int s = 0; s < states; s++) {
            double sum = 0.0;
            for (int a = 0; a < actions; a++) {
                double v = p[s * actions + a];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("pi(a=" + a + "|s=" + s + ") = " + v + " is not finite");
                }
                if (v < 0) {
                    throw new IllegalArgumentException("pi(a=" + a + "|s=" + s + ") = " + v + " is negative");
                }
                sum += v;
            }
            if (Math.abs(sum - 1.0) > FiniteMdp.SUM_TOLERANCE) {
                throw new IllegalArgumentException("pi(.|s=" + s + ") sums to " + sum + ", expected 1");
            }
        }
        return new TabularPolicy(states, actions, p);
    }

    /**
     * Wraps a flat array the caller guarantees to be row-stochastic and never to modify again: for the exact
     * optimizers' inner loops, which produce valid policies by construction.
     */
    public static TabularPolicy trusted(int states, int actions, double[] flat) {
        return new TabularPolicy(states, actions, flat);
    }

    /** The uniform policy π(a|s) = 1/A. */
    public static TabularPolicy uniform(int states, int actions) {
        double[] p = new double[states * actions];
        Arrays.fill(p, 1.0 / actions);
        return new TabularPolicy(states, actions, p);
    }

    /** The deterministic policy choosing {@code choice[s]} in state s. */
    public static TabularPolicy deterministic(int actions, int[] choice) {
        double[] p = new double[choice.length * actions];
        for (int s = 0; s < choice.length; s++) {
            if (choice[s] < 0 || choice[s] >= actions) {
                throw new IllegalArgumentException("action " + choice[s] + " for s=" + s
                        + " out of range [0, " + actions + ")");
            }
            p[s * actions + choice[s]] = 1.0;
        }
        return new TabularPolicy(choice.length, actions, p);
    }

    /** The softmax policy π(a|s) ∝ exp(θ_{s,a}), computed with log-sum-exp per state. */
    public static TabularPolicy softmax(int states, int actions, double[] theta) {
        double[] p = new double[states * actions];
        for (int s = 0; s < states; s++) {
            int o = s * actions;
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                max = Math.max(max, theta[o + a]);
            }
            double z = 0.0;
            for (int a = 0; a < actions; a++) {
                z += (p[o + a] = Math.exp(theta[o + a] - max));
            }
            for (int a = 0; a < actions; a++) {
                p[o + a] /= z;
            }
        }
        return new TabularPolicy(states, actions, p);
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** π(a|s). */
    public double probability(int s, int a) {
        return probabilities[s * actions + a];
    }

    /** A copy of the flat row-major probabilities. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** A copy as an S×A matrix. */
    public double[][] toMatrix() {
        double[][] m = new double[states][actions];
        for (int s = 0; s < states; s++) {
            System.arraycopy(probabilities, s * actions, m[s], 0, actions);
        }
        return m;
    }

    /** Throws unless this policy has the MDP's numbers of states and actions. */
    public void checkCompatible(FiniteMdp mdp) {
        if (states != mdp.states() || actions != mdp.actions()) {
            throw new IllegalArgumentException("policy is " + states + "x" + actions + " but the MDP has "
                    + mdp.states() + " states and " + mdp.actions() + " actions");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TabularPolicy t && states == t.states && actions == t.actions
                && Arrays.equals(probabilities, t.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "TabularPolicy" + Arrays.deepToString(toMatrix());
    }
}
