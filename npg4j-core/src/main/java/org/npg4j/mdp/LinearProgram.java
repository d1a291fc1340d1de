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
        int S = mdp.states();
        int A = mdp.actions();
        double gamma = mdp.gamma();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] d = new Variable[S * A];
        for (int sa = 0; sa < d.length; sa++) {
            d[sa] = model.addVariable("d" + sa).lower(0.0).weight(mdp.reward(sa / A, sa % A));
        }
        Expression[] flow = new Expression[S];
        boolean constrained = withConstraints && mdp.isConstrained();
        for (int s = 0; s < S; s++) {
            double rho = constrained ? mdp.initial(s) : 0.5 * (mdp.initial(s) + 1.0 / S);
            flow[s] = model.addExpression("flow" + s).level((1.0 - gamma) * rho);
        }
        // Σ_a d(s,a) - γ Σ_{s',a'} P(s|s',a') d(s',a') = (1-γ)ρ(s): accumulate coefficients per (row s, column sa).
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
        if (constrained) {
            for (int i = 0; i < mdp.costCount(); i++) {
                FiniteMdp.Cost c = mdp.cost(i);
                Expression e = model.addExpression("cost" + i).upper(c.limit());
                for (int sa = 0; sa < d.length; sa++) {
                    if (c.value(sa) != 0.0) {
                        e.set(d[sa], c.value(sa));
                    }
                }
            }
        }
        Optimisation.Result result = model.maximise();
        Optimisation.State state = result.getState();
        if (state == Optimisation.State.INFEASIBLE) {
            throw new InfeasibleException(infeasibleMessage(mdp));
        }
        if (!state.isFeasible()) {
            throw new IllegalStateException("the LP solver ended in state " + state + " on " + mdp);
        }
        double[] pi = new double[S * A];
        for (int s = 0; s < S; s++) {
            double total = 0.0;
            for (int a = 0; a < A; a++) {
                total += Math.max(0.0, result.doubleValue(s * A + a));
            }
            for (int a = 0; a < A; a++) {
                pi[s * A + a] = total > 1e-14 ? Math.max(0.0, result.doubleValue(s * A + a)) / total : 1.0 / A;
            }
        }
        TabularPolicy policy = TabularPolicy.trusted(S, A, pi);
        Evaluation ev = PolicyEvaluation.evaluate(mdp, policy);
        return new Solution(policy, ev, "lp", 0, (System.nanoTime() - t0) * 1e-9);
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
