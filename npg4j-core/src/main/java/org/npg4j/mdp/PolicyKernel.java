package org.npg4j.mdp;

/**
 * The state-to-state transition matrix P^π(s'|s) = Σ_a π(a|s) P(s'|s,a) of a policy, in compressed sparse rows,
 * with the products an evaluation needs. Rows of P for the actions of a state are merged once, so a sweep costs
 * one pass over the nonzeros of P^π.
 */
final class PolicyKernel {
    final int n;
    final int[] rowStart;
    final int[] column;
    final double[] value;

    private PolicyKernel(int n, int[] rowStart, int[] column, double[] value) {
        this.n = n;
        this.rowStart = rowStart;
        this.column = column;
        this.value = value;
    }

    /** P^π for the policy given as flat S·A probabilities. */
    static PolicyKernel of(FiniteMdp mdp, double[] pi) {
        int S = mdp.states();
        int A = mdp.actions();
        double[] acc = new double[S];
        int[] mark = new int[S];
        java.util.Arrays.fill(mark, -1);
        int[] touched = new int[S];
        int[] start = new int[S + 1];
        int[] col = new int[Math.max(16, mdp.transitionEntries())];
        double[] val = new double[col.length];
        int nnz = 0;
        for (int s = 0; s < S; s++) {
            start[s] = nnz;
            int count = 0;
            for (int a = 0; a < A; a++) {
                double p = pi[s * A + a];
                if (p == 0.0) {
                    continue;
                }
                int sa = s * A + a;
                for (int k = mdp.rowStart(sa), end = mdp.rowStart(sa + 1); k < end; k++) {
                    int t = mdp.successor(k);
                    if (mark[t] != s) {
                        mark[t] = s;
                        acc[t] = 0.0;
                        touched[count++] = t;
                    }
                    acc[t] += p * mdp.probability(k);
                }
            }
            java.util.Arrays.sort(touched, 0, count);
            if (nnz + count > col.length) {
                int cap = Math.max(col.length * 2, nnz + count);
                col = java.util.Arrays.copyOf(col, cap);
                val = java.util.Arrays.copyOf(val, cap);
            }
            for (int i = 0; i < count; i++) {
                col[nnz] = touched[i];
                val[nnz] = acc[touched[i]];
                nnz++;
            }
        }
        start[S] = nnz;
        return new PolicyKernel(S, start, col, val);
    }

    /** out = b + γ P^π x (the policy's Bellman operator, when b = r^π). */
    void bellman(double[] b, double gamma, double[] x, double[] out) {
        for (int s = 0; s < n; s++) {
            double acc = 0.0;
            for (int k = rowStart[s], end = rowStart[s + 1]; k < end; k++) {
                acc += value[k] * x[column[k]];
            }
            out[s] = b[s] + gamma * acc;
        }
    }

    /** out = b + γ (P^π)ᵀ x (the flow operator of the state distribution, when b = (1-γ)ρ). */
    void bellmanTranspose(double[] b, double gamma, double[] x, double[] out) {
        System.arraycopy(b, 0, out, 0, n);
        for (int s = 0; s < n; s++) {
            double w = gamma * x[s];
            if (w == 0.0) {
                continue;
            }
            for (int k = rowStart[s], end = rowStart[s + 1]; k < end; k++) {
                out[column[k]] += w * value[k];
            }
        }
    }

    /** out = (I - γP^π) x, or (I - γP^π)ᵀ x when {@code transpose}. */
    void applySystem(boolean transpose, double gamma, double[] x, double[] out) {
        if (!transpose) {
            for (int s = 0; s < n; s++) {
                double acc = 0.0;
                for (int k = rowStart[s], end = rowStart[s + 1]; k < end; k++) {
                    acc += value[k] * x[column[k]];
                }
                out[s] = x[s] - gamma * acc;
            }
        } else {
            System.arraycopy(x, 0, out, 0, n);
            for (int s = 0; s < n; s++) {
                double w = gamma * x[s];
                if (w == 0.0) {
                    continue;
                }
                for (int k = rowStart[s], end = rowStart[s + 1]; k < end; k++) {
                    out[column[k]] -= w * value[k];
                }
            }
        }
    }

    /** The dense matrix I - γP^π, row-major, for the direct solve. */
    double[] denseSystem(double gamma) {
        double[] m = new double[n * n];
        for (int s = 0; s < n; s++) {
            m[s * n + s] = 1.0;
            for (int k = rowStart[s], end = rowStart[s + 1]; k < end; k++) {
                m[s * n + column[k]] -= gamma * value[k];
            }
        }
        return m;
    }
}
