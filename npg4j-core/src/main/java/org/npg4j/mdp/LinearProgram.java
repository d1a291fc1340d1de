package org.npg4j.mdp;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The linear program over state-action distributions (Puterman 1994, §6.9; Müller and Montúfar, "Geometry and
 * convergence of natural policy gradient methods", 2024):
 * <pre>
 *   maximize   r·d
 *   subject to Σ_a d(s,a) = (1-γ)ρ(s) + γ Σ_{s',a'} P(s|s',a') d(s',a')   for every s   (Bellman flow)
 *              d ≥ 0
 *              c_i·d ≤ b_i                                               for every cost i (CMDP only)
 * </pre>
 * Its feasible set is exactly {d^π : π stationary}, and the optimal policy is recovered as
 * π*(a|s) = d(s,a)/Σ_a' d(s,a') (uniform where d_S(s) = 0). Solved with ojAlgo's simplex; the policy recovered
 * is then evaluated exactly. An infeasible CMDP raises {@link InfeasibleException}.
 *
 * <p>Without constraints, the optimal policy of a finite MDP does not depend on ρ, so the program is solved with
 * ρ' = (ρ + uniform)/2: every state then has d_S(s) > 0 and the recovered policy is optimal in every state, not
 * only in those ρ reaches. With constraints the optimum depends on ρ and the program uses ρ as given. Either way
 * V(ρ) and R are reported for the MDP's own ρ.
 */
public final class LinearProgram {
    static {
        // ojAlgo prints a hardware-profile banner on stdout when it first loads, unless told not to; it would
        // corrupt the CLI's --json output.
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    private LinearProgram() {
    }

    /** No stationary policy satisfies every constraint of the CMDP. */
    public static final class InfeasibleException extends IllegalArgumentException {
        public InfeasibleException(String message) {
            super(message);
        }
    }

    /** Solves the LP with every cost constraint of the MDP (none for an unconstrained MDP). */
    public static Solution solve(FiniteMdp mdp) {
        return solve(mdp, true);
    }

    /** Solves the LP, with or without the cost constraints. */
    public static Solution solve(FiniteMdp mdp, boolean withConstraints) {
        long t0 = System.nanoTime();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        boolean constrained = withConstraints && mdp.isConstrained();
        Variable[] d = flowPolytope(model, mdp, !constrained);
        for (int sa = 0; sa < d.length; sa++) {
            d[sa].weight(mdp.reward(sa / mdp.actions(), sa % mdp.actions()));
        }
        if (constrained) {
            for (int i = 0; i < mdp.costCount(); i++) {
                costExpression(model, mdp, d, i).upper(mdp.cost(i).limit());
            }
        }
        Optimisation.Result result = solved(model, mdp);
        TabularPolicy policy = policyOf(mdp, result::doubleValue);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, policy);
        return new Solution(policy, ev, "lp", 0, (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * A strictly feasible policy of a constrained MDP, with d^π(s,a) &gt; 0 wherever some policy reaches s: the
     * start that safe NPG needs (an interior point of the safe polytope). Two LP facts give it:
     * <ol>
     *   <li>the max-slack program, maximize t subject to the Bellman flow, d ≥ 0 and c_i·d + t ≤ b_i for every i,
     *       has an optimum t* &gt; 0 exactly when the constraints can all hold strictly; its solution d° is a vertex
     *       (many zeros);</li>
     *   <li>the state-action distributions form a convex set, so d = (1-α) d° + α d^unif is again one (of the
     *       policy π(a|s) = d(s,a)/d_S(s)); it is positive where d^unif is, i.e. on every reachable state, and for
     *       α at most half the largest mixing weight that keeps each c_i·d below b_i it is still strictly safe.</li>
     * </ol>
     * α = min(1/2, that half). The result is evaluated exactly and checked.
     *
     * @throws InfeasibleException if no policy satisfies every constraint strictly (t* ≤ 0)
     */
    public static TabularPolicy strictlyFeasiblePolicy(FiniteMdp mdp) {
        if (!mdp.isConstrained()) {
            throw new IllegalArgumentException("a strictly feasible start needs a constrained MDP (no costs given)");
        }
        int pairs = mdp.states() * mdp.actions();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] d = flowPolytope(model, mdp, false);
        Variable slack = model.addVariable("slack").weight(1.0);
        for (int i = 0; i < mdp.costCount(); i++) {
            costExpression(model, mdp, d, i).set(slack, 1.0).upper(mdp.cost(i).limit());
        }
        Optimisation.Result result = solved(model, mdp);
        double best = result.doubleValue(pairs);
        if (!(best > 0)) {
            throw new InfeasibleException("constrained MDP has no strictly feasible policy: the largest common slack "
                    + "min_i (b_i - C_i(pi)) is " + best + " <= 0");
        }
        Evaluation vertex = PolicyEvaluation.evaluate(mdp, policyOf(mdp, result::doubleValue));
        Evaluation uniform = PolicyEvaluation.evaluate(mdp, TabularPolicy.uniform(mdp.states(), mdp.actions()));
        double alpha = 0.5;
        for (int i = 0; i < mdp.costCount(); i++) {
            double limit = mdp.cost(i).limit();
            double atVertex = vertex.costReturn(i);
            double atUniform = uniform.costReturn(i);
            if (atUniform >= limit) {
                // c_i·d((1-x) d° + x d^unif) = limit at x = (limit - C°)/(C^unif - C°).
                alpha = Math.min(alpha, 0.5 * (limit - atVertex) / (atUniform - atVertex));
            }
        }
        double[] dv = vertex.stateActionDistribution();
        double[] du = uniform.stateActionDistribution();
        double[] mix = new double[pairs];
        for (int sa = 0; sa < pairs; sa++) {
            mix[sa] = (1.0 - alpha) * dv[sa] + alpha * du[sa];
        }
        TabularPolicy policy = policyOf(mdp, sa -> mix[sa]);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, policy);
        for (int i = 0; i < mdp.costCount(); i++) {
            if (!(ev.costReturn(i) < mdp.cost(i).limit())) {
                throw new InfeasibleException("constrained MDP: no strictly feasible policy found numerically (C_"
                        + mdp.cost(i).name() + " = " + ev.costReturn(i) + " at limit " + mdp.cost(i).limit()
                        + "; largest common slack " + best + ")");
            }
        }
        return policy;
    }

    /**
     * Adds d ≥ 0 with the Bellman flow Σ_a d(s,a) - γ Σ_{s',a'} P(s|s',a') d(s',a') = (1-γ)ρ(s) to the model; with
     * {@code mixedRho}, ρ' = (ρ + uniform)/2 replaces ρ (see the class comment).
     */
    private static Variable[] flowPolytope(ExpressionsBasedModel model, FiniteMdp mdp, boolean mixedRho) {
        int S = mdp.states();
        int A = mdp.actions();
        double gamma = mdp.gamma();
        Variable[] d = new Variable[S * A];
        for (int sa = 0; sa < d.length; sa++) {
            d[sa] = model.addVariable("d" + sa).lower(0.0);
        }
        Expression[] flow = new Expression[S];
        for (int s = 0; s < S; s++) {
            double rho = mixedRho ? 0.5 * (mdp.initial(s) + 1.0 / S) : mdp.initial(s);
            flow[s] = model.addExpression("flow" + s).level((1.0 - gamma) * rho);
        }
        // Accumulate the coefficients per (row s, column sa).
        double[] coefficient = new double[S];
        int[] touched = new int[S];
        boolean[] seen = new boolean[S];
        for (int sa = 0; sa < d.length; sa++) {
            int count = 0;
            int self = sa / A;
            seen[self] = true;
            touched[count++] = self;
            coefficient[self] = 1.0;
            for (int k = mdp.rowStart(sa), end = mdp.rowStart(sa + 1); k < end; k++) {
                int next = mdp.successor(k);
                if (!seen[next]) {
                    seen[next] = true;
                    touched[count++] = next;
                    coefficient[next] = 0.0;
                }
                coefficient[next] -= gamma * mdp.probability(k);
            }
            for (int i = 0; i < count; i++) {
                int row = touched[i];
                if (coefficient[row] != 0.0) {
                    flow[row].set(d[sa], coefficient[row]);
                }
                seen[row] = false;
            }
        }
        return d;
    }

    /** The expression c_i·d (bounds left to the caller). */
    private static Expression costExpression(ExpressionsBasedModel model, FiniteMdp mdp, Variable[] d, int i) {
        FiniteMdp.Cost c = mdp.cost(i);
        Expression e = model.addExpression("cost" + i);
        for (int sa = 0; sa < d.length; sa++) {
            if (c.value(sa) != 0.0) {
                e.set(d[sa], c.value(sa));
            }
        }
        return e;
    }

    private static Optimisation.Result solved(ExpressionsBasedModel model, FiniteMdp mdp) {
        Optimisation.Result result = model.maximise();
        Optimisation.State state = result.getState();
        if (state == Optimisation.State.INFEASIBLE) {
            throw new InfeasibleException(infeasibleMessage(mdp));
        }
        if (!state.isFeasible()) {
            throw new IllegalStateException("the LP solver ended in state " + state + " on " + mdp);
        }
        return result;
    }

    /** π(a|s) = d(s,a)/Σ_a' d(s,a') from the (clipped at 0) values d(sa), uniform where Σ_a' d(s,a') ≈ 0. */
    private static TabularPolicy policyOf(FiniteMdp mdp, java.util.function.IntToDoubleFunction d) {
        int S = mdp.states();
        int A = mdp.actions();
        double[] pi = new double[S * A];
        for (int s = 0; s < S; s++) {
            double total = 0.0;
            for (int a = 0; a < A; a++) {
                total += Math.max(0.0, d.applyAsDouble(s * A + a));
            }
            for (int a = 0; a < A; a++) {
                pi[s * A + a] = total > 1e-14 ? Math.max(0.0, d.applyAsDouble(s * A + a)) / total : 1.0 / A;
            }
        }
        return TabularPolicy.trusted(S, A, pi);
    }

    private static String infeasibleMessage(FiniteMdp mdp) {
        StringBuilder sb = new StringBuilder("constrained MDP is infeasible: no policy has ");
        for (int i = 0; i < mdp.costCount(); i++) {
            if (i > 0) {
                sb.append(" and ");
            }
            sb.append("C_").append(mdp.cost(i).name()).append("(pi) <= ").append(mdp.cost(i).limit());
        }
        return sb.toString();
    }
}
