package org.npg4j.mdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable finite discounted MDP, optionally constrained (a CMDP with cost functions c_i and limits b_i).
 *
 * <p>States are {@code 0..states()-1}, actions {@code 0..actions()-1}; every action is available in every state.
 * A state-action pair is addressed by the flat index {@link #pair(int, int)} {@code = s * actions + a}, the
 * layout of every S×A array in npg4j (row-major, state-major).
 *
 * <p>The transition kernel P(s'|s,a) is stored sparsely in compressed rows: the successors of pair {@code sa}
 * are the entries {@code k} in {@code [rowStart(sa), rowStart(sa+1))}, with {@link #successor(int)} and
 * {@link #probability(int)}; successors within a row are sorted and distinct.
 *
 * <p>Conventions used throughout npg4j: V^π(s) = E[Σ_k γ^k r(S_k,A_k) | S_0 = s] (unnormalized);
 * R(π) = (1-γ) ρ·V^π = r·d^π, with d^π the normalized discounted state-action distribution.
 * Cost i has C_i(π) = c_i·d^π and the constraint C_i(π) ≤ b_i.
 */
public final class FiniteMdp {
    /** Tolerance for a probability vector to sum to one. */
    public static final double SUM_TOLERANCE = 1e-9;

    private final int states;
    private final int actions;
    private final double gamma;
    private final double[] initial;
    private final int[] rowStart;
    private final int[] successors;
    private final double[] probabilities;
    private final double[] rewards;
    private final List<Cost> costs;
    private final List<String> stateNames;
    private final List<String> actionNames;

    /** One cost function c_i(s,a) of a constrained MDP with its limit b_i on C_i(π) = c_i·d^π. */
    public record Cost(String name, double[] values, double limit) {
        public Cost {
            Objects.requireNonNull(name, "cost name");
            values = values.clone();
        }

        /** c_i(s,a) at the flat pair index. */
        public double value(int pair) {
            return values[pair];
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cost c && name.equals(c.name) && Arrays.equals(values, c.values)
                    && Double.compare(limit, c.limit) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(values), limit);
        }

        @Override
        public String toString() {
            return "Cost[" + name + ", limit=" + limit + "]";
        }
    }

    private FiniteMdp(Builder b, int[] rowStart, int[] successors, double[] probabilities) {
        this.states = b.states;
        this.actions = b.actions;
        this.gamma = b.gamma;
        this.initial = b.initial.clone();
        this.rowStart = rowStart;
        this.successors = successors;
        this.probabilities = probabilities;
        this.rewards = b.rewards.clone();
        this.costs = List.copyOf(b.costs);
        this.stateNames = b.stateNames == null ? List.of() : List.copyOf(b.stateNames);
        this.actionNames = b.actionNames == null ? List.of() : List.copyOf(b.actionNames);
    }

    public static Builder builder(int states, int actions) {
        return new Builder(states, actions);
    }

    public int states() {
        return states;
    }

    public int actions() {
        return actions;
    }

    /** Number of state-action pairs, S·A. */
    public int pairs() {
        return states * actions;
    }

    public double gamma() {
        return gamma;
    }

    /** The flat index of (s, a): {@code s * actions + a}. */
    public int pair(int s, int a) {
        return s * actions + a;
    }

    /** ρ(s), the initial-state distribution. */
    public double initial(int s) {
        return initial[s];
    }

    /** A copy of ρ. */
    public double[] initialDistribution() {
        return initial.clone();
    }

    public double reward(int s, int a) {
        return rewards[s * actions + a];
    }

    /** A copy of r as a flat S·A array. */
    public double[] rewards() {
        return rewards.clone();
    }

    /** First sparse entry of pair {@code sa}; the row ends at {@code rowStart(sa + 1)}. */
    public int rowStart(int sa) {
        return rowStart[sa];
    }

    public int successor(int k) {
        return successors[k];
    }

    public double probability(int k) {
        return probabilities[k];
    }

    /** Number of stored (nonzero) transition entries. */
    public int transitionEntries() {
        return successors.length;
    }

    /** P(s'|s,a), by binary search in the sorted row. */
    public double transition(int s, int a, int next) {
        int sa = pair(s, a);
        int k = Arrays.binarySearch(successors, rowStart[sa], rowStart[sa + 1], next);
        return k >= 0 ? probabilities[k] : 0.0;
    }

    /**
     * out[sa] = Σ_{s'} P(s'|s,a) v[s'] for every pair: the expected next-state value.
     *
     * @param v   length S, not modified
     * @param out length S·A, overwritten
     */
    public void expectedNext(double[] v, double[] out) {
        for (int sa = 0, n = pairs(); sa < n; sa++) {
            double acc = 0.0;
            for (int k = rowStart[sa], end = rowStart[sa + 1]; k < end; k++) {
                acc += probabilities[k] * v[successors[k]];
            }
            out[sa] = acc;
        }
    }

    /**
     * out[s'] = Σ_{s,a} P(s'|s,a) x[sa]: pushes a state-action measure one step forward.
     *
     * @param x   length S·A, not modified
     * @param out length S, overwritten
     */
    public void pushForward(double[] x, double[] out) {
        Arrays.fill(out, 0.0);
        for (int sa = 0, n = pairs(); sa < n; sa++) {
            double w = x[sa];
            if (w == 0.0) {
                continue;
            }
            for (int k = rowStart[sa], end = rowStart[sa + 1]; k < end; k++) {
                out[successors[k]] += w * probabilities[k];
            }
        }
    }

    public int costCount() {
        return costs.size();
    }

    public boolean isConstrained() {
        return !costs.isEmpty();
    }

    public List<Cost> costs() {
        return costs;
    }

    public Cost cost(int i) {
        return costs.get(i);
    }

    /** State names, or an empty list when the MDP has none. */
    public List<String> stateNames() {
        return stateNames;
    }

    /** Action names, or an empty list when the MDP has none. */
    public List<String> actionNames() {
        return actionNames;
    }

    /** A copy of this MDP with another discount factor. */
    public FiniteMdp withGamma(double newGamma) {
        return toBuilder().gamma(newGamma).build();
    }

    /** A copy of this MDP with another initial distribution. */
    public FiniteMdp withInitial(double[] newInitial) {
        return toBuilder().initial(newInitial).build();
    }

    /** A builder holding everything this MDP holds. */
    public Builder toBuilder() {
        Builder b = builder(states, actions).gamma(gamma).initial(initial);
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                int sa = pair(s, a);
                b.reward(s, a, rewards[sa]);
                for (int k = rowStart[sa]; k < rowStart[sa + 1]; k++) {
                    b.transition(s, a, successors[k], probabilities[k]);
                }
            }
        }
        for (Cost c : costs) {
            b.cost(c.name(), c.values(), c.limit());
        }
        if (!stateNames.isEmpty()) {
            b.stateNames(stateNames);
        }
        if (!actionNames.isEmpty()) {
            b.actionNames(actionNames);
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FiniteMdp m && states == m.states && actions == m.actions
                && Double.compare(gamma, m.gamma) == 0 && Arrays.equals(initial, m.initial)
                && Arrays.equals(rowStart, m.rowStart) && Arrays.equals(successors, m.successors)
                && Arrays.equals(probabilities, m.probabilities) && Arrays.equals(rewards, m.rewards)
                && costs.equals(m.costs) && stateNames.equals(m.stateNames) && actionNames.equals(m.actionNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(states, actions, gamma, Arrays.hashCode(rewards), Arrays.hashCode(probabilities));
    }

    @Override
    public String toString() {
        return "FiniteMdp[states=" + states + ", actions=" + actions + ", gamma=" + gamma
                + ", entries=" + successors.length + ", costs=" + costs.size() + "]";
    }

    /**
     * Collects an MDP and validates it in {@link #build()}. Transitions added twice for the same (s, a, s') are
     * summed. Index arguments are checked when given; values are checked in {@code build()}, whose
     * {@link IllegalArgumentException} names the offending state, action or index and the value found.
     */
    public static final class Builder {
        private final int states;
        private final int actions;
        private double gamma = Double.NaN;
        private boolean gammaSet;
        private double[] initial;
        private final double[] rewards;
        private final int[][] rowSucc;
        private final double[][] rowProb;
        private final int[] rowLen;
        private final List<Cost> costs = new ArrayList<>();
        private List<String> stateNames;
        private List<String> actionNames;

        private Builder(int states, int actions) {
            if (states < 1) {
                throw new IllegalArgumentException("states must be at least 1, got " + states);
            }
            if (actions < 1) {
                throw new IllegalArgumentException("actions must be at least 1, got " + actions);
            }
            if ((long) states * actions > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("states*actions = " + (long) states * actions + " is too large");
            }
            this.states = states;
            this.actions = actions;
            this.rewards = new double[states * actions];
            this.rowSucc = new int[states * actions][];
            this.rowProb = new double[states * actions][];
            this.rowLen = new int[states * actions];
        }

        public Builder gamma(double gamma) {
            this.gamma = gamma;
            this.gammaSet = true;
            return this;
        }

        /** ρ, the initial-state distribution (copied). */
        public Builder initial(double[] rho) {
            this.initial = rho.clone();
            return this;
        }

        /** ρ = the point mass on {@code s}. */
        public Builder initialState(int s) {
            checkState(s, "initial state");
            double[] rho = new double[states];
            rho[s] = 1.0;
            this.initial = rho;
            return this;
        }

        /** Adds p to P(next|s,a). */
        public Builder transition(int s, int a, int next, double p) {
            checkState(s, "state");
            checkAction(a);
            checkState(next, "next state");
            int sa = s * actions + a;
            int len = rowLen[sa];
            int[] succ = rowSucc[sa];
            for (int k = 0; k < len; k++) {
                if (succ[k] == next) {
                    rowProb[sa][k] += p;
                    return this;
                }
            }
            if (succ == null) {
                rowSucc[sa] = succ = new int[2];
                rowProb[sa] = new double[2];
            } else if (len == succ.length) {
                rowSucc[sa] = succ = Arrays.copyOf(succ, 2 * len);
                rowProb[sa] = Arrays.copyOf(rowProb[sa], 2 * len);
            }
            succ[len] = next;
            rowProb[sa][len] = p;
            rowLen[sa] = len + 1;
            return this;
        }

        public Builder reward(int s, int a, double r) {
            checkState(s, "state");
            checkAction(a);
            rewards[s * actions + a] = r;
            return this;
        }

        /** Adds a cost c(s,a), given as a flat S·A array, with limit b. */
        public Builder cost(String name, double[] values, double limit) {
            if (values.length != states * actions) {
                throw new IllegalArgumentException("cost '" + name + "' has " + values.length
                        + " values, expected states*actions = " + states * actions);
            }
            costs.add(new Cost(name, values, limit));
            return this;
        }

        /** Adds a cost c(s,a), given as an S×A matrix, with limit b. */
        public Builder cost(String name, double[][] values, double limit) {
            if (values.length != states) {
                throw new IllegalArgumentException("cost '" + name + "' has " + values.length
                        + " rows, expected " + states + " states");
            }
            double[] flat = new double[states * actions];
            for (int s = 0; s < states; s++) {
                if (values[s].length != actions) {
                    throw new IllegalArgumentException("cost '" + name + "' row s=" + s + " has "
                            + values[s].length + " values, expected " + actions + " actions");
                }
                System.arraycopy(values[s], 0, flat, s * actions, actions);
            }
            return cost(name, flat, limit);
        }

        public Builder stateNames(List<String> names) {
            this.stateNames = List.copyOf(names);
            return this;
        }

        public Builder actionNames(List<String> names) {
            this.actionNames = List.copyOf(names);
            return this;
        }

        private void checkState(int s, String what) {
            if (s < 0 || s >= states) {
                throw new IllegalArgumentException(what + " " + s + " out of range [0, " + states + ")");
            }
        }

        private void checkAction(int a) {
            if (a < 0 || a >= actions) {
                throw new IllegalArgumentException("action " + a + " out of range [0, " + actions + ")");
            }
        }

        /** Validates everything and builds the immutable MDP. */
        public FiniteMdp build() {
            if (!(gamma >= 0.0 && gamma < 1.0)) {
                throw new IllegalArgumentException(gammaSet
                        ? "gamma " + gamma + " must be in [0, 1)" : "gamma is not set");
            }
            validateInitial();
            int entries = 0;
            for (int sa = 0; sa < rowLen.length; sa++) {
                entries += rowLen[sa];
            }
            int[] start = new int[rowLen.length + 1];
            int[] succ = new int[entries];
            double[] prob = new double[entries];
            int k = 0;
            for (int s = 0; s < states; s++) {
                for (int a = 0; a < actions; a++) {
                    int sa = s * actions + a;
                    start[sa] = k;
                    int len = rowLen[sa];
                    Integer[] order = new Integer[len];
                    for (int i = 0; i < len; i++) {
                        order[i] = i;
                    }
                    int[] rs = rowSucc[sa];
                    Arrays.sort(order, (x, y) -> Integer.compare(rs[x], rs[y]));
                    double sum = 0.0;
                    for (int i = 0; i < len; i++) {
                        int j = order[i];
                        double p = rowProb[sa][j];
                        if (!Double.isFinite(p)) {
                            throw new IllegalArgumentException(
                                    "P(s'=" + rs[j] + "|s=" + s + ",a=" + a + ") = " + p + " is not finite");
                        }
                        if (p < 0) {
                            throw new IllegalArgumentException(
                                    "P(s'=" + rs[j] + "|s=" + s + ",a=" + a + ") = " + p + " is negative");
                        }
                        sum += p;
                        if (p > 0) {
                            succ[k] = rs[j];
                            prob[k] = p;
                            k++;
                        }
                    }
                    if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                        throw new IllegalArgumentException(
                                "P(.|s=" + s + ",a=" + a + ") sums to " + sum + ", expected 1");
                    }
                    double r = rewards[sa];
                    if (!Double.isFinite(r)) {
                        throw new IllegalArgumentException("r(s=" + s + ",a=" + a + ") = " + r + " is not finite");
                    }
                }
            }
            start[rowLen.length] = k;
            for (Cost c : costs) {
                for (int sa = 0; sa < rowLen.length; sa++) {
                    double v = c.value(sa);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("cost '" + c.name() + "' c(s=" + sa / actions
                                + ",a=" + sa % actions + ") = " + v + " is not finite");
                    }
                }
                if (!Double.isFinite(c.limit())) {
                    throw new IllegalArgumentException("cost '" + c.name() + "' limit " + c.limit() + " is not finite");
                }
            }
            if (stateNames != null && stateNames.size() != states) {
                throw new IllegalArgumentException(
                        stateNames.size() + " state names given, expected " + states);
            }
            if (actionNames != null && actionNames.size() != actions) {
                throw new IllegalArgumentException(
                        actionNames.size() + " action names given, expected " + actions);
            }
            return new FiniteMdp(this, start, Arrays.copyOf(succ, k), Arrays.copyOf(prob, k));
        }

        private void validateInitial() {
            if (initial == null) {
                throw new IllegalArgumentException("initial distribution is not set");
            }
            if (initial.length != states) {
                throw new IllegalArgumentException(
                        "initial distribution has " + initial.length + " entries, expected " + states);
            }
            double sum = 0.0;
            for (int s = 0; s < states; s++) {
                double p = initial[s];
                if (!Double.isFinite(p)) {
                    throw new IllegalArgumentException("initial[s=" + s + "] = " + p + " is not finite");
                }
                if (p < 0) {
                    throw new IllegalArgumentException("initial[s=" + s + "] = " + p + " is negative");
                }
                sum += p;
            }
            if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
                throw new IllegalArgumentException("initial distribution sums to " + sum + ", expected 1");
            }
        }
    }
}
