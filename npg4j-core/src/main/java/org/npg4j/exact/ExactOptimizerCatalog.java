package org.npg4j.exact;

import static org.npg4j.exact.ExactHyperparameter.Domain.NON_NEGATIVE;
import static org.npg4j.exact.ExactHyperparameter.Domain.OPEN_UNIT_INTERVAL;
import static org.npg4j.exact.ExactHyperparameter.Domain.POSITIVE;
import static org.npg4j.exact.ExactHyperparameter.Domain.POSITIVE_INTEGER;

import java.util.List;

/** The exact optimizers npg4j ships, registered with {@link ExactOptimizers} in the order listings show them. */
final class ExactOptimizerCatalog {
    /**
     * Safe NPG's default step (flow time per iteration). Each step is an exact Bregman proximal step, so iterate k is
     * the central-path point at time h·k: the gap after k steps depends on h·k only, and every h is stable. From the
     * LP's strictly feasible start on constrained Garnets (A = 4, branching 3, cost correlation 0.5, limit 0.5),
     * h = 50 came within 1e-6 of the LP optimum after 27 iterations with 20 states and 85 with 40 states (seed 0);
     * h = 20 needed 63 to 68 with 20 states (seeds 0 to 2) but left 1.4e-6 after 200 with 40 states, h = 5 left
     * 2e-6 to 4e-4 after 200, and h = 0.1 left 0.05.
     */
    static final double SAFE_NPG_STEP = 50.0;

    private ExactOptimizerCatalog() {
    }

    private static ExactHyperparameter eta(double value, String what) {
        return new ExactHyperparameter("eta", value, POSITIVE, what);
    }

    static void registerAll() {
        ExactHyperparameter stepSize = eta(0.1, "step size eta");
        ExactOptimizers.register(new ExactOptimizerSpec("pg", "softmax policy gradient (Lemma 10.2)",
                false, List.of(stepSize), (problem, start, p) -> new SoftmaxPolicyGradient(problem, start, p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("logbarrier", "log-barrier regularized softmax policy gradient",
                false, List.of(stepSize, new ExactHyperparameter("lambda", 0.1, NON_NEGATIVE, "log-barrier weight lambda")),
                (problem, start, p) -> new LogBarrierPolicyGradient(problem, start, p.real("eta"), p.real("lambda"))));
        ExactOptimizers.register(new ExactOptimizerSpec("direct",
                "projected PG on the simplex (direct parameters)", false, List.of(stepSize),
                (problem, start, p) -> new ProjectedPolicyGradient(problem, start, p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("npg",
                "Kakade's NPG, pi <- pi exp(eta A/(1-gamma)) (Lemma 10.6)", false, List.of(stepSize),
                (problem, start, p) -> NaturalPolicyGradient.constant(problem, start, p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("npg-fisher",
                "NPG by the Fisher pseudo-inverse (Lemma 11.2)", false,
                List.of(stepSize), (problem, start, p) -> new FisherNaturalPolicyGradient(problem,
                        LogLinearParameterization.tabular(problem.states(), problem.actions()),
                        PolicyMath.logits(problem.actions(), Hyper.start(problem, start)), p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("npg-geometric",
                "NPG with steps eta_k = eta/gamma^k (linear rate)", false,
                List.of(eta(0.1, "first step size eta_0")),
                (problem, start, p) -> NaturalPolicyGradient.geometric(problem, start, p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("regnpg",
                "entropy-regularized NPG (Cen et al. 2021)", false,
                List.of(stepSize, new ExactHyperparameter("tau", 0.1, POSITIVE, "entropy temperature tau")),
                (problem, start, p) -> {
                    p.requireAtMost("eta", (1.0 - problem.gamma()) / p.real("tau"), "(1-gamma)/tau");
                    return new EntropyRegularizedNpg(problem, start, p.real("eta"), p.real("tau"));
                }));
        ExactOptimizers.register(new ExactOptimizerSpec("regnpg-decaying",
                "entropy-regularized NPG with the decaying temperature tau_k = sqrt(2 delta/(eta k))", false,
                List.of(stepSize, new ExactHyperparameter("delta", 0.0, NON_NEGATIVE,
                        "optimal-action gap the schedule is tuned to (0: the MDP's own)")),
                (problem, start, p) -> EntropyRegularizedNpg.decayingTemperature(problem, start, p.real("eta"),
                        p.real("delta") > 0 ? p.real("delta") : problem.optimalActionGap())));
        ExactOptimizers.register(new ExactOptimizerSpec("trpo",
                "exact TRPO: natural direction, KL ball, backtracking", false, List.of(
                new ExactHyperparameter("max_kl", 0.01, POSITIVE, "trust-region radius on the average KL"),
                new ExactHyperparameter("line_search_shrinking_factor", 0.8, OPEN_UNIT_INTERVAL,
                        "backtracking factor of the line search"),
                new ExactHyperparameter("line_search_max_iter", 10, POSITIVE_INTEGER, "backtracking steps tried")),
                (problem, start, p) -> new ExactTrpo(problem, start, p.real("max_kl"),
                        p.real("line_search_shrinking_factor"), p.integer("line_search_max_iter"))));
        ExactOptimizers.register(new ExactOptimizerSpec("ppo", "exact PPO: clipped surrogate under d^pi_k", false,
                List.of(eta(0.1, "learning rate of each gradient step"),
                        new ExactHyperparameter("clip_range", 0.2, POSITIVE, "clip range epsilon"),
                        new ExactHyperparameter("n_epochs", 10, POSITIVE_INTEGER, "gradient steps per iteration")),
                (problem, start, p) -> new ExactPpo(problem, start, p.real("clip_range"), p.integer("n_epochs"),
                        p.real("eta"))));
        ExactHyperparameter timeStep = eta(0.1, "time step of the flow (RK4)");
        ExactOptimizers.register(new ExactOptimizerSpec("flow-kakade",
                "Hessian flow of -H_{A|S} on d (Kakade's NPG flow)", false, List.of(timeStep),
                (problem, start, p) -> new HessianFlow(problem, start, HessianFlow.Geometry.CONDITIONAL_ENTROPY,
                        p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("flow-entropy",
                "Hessian flow of -H on d (state-action NPG)", false, List.of(timeStep),
                (problem, start, p) -> new HessianFlow(problem, start, HessianFlow.Geometry.ENTROPY, p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("safe-npg",
                "exact safe NPG: barrier geometry, stays strictly safe", true,
                List.of(eta(SAFE_NPG_STEP, "step: flow time per proximal iteration"),
                        new ExactHyperparameter("beta", 0.01, POSITIVE, "barrier weight beta")),
                (problem, start, p) -> new SafeNaturalPolicyGradient(problem, start, p.real("beta"), p.real("eta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("ctrpo",
                "exact C-TRPO (Milosevic et al. 2025): TRPO in the safe trust region KL + beta phi, recovery steps", true,
                List.of(new ExactHyperparameter("max_kl", 0.01, POSITIVE, "trust-region radius delta"),
                        new ExactHyperparameter("beta", 1.0, NON_NEGATIVE, "weight beta of the slack divergence")),
                (problem, start, p) -> new ExactCTrpo(problem, start, p.real("max_kl"), p.real("beta"))));
        ExactOptimizers.register(new ExactOptimizerSpec("c3po",
                "exact C3PO (Milosevic et al. 2025): NPG step on the return minus kappa ReLU(C - b)", true,
                List.of(stepSize, new ExactHyperparameter("kappa", 10.0, NON_NEGATIVE, "penalty weight kappa")),
                (problem, start, p) -> new ExactC3po(problem, start, p.real("eta"), p.real("kappa"))));
        ExactOptimizers.register(new ExactOptimizerSpec("lagrangian-npg",
                "primal-dual NPG (Ding et al. 2020), may violate in transit", true,
                List.of(stepSize, new ExactHyperparameter("eta_lambda", 1.0, POSITIVE, "multiplier step size")),
                (problem, start, p) -> new LagrangianNpg(problem, start, p.real("eta"), p.real("eta_lambda"))));
    }
}
