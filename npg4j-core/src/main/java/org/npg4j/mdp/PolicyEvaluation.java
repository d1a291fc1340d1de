package org.npg4j.mdp;

/**
 * Exact policy evaluation: V^π, Q^π, A^π, d^π, R(π) and the cost counterparts (see {@link Evaluation} for the
 * conventions).
 *
 * <p>V^π solves (I - γP^π)V = r^π and d^π_S solves (I - γP^π)ᵀ d_S = (1-γ)ρ, then d^π(s,a) = d^π_S(s) π(a|s).
 * Small MDPs are solved directly (dense LU), large ones iteratively (GMRES); either way the result satisfies
 * ||V - V^π||∞ ≤ tolerance and ||d_S - d^π_S||₁ ≤ tolerance (the iterative answer is certified by its true
 * residual, see {@code DiscountedSolve}). Default tolerance 1e-10.
 */
public final class PolicyEvaluation {
    /** Default accuracy: sup norm for values, ℓ1 for distributions. */
    public static final double DEFAULT_TOLERANCE = 1e-10;

    /** Which linear solver evaluation uses. */
    public enum Method {
        /** Dense LU up to 64 states, GMRES above (GMRES is faster already at S = 100 on sparse MDPs). */
        AUTO,
        /** Dense LU of I - γP^π. */
        DIRECT,
        /** Restarted GMRES, certified by the residual bound. */
        ITERATIVE
    }

    private final double tolerance;
    private final Method method;

    private PolicyEvaluation(double tolerance, Method method) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be positive");
        }
        this.tolerance = tolerance;
        this.method = method;
    }

    /** An evaluator with the default tolerance and automatic method choice. */
    public static PolicyEvaluation defaults() {
        return new PolicyEvaluation(DEFAULT_TOLERANCE, Method.AUTO);
    }

    public static PolicyEvaluation of(double tolerance, Method method) {
        return new PolicyEvaluation(tolerance, method);
    }

    /** Evaluates π with the default evaluator. */
    public static Evaluation evaluate(FiniteMdp mdp, TabularPolicy policy) {
        return defaults().run(mdp, policy);
    }

    public double tolerance() {
        return tolerance;
    }

    public Method method() {
        return method;
    }

    /** Evaluates π on the MDP, rewards and every cost. */
    public Evaluation run(FiniteMdp mdp, TabularPolicy policy) {
        policy.checkCompatible(mdp);
        return run(mdp, policy.probabilities(), null);
    }

    /**
     * Evaluates the policy given as flat S·A probabilities (trusted to be row-stochastic), optionally warm-started
     * from a previous evaluation (used by iterative optimizers: consecutive policies have close values).
     */
    public Evaluation run(FiniteMdp mdp, double[] pi, Evaluation warmStart) {
        int S = mdp.states();
        int A = mdp.actions();
        int m = mdp.costCount();
        double gamma = mdp.gamma();
        PolicyKernel kernel = PolicyKernel.of(mdp, pi);
        DiscountedSolve.Method how = switch (method) {
            case AUTO -> DiscountedSolve.Method.AUTO;
            case DIRECT -> DiscountedSolve.Method.DIRECT;
            case ITERATIVE -> DiscountedSolve.Method.ITERATIVE;
        };

        // Right-hand sides r^π(s) = Σ_a π(a|s) r(s,a) and c_i^π likewise.
        double[][] rhs = new double[1 + m][S];
        for (int s = 0; s < S; s++) {
            double acc = 0.0;
            for (int a = 0; a < A; a++) {
                acc += pi[s * A + a] * mdp.reward(s, a);
            }
            rhs[0][s] = acc;
        }
        for (int i = 0; i < m; i++) {
            FiniteMdp.Cost c = mdp.cost(i);
            for (int s = 0; s < S; s++) {
                double acc = 0.0;
                for (int a = 0; a < A; a++) {
                    acc += pi[s * A + a] * c.value(s * A + a);
                }
                rhs[1 + i][s] = acc;
            }
        }
        double[][] guesses = null;
        double[][] dGuess = null;
        if (warmStart != null && warmStart.states() == S) {
            guesses = new double[1 + m][];
            guesses[0] = warmStart.values();
            for (int i = 0; i < Math.min(m, warmStart.costCount()); i++) {
                guesses[1 + i] = warmStart.costValues(i);
            }
            dGuess = new double[][] {warmStart.stateDistribution()};
        }
        double[][] values = DiscountedSolve.solve(kernel, gamma, false, rhs, guesses, tolerance, how);

        double[] flow = new double[S];
        for (int s = 0; s < S; s++) {
            flow[s] = (1.0 - gamma) * mdp.initial(s);
        }
        double[] dS = DiscountedSolve.solve(kernel, gamma, true, new double[][] {flow}, dGuess, tolerance, how)[0];

        double[] d = new double[S * A];
        for (int s = 0; s < S; s++) {
            for (int a = 0; a < A; a++) {
                d[s * A + a] = dS[s] * pi[s * A + a];
            }
        }
        double[] q = actionValues(mdp, mdp.rewards(), values[0]);
        double[][] costV = new double[m][];
        double[][] costQ = new double[m][];
        for (int i = 0; i < m; i++) {
            costV[i] = values[1 + i];
            costQ[i] = actionValues(mdp, mdp.cost(i).values(), costV[i]);
        }
        return new Evaluation(mdp, values[0], q, d, dS, costV, costQ);
    }

    /** Q(s,a) = c(s,a) + γ Σ_{s'} P(s'|s,a) V(s') for a per-pair signal c (reward or cost). */
    static double[] actionValues(FiniteMdp mdp, double[] c, double[] v) {
        double[] q = new double[mdp.pairs()];
        mdp.expectedNext(v, q);
        double gamma = mdp.gamma();
        for (int sa = 0; sa < q.length; sa++) {
            q[sa] = c[sa] + gamma * q[sa];
        }
        return q;
    }
}
