package org.npg4j.exact;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * Exact safe NPG for constrained MDPs: natural policy ascent in the safe geometry of Milosevic, Müller, Scherf
 * ("Embedding safety into RL: a new take on trust region methods", ICML 2025),
 * φ_C(d) = -H_{A|S}(d) + β Σ_i ψ(b_i - c_i·d) with ψ(x) = x ln x, i.e. Kakade's metric plus β Σ_i c_i c_iᵀ /
 * (b_i - c_i·d), which blows up as a constraint tightens.
 *
 * <p><b>Discretization.</b> Each iteration is a Bregman proximal (mirror) step of size h on the polytope,
 * <pre>  z_{k+1} = argmax_z { h r·d - D_φ(z, z_k) }  subject to  E d = (1-γ)ρ,  c_i·d + σ_i = b_i,</pre>
 * over z = (d, σ), where the slacks σ_i are variables of their own (φ = Σ d log(d/d_S) + β Σ σ log σ). It is the
 * implicit discretization of the flow ∂_t ∇φ(z) = r (projected), unconditionally stable, and every iterate is the
 * minimizer of a function with barriers at d = 0 and σ = 0, hence strictly inside: the iterates stay safe (the
 * safety theorem for the flow, docs/theory.md row 43, here exact for the discrete steps), and converge to the constrained optimum
 * (docs/theory.md row 44). Storing σ instead of computing b - c·d keeps the safety margin exact even when it is 1e-200:
 * with a small β the iterates reach the boundary at an exponential rate (the slack decays like exp(-t k/β)).
 * Each step solves its optimality condition ∇φ(z') = ∇φ(z_k) + h(r, 0) - Aᵀλ by Newton's method on the KKT system
 * (EJML LU), damped to stay positive. The policy is π(a|s) = d(s,a)/d_S(s). Needs μ = ρ.
 */
public final class SafeNaturalPolicyGradient implements ExactOptimizer {
    private static final int MAX_NEWTON = 100;
    /**
     * Coordinates (d or σ) that the iteration drives towards 0 stop at this floor instead of underflowing to 0 (log 0
     * would end the iteration); a coordinate at 1e-250 is zero for every reported quantity, and σ ≥ 1e-250 keeps
     * the iterate strictly safe.
     */
    static final double FLOOR = 1e-250;

    private final int states;
    private final int actions;
    private final int pairs;
    private final int m;
    private final int n;
    private final double beta;
    private final double h;
    private final double[] r;
    private final DMatrixRMaj a;
    private final double[] z;
    private final LinearSolverDense<DMatrixRMaj> lu;
    private final DMatrixRMaj kkt;
    private final DMatrixRMaj rhs;
    private final DMatrixRMaj sol;
    private int newtonIterations;

    /**
     * @param beta barrier weight β > 0
     * @param h    step (flow time per iteration) > 0
     */
    public SafeNaturalPolicyGradient(ExactProblem problem, TabularPolicy start, double beta, double h) {
        FiniteMdp mdp = problem.mdp();
        if (!problem.optimizesRho()) {
            throw new IllegalArgumentException("safe NPG needs mu = rho: the constraints C_i = c_i.d are defined under rho");
        }
        if (mdp.costCount() == 0) {
            throw new IllegalArgumentException("safe NPG needs a constrained MDP (no costs given)");
        }
        this.beta = Hyper.positive("beta", beta);
        this.h = Hyper.positive("eta", h);
        this.states = mdp.states();
        this.actions = mdp.actions();
        this.pairs = states * actions;
        this.m = mdp.costCount();
        this.n = pairs + m;
        this.r = mdp.rewards();
        double[] pi0 = Hyper.start(problem, start);
        double[] d0 = problem.evaluate(pi0, null).stateActionDistribution();
        this.z = new double[n];
        System.arraycopy(d0, 0, z, 0, pairs);
        for (int sa = 0; sa < pairs; sa++) {
            if (!(d0[sa] > 0)) {
                throw new IllegalArgumentException("safe NPG needs d(s,a) > 0 at the start, but d(s=" + sa / actions
                        + ", a=" + sa % actions + ") = " + d0[sa] + "; use a start policy > 0 and a rho reaching every state");
            }
        }
        int rows = states + m;
        this.a = new DMatrixRMaj(rows, n);
        double gamma = mdp.gamma();
        for (int sa = 0; sa < pairs; sa++) {
            a.add(sa / actions, sa, 1.0);
            for (int k = mdp.rowStart(sa), end = mdp.rowStart(sa + 1); k < end; k++) {
                a.add(mdp.successor(k), sa, -gamma * mdp.probability(k));
            }
        }
        for (int i = 0; i < m; i++) {
            double[] c = mdp.cost(i).values();
            double used = 0.0;
            for (int sa = 0; sa < pairs; sa++) {
                a.set(states + i, sa, c[sa]);
                used += c[sa] * d0[sa];
            }
            a.set(states + i, pairs + i, 1.0);
            double slack = mdp.cost(i).limit() - used;
            if (!(slack > 0)) {
                throw new IllegalArgumentException("safe NPG must start strictly safe, but C_" + mdp.cost(i).name()
                        + "(pi_0) = " + used + " >= limit " + mdp.cost(i).limit()
                        + "; LinearProgram.strictlyFeasiblePolicy (npg4j exact --start feasible) finds a safe start");
            }
            z[pairs + i] = slack;
        }
        int size = n + rows;
        this.lu = LinearSolverFactory_DDRM.lu(size);
        this.kkt = new DMatrixRMaj(size, size);
        this.rhs = new DMatrixRMaj(size, 1);
        this.sol = new DMatrixRMaj(size, 1);
    }

    @Override
    public String name() {
        return "safe-npg";
    }

    @Override
    public double[] policy() {
        double[] pi = new double[pairs];
        for (int s = 0; s < states; s++) {
            double total = 0.0;
            for (int k = 0; k < actions; k++) {
                total += z[s * actions + k];
            }
            for (int k = 0; k < actions; k++) {
                pi[s * actions + k] = z[s * actions + k] / total;
            }
        }
        return pi;
    }

    /** The slacks σ_i = b_i - C_i of the current iterate, kept exactly (a copy). */
    public double[] slacks() {
        double[] s = new double[m];
        System.arraycopy(z, pairs, s, 0, m);
        return s;
    }

    /** Total Newton iterations so far. */
    public int newtonIterations() {
        return newtonIterations;
    }

    @Override
    public StepReport step(Evaluation current) {
        double[] target = mirror(z);
        for (int sa = 0; sa < pairs; sa++) {
            target[sa] += h * r[sa];
        }
        double[] x = z.clone();
        double previousChange = Double.POSITIVE_INFINITY;
        for (int it = 0; it < MAX_NEWTON; it++) {
            newtonIterations++;
            double[] grad = mirror(x);
            assemble(x);
            for (int i = 0; i < n; i++) {
                rhs.unsafe_set(i, 0, target[i] - grad[i]);
            }
            for (int i = n; i < rhs.numRows; i++) {
                rhs.unsafe_set(i, 0, 0.0);
            }
            if (!lu.setA(kkt)) {
                throw new IllegalStateException("safe NPG: singular KKT system");
            }
            lu.solve(rhs, sol);
            // Damped step: the largest α ≤ 1 keeping every coordinate above a tenth of its value; coordinates
            // already at the floor and still pushed down stay there and do not limit the step.
            double alpha = 1.0;
            double change = 0.0;
            for (int i = 0; i < n; i++) {
                double dx = sol.unsafe_get(i, 0);
                if (x[i] <= FLOOR && dx < 0) {
                    continue;
                }
                if (dx < 0) {
                    alpha = Math.min(alpha, 0.9 * x[i] / -dx);
                }
                change = Math.max(change, Math.abs(dx) / x[i]);
            }
            for (int i = 0; i < n; i++) {
                x[i] = Math.max(FLOOR, x[i] + alpha * sol.unsafe_get(i, 0));
            }
            // Converged: the relative change is below 1e-13, or, once it is below 1e-8 (past the quadratic phase), it
            // has stopped shrinking: rounding in the KKT solve puts a floor of 1e-12 to 1e-10 under the relative change
            // of small coordinates, and waiting for 1e-13 there ran every step to MAX_NEWTON.
            if (alpha == 1.0 && (change < 1e-13 || (change < 1e-8 && change >= 0.5 * previousChange))) {
                break;
            }
            previousChange = alpha == 1.0 ? change : Double.POSITIVE_INFINITY;
        }
        double norm = 0.0;
        for (int sa = 0; sa < pairs; sa++) {
            norm += (x[sa] - z[sa]) * (x[sa] - z[sa]);
        }
        System.arraycopy(x, 0, z, 0, n);
        return new StepReport(Math.sqrt(norm) / h, h);
    }

    /** ∇φ(z): log(d(s,a)/d_S(s)) on d, β(1 + log σ_i) on the slacks. */
    private double[] mirror(double[] x) {
        double[] g = new double[n];
        for (int s = 0; s < states; s++) {
            double ds = 0.0;
            for (int k = 0; k < actions; k++) {
                ds += x[s * actions + k];
            }
            for (int k = 0; k < actions; k++) {
                g[s * actions + k] = Math.log(x[s * actions + k] / ds);
            }
        }
        for (int i = 0; i < m; i++) {
            g[pairs + i] = beta * (1.0 + Math.log(x[pairs + i]));
        }
        return g;
    }

    /** The KKT matrix [∇²φ(x) Aᵀ; A 0]. */
    private void assemble(double[] x) {
        kkt.zero();
        for (int sa = 0; sa < pairs; sa++) {
            kkt.unsafe_set(sa, sa, 1.0 / x[sa]);
        }
        for (int s = 0; s < states; s++) {
            double ds = 0.0;
            for (int k = 0; k < actions; k++) {
                ds += x[s * actions + k];
            }
            for (int p = 0; p < actions; p++) {
                for (int q = 0; q < actions; q++) {
                    kkt.add(s * actions + p, s * actions + q, -1.0 / ds);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            kkt.unsafe_set(pairs + i, pairs + i, beta / x[pairs + i]);
        }
        for (int row = 0; row < a.numRows; row++) {
            for (int col = 0; col < n; col++) {
                double e = a.unsafe_get(row, col);
                kkt.unsafe_set(n + row, col, e);
                kkt.unsafe_set(col, n + row, e);
            }
        }
    }
}
