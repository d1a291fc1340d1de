package org.npg4j.exact;

import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * Primal-dual (Lagrangian) NPG for constrained MDPs, the baseline that safe NPG is compared with: an NPG step on the
 * Lagrangian's advantage, then projected gradient ascent of the multipliers on the constraint violation,
 * <pre>
 *   π_{k+1}(a|s) ∝ π_k(a|s) exp(η (A_r(s,a) - Σ_i λ_i A_{c_i}(s,a)) / (1-γ))
 *   λ_i ← max(0, λ_i + η_λ (C_i(π_k) - b_i))
 * </pre>
 * (Ding, Zhang, Basar, Jovanovic 2020). The multipliers react to a violation only after it happens, so the iterates
 * can leave the safe set in transit. Needs μ = ρ.
 */
public final class LagrangianNpg implements ExactOptimizer {
    private final int states;
    private final int actions;
    private final double gamma;
    private final double eta;
    private final double etaLambda;
    private final double[] limits;
    private final double[] lambda;
    private final double[] theta;
    private final double[] pi;

    public LagrangianNpg(ExactProblem problem, TabularPolicy start, double eta, double etaLambda) {
        FiniteMdp mdp = problem.mdp();
        if (!problem.optimizesRho()) {
            throw new IllegalArgumentException("Lagrangian NPG needs mu = rho: the constraints are defined under rho");
        }
        this.states = mdp.states();
        this.actions = mdp.actions();
        this.gamma = mdp.gamma();
        this.eta = Hyper.positive("eta", eta);
        this.etaLambda = Hyper.positive("eta_lambda", etaLambda);
        this.limits = new double[mdp.costCount()];
        for (int i = 0; i < limits.length; i++) {
            limits[i] = mdp.cost(i).limit();
        }
        this.lambda = new double[limits.length];
        this.pi = Hyper.start(problem, start);
        this.theta = PolicyMath.logits(actions, pi);
    }

    @Override
    public String name() {
        return "lagrangian-npg";
    }

    @Override
    public double[] policy() {
        return pi.clone();
    }

    /** The current multipliers λ (a copy). */
    public double[] multipliers() {
        return lambda.clone();
    }

    @Override
    public StepReport step(Evaluation current) {
        double norm = 0.0;
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                double adv = current.advantage(s, a);
                for (int i = 0; i < lambda.length; i++) {
                    adv -= lambda[i] * (current.costQ(i, s, a) - current.costValue(i, s));
                }
                norm += adv * adv;
                theta[s * actions + a] += eta * adv / (1.0 - gamma);
            }
        }
        PolicyMath.normalizeLogits(states, actions, theta);
        PolicyMath.softmax(states, actions, theta, pi);
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = Math.max(0.0, lambda[i] + etaLambda * (current.costReturn(i) - limits[i]));
        }
        return new StepReport(Math.sqrt(norm), eta);
    }
}
