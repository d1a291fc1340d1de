package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;

/**
 * The entropy-regularized LP over state-action distributions (Müller and Montúfar, "Geometry and convergence of
 * natural policy gradient methods", the regularized linear program; Neu, Jonsson, Gómez 2017, "A unified view of
 * entropy-regularized Markov decision processes"):
 * <pre>  max_d  r·d + τ H_{A|S}(d)   subject to  d ≥ 0,  E d = (1-γ)ρ,</pre>
 * H_{A|S}(d) = -Σ d(s,a) log(d(s,a)/d_S(s)), is solved by the state-action distribution of soft value iteration's
 * π*_τ. Checked without soft VI's own reasoning: the objective is concave and π*_τ > 0 puts d in the interior, so d is
 * the global maximizer iff the gradient r - τ log π(a|s) lies in the row space of E (a multiplier λ ∈ R^S with
 * r(s,a) - τ log π(a|s) = λ(s) - γ Σ_{s'} P(s'|s,a) λ(s')), found here by least squares; and no random policy's d
 * does better. Also H_{A|S}(d) = H(d) - H(d_S), and the optimum equals (1-γ) ρ·V_τ.
 */
class EntropyRegularizedLpTest {
    static double objective(FiniteMdp mdp, Evaluation ev, double tau) {
        int A = mdp.actions();
        double value = 0;
        for (int sa = 0; sa < mdp.pairs(); sa++) {
            double d = ev.d(sa / A, sa % A);
            value += mdp.reward(sa / A, sa % A) * d;
            if (d > 0) {
                value -= tau * d * Math.log(d / ev.stateDistribution(sa / A));
            }
        }
        return value;
    }

    static double shannon(double[] p) {
        double h = 0;
        for (double x : p) {
            h -= x > 0 ? x * Math.log(x) : 0;
        }
        return h;
    }

    @Test
    void softOptimumSatisfiesTheKktConditionsOfTheRegularizedLp() {
        for (long seed = 1; seed <= 6; seed++) {
            FiniteMdp mdp = Garnet.of(5 + (int) seed, 3, 3, seed).generate();
            int S = mdp.states();
            int A = mdp.actions();
            double tau = 0.05 * seed;
            SoftValueIteration.Result soft = SoftValueIteration.entropy(mdp, tau, 1e-13);
            double[] pi = soft.policy().probabilities();
            Evaluation ev = PolicyEvaluation.of(1e-13, PolicyEvaluation.Method.DIRECT).run(mdp, pi, null);
            // Least squares for λ: (Eᵀ λ)(s,a) = λ(s) - γ Σ P(s'|s,a) λ(s') against g(s,a) = r(s,a) - τ log π(a|s).
            DMatrixRMaj et = new DMatrixRMaj(S * A, S);
            DMatrixRMaj g = new DMatrixRMaj(S * A, 1);
            for (int s = 0; s < S; s++) {
                for (int a = 0; a < A; a++) {
                    int sa = s * A + a;
                    et.add(sa, s, 1.0);
                    for (int next = 0; next < S; next++) {
                        et.add(sa, next, -mdp.gamma() * mdp.transition(s, a, next));
                    }
                    g.set(sa, 0, mdp.reward(s, a) - tau * Math.log(pi[sa]));
                }
            }
            LinearSolverDense<DMatrixRMaj> ls = LinearSolverFactory_DDRM.leastSquares(S * A, S);
            assertTrue(ls.setA(et.copy()));
            DMatrixRMaj lambda = new DMatrixRMaj(S, 1);
            ls.solve(g, lambda);
            DMatrixRMaj residual = new DMatrixRMaj(S * A, 1);
            CommonOps_DDRM.mult(et, lambda, residual);
            CommonOps_DDRM.subtractEquals(residual, g);
            assertTrue(CommonOps_DDRM.elementMaxAbs(residual) < 1e-9, "seed " + seed + ": KKT residual "
                    + CommonOps_DDRM.elementMaxAbs(residual));
            double best = objective(mdp, ev, tau);
            double rhoV = 0;
            for (int s = 0; s < S; s++) {
                rhoV += mdp.initial(s) * soft.softValue()[s];
            }
            assertEquals((1 - mdp.gamma()) * rhoV, best, 1e-9, "seed " + seed + ": optimum vs (1-gamma) rho.V_tau");
            // H_{A|S}(d) = H(d) - H(d_S).
            double conditional = 0;
            for (int sa = 0; sa < S * A; sa++) {
                double d = ev.d(sa / A, sa % A);
                conditional -= d * Math.log(d / ev.stateDistribution(sa / A));
            }
            assertEquals(shannon(ev.stateActionDistribution()) - shannon(ev.stateDistribution()), conditional, 1e-12);
            SplittableRandom rng = new SplittableRandom(seed);
            for (int trial = 0; trial < 100; trial++) {
                double[] theta = new double[S * A];
                for (int i = 0; i < theta.length; i++) {
                    theta[i] = 2 * rng.nextGaussian();
                }
                TabularPolicy other = TabularPolicy.softmax(S, A, theta);
                double value = objective(mdp, PolicyEvaluation.evaluate(mdp, other), tau);
                assertTrue(value <= best + 1e-12, "seed " + seed + ": a random policy beats the optimum, " + value);
            }
        }
    }
}
