package org.npg4j.exact;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * State-action natural policy gradient: the Hessian gradient flow of R(d) = r·d on the state-action polytope
 * D_μ = {d ≥ 0 : E d = (1-γ)μ}, E_{s',(s,a)} = 1[s'=s] - γ P(s'|s,a) (the Bellman flow constraints):
 * <pre>  ∂_t d = ∇²φ(d)^{-1} r  restricted to the affine hull, i.e.  ḋ = v  with  ∇²φ(d) v + Eᵀλ = r,  E v = 0,</pre>
 * solved as one dense KKT system (EJML LU) per evaluation of the vector field. Two geometries:
 * <ul>
 *   <li>{@link Geometry#CONDITIONAL_ENTROPY}, φ = -H_{A|S}(d) = Σ d(s,a) log(d(s,a)/d_S(s)), Hessian
 *       diag(1/d) - ⊕_s 11ᵀ/d_S(s): by Müller and Montúfar ("Geometry and convergence of natural policy
 *       gradient methods", 2024; docs/theory.md row 32) this is Kakade's NPG flow
 *       θ̇ = F^†∇R, whose discrete steps of size η advance the flow by η/(1-γ);</li>
 *   <li>{@link Geometry#ENTROPY}, φ = -H(d) = Σ d log d, Hessian diag(1/d): the state-action NPG.</li>
 * </ul>
 * The Hessian of -H_{A|S} is singular along d within each state but positive definite on the tangent space
 * {E v = 0}, so the KKT system is regular. ODE scheme: classical fourth-order Runge-Kutta with fixed time step h
 * (each stage's velocity lies in ker E, so every iterate stays exactly on the affine hull up to rounding). The
 * policy is read off as π(a|s) = d(s,a)/d_S(s). Reports ||∇_θ V(μ)|| of the softmax policy and h.
 */
public final class HessianFlow implements ExactOptimizer {
    /** The mirror map φ whose Hessian is the metric. */
    public enum Geometry {
        /** φ = -H_{A|S}: Kakade's NPG. */
        CONDITIONAL_ENTROPY,
        /** φ = -H: the state-action NPG. */
        ENTROPY
    }

    private final Geometry geometry;
    private final int states;
    private final int actions;
    private final int pairs;
    private final double h;
    private final double[] r;
    private final DMatrixRMaj constraints;
    private final double[] d;
    private final double[] grad;
    private final LinearSolverDense<DMatrixRMaj> lu;
    private final DMatrixRMaj kkt;
    private final DMatrixRMaj rhs;
    private final DMatrixRMaj solution;
    private double time;

    /** Starts at d^{π_0} under μ with time step h. */
    public HessianFlow(ExactProblem problem, TabularPolicy start, Geometry geometry, double h) {
        this.geometry = geometry;
        this.states = problem.states();
        this.actions = problem.actions();
        this.pairs = states * actions;
        this.h = Hyper.positive("time_step", h);
        FiniteMdp mdp = problem.optimizationMdp();
        this.r = mdp.rewards();
        double[] pi0 = Hyper.start(problem, start);
        this.d = problem.evaluateUnderMu(pi0, null, null).stateActionDistribution();
        for (int sa = 0; sa < pairs; sa++) {
            if (!(d[sa] > 0)) {
                throw new IllegalArgumentException("the flow needs d(s,a) > 0 at the start, but d(s=" + sa / actions
                        + ", a=" + sa % actions + ") = " + d[sa] + "; use a start policy > 0 and a mu reaching every state");
            }
        }
        this.constraints = new DMatrixRMaj(states, pairs);
        double gamma = mdp.gamma();
        for (int sa = 0; sa < pairs; sa++) {
            constraints.add(sa / actions, sa, 1.0);
            for (int k = mdp.rowStart(sa), end = mdp.rowStart(sa + 1); k < end; k++) {
                constraints.add(mdp.successor(k), sa, -gamma * mdp.probability(k));
            }
        }
        this.grad = new double[pairs];
        int n = pairs + states;
        this.lu = LinearSolverFactory_DDRM.lu(n);
        this.kkt = new DMatrixRMaj(n, n);
        this.rhs = new DMatrixRMaj(n, 1);
        this.solution = new DMatrixRMaj(n, 1);
    }

    @Override
    public String name() {
        return geometry == Geometry.CONDITIONAL_ENTROPY ? "flow-kakade" : "flow-entropy";
    }

    @Override
    public double[] policy() {
        double[] pi = new double[pairs];
        for (int s = 0; s < states; s++) {
            double total = 0.0;
            for (int a = 0; a < actions; a++) {
                total += d[s * actions + a];
            }
            for (int a = 0; a < actions; a++) {
                pi[s * actions + a] = d[s * actions + a] / total;
            }
        }
        return pi;
    }

    /** The current state-action distribution d(t), a copy. */
    public double[] stateActionDistribution() {
        return d.clone();
    }

    /** The flow time t reached. */
    public double time() {
        return time;
    }

    @Override
    public StepReport step(Evaluation current) {
        PolicyGradients.softmax(current, grad);
        double[] k1 = velocity(d);
        double[] k2 = velocity(axpy(d, 0.5 * h, k1));
        double[] k3 = velocity(axpy(d, 0.5 * h, k2));
        double[] k4 = velocity(axpy(d, h, k3));
        for (int i = 0; i < pairs; i++) {
            d[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        }
        time += h;
        return new StepReport(PolicyMath.norm(grad), h);
    }

    private static double[] axpy(double[] x, double alpha, double[] y) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + alpha * y[i];
        }
        return out;
    }

    /** The vector field: v with ∇²φ(x) v + Eᵀλ = r and E v = 0. */
    double[] velocity(double[] x) {
        kkt.zero();
        for (int sa = 0; sa < pairs; sa++) {
            kkt.unsafe_set(sa, sa, 1.0 / x[sa]);
        }
        if (geometry == Geometry.CONDITIONAL_ENTROPY) {
            for (int s = 0; s < states; s++) {
                double ds = 0.0;
                for (int a = 0; a < actions; a++) {
                    ds += x[s * actions + a];
                }
                for (int a = 0; a < actions; a++) {
                    for (int b = 0; b < actions; b++) {
                        kkt.add(s * actions + a, s * actions + b, -1.0 / ds);
                    }
                }
            }
        }
        for (int s = 0; s < states; s++) {
            for (int sa = 0; sa < pairs; sa++) {
                double e = constraints.unsafe_get(s, sa);
                kkt.unsafe_set(pairs + s, sa, e);
                kkt.unsafe_set(sa, pairs + s, e);
            }
        }
        for (int sa = 0; sa < pairs; sa++) {
            rhs.unsafe_set(sa, 0, r[sa]);
        }
        for (int s = 0; s < states; s++) {
            rhs.unsafe_set(pairs + s, 0, 0.0);
        }
        if (!lu.setA(kkt)) {
            throw new IllegalStateException("the KKT system of the Hessian flow is singular at t = " + time);
        }
        lu.solve(rhs, solution);
        double[] v = new double[pairs];
        for (int sa = 0; sa < pairs; sa++) {
            v[sa] = solution.unsafe_get(sa, 0);
        }
        return v;
    }
}
