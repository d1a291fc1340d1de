package org.npg4j.env;

import java.util.Set;
import org.npg4j.mdp.ConstrainedGarnet;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Gridworld;

/**
 * Registers the constrained envs of the safe-RL suite. Each reports a per-step cost vector in
 * {@link StepResult#costs()}; the per-episode undiscounted cost sums are accumulated by
 * {@link RecordEpisodeStatistics} (Safety-Gymnasium's convention, whose per-episode limit is 25 for PointGoal). The
 * limit itself is a training setting ({@code cost_limit}), not part of the env, except for the finite CMDPs, whose
 * {@link FiniteMdp.Cost#limit()} bounds the normalized discounted cost C(π) = c·d^π of the exact lab.
 */
final class SafetyEnvs {
    /** The time limit of the finite-CMDP envs (γ = 0.95 and 0.9 leave γ^100 below 0.6%). */
    static final int FINITE_HORIZON = 100;
    /** The default limit of {@link #CONSTRAINED_GARNET} on C(π) = c·d^π. */
    static final double DEFAULT_GARNET_LIMIT = 0.5;

    private SafetyEnvs() {
    }

    static void registerAll() {
        Envs.register(new EnvSpec(CartPoleSafe.ID,
                "CartPole-v1 plus cost 1 per step with |x| > x_safe (default 1.0) (Discrete(2), 1 cost)", 500,
                Set.of("x_safe"), (k, steps) -> new CartPoleSafe(steps, k.getDouble("x_safe", 1.0))));
        Envs.register(new EnvSpec(CartPoleSafe.TWO_COSTS_ID,
                "CartPoleSafe-v0 with a second cost: 1 per step with |x| > x_safe (default 1.0) and 1 per step with "
                        + "pole angle |theta| > theta_safe (default 0.05 rad) (Discrete(2), 2 costs)", 500,
                Set.of("x_safe", "theta_safe"), (k, steps) -> new CartPoleSafe(steps, k.getDouble("x_safe", 1.0),
                        k.getDouble("theta_safe", CartPoleSafe.DEFAULT_THETA_SAFE))));
        Envs.register(new EnvSpec(PointCircle.ID,
                "point mass rewarded for running along a circle, cost 1 per step with |x| > x_lim (Box(-1, 1, (2,)), "
                        + "1 cost)", PointCircle.DEFAULT_STEPS, Set.of("radius", "x_lim"),
                (k, steps) -> new PointCircle(steps, k.getDouble("radius", PointCircle.DEFAULT_RADIUS),
                        k.getDouble("x_lim", PointCircle.DEFAULT_X_LIM))));
        Envs.register(new EnvSpec(PointGoal.ID,
                "point robot reaching respawning goals among 8 hazards, cost 1 per step inside one (Box(-1, 1, (2,)), "
                        + "1 cost)", PointGoal.DEFAULT_STEPS, Set.of("hazards_num", "hazard_size", "goal_size"),
                (k, steps) -> new PointGoal(steps, k.getInt("hazards_num", PointGoal.DEFAULT_HAZARDS),
                        k.getDouble("hazard_size", PointGoal.DEFAULT_HAZARD_SIZE),
                        k.getDouble("goal_size", PointGoal.DEFAULT_GOAL_SIZE))));
        Envs.register(new EnvSpec(HAZARD_GRID,
                "5x5 gridworld with slip, goal, trap and hazard cells costing 1 per step (Discrete(4), one-hot, 1 cost)",
                FINITE_HORIZON, Set.of("slip", "gamma", "cost_limit"),
                (k, steps) -> new FiniteMdpEnv(HAZARD_GRID, hazardGrid(k), FiniteMdpEnv.ObservationMode.ONE_HOT,
                        steps)));
        Envs.register(new EnvSpec(CONSTRAINED_GARNET,
                "random Garnet CMDP with one cost correlated with the reward (Discrete(actions), one-hot, 1 cost)",
                FINITE_HORIZON, GARNET_KWARGS,
                (k, steps) -> new FiniteMdpEnv(CONSTRAINED_GARNET, constrainedGarnet(k).generate(),
                        FiniteMdpEnv.ObservationMode.ONE_HOT, steps)));
    }

    /** The id of the gridworld-with-hazards CMDP env. */
    static final String HAZARD_GRID = "HazardGrid-v0";
    /** The id of the random constrained Garnet env. */
    static final String CONSTRAINED_GARNET = "ConstrainedGarnet-v0";

    /** The kwargs of {@link #CONSTRAINED_GARNET}. */
    static final Set<String> GARNET_KWARGS =
            Set.of("states", "actions", "branching", "gamma", "seed", "cost_correlation", "cost_limit");

    /**
     * The {@link ConstrainedGarnet} of the kwargs; defaults: 20 states, 4 actions, branching 3, γ = 0.9, seed 0,
     * cost_correlation 0.5, cost_limit DEFAULT_GARNET_LIMIT.
     */
    static ConstrainedGarnet constrainedGarnet(Kwargs k) {
        return new ConstrainedGarnet(k.getInt("states", 20), k.getInt("actions", 4), k.getInt("branching", 3),
                k.getDouble("gamma", 0.9), k.getDouble("cost_correlation", 0.5),
                k.getDouble("cost_limit", DEFAULT_GARNET_LIMIT), k.getInt("seed", 0));
    }

    /** {@link Gridworld#DEFAULT_LAYOUT} with hazard costs: slip 0.1, γ = 0.95, limit 0.1 on c·d^π by default. */
    static FiniteMdp hazardGrid(Kwargs k) {
        return Gridworld.defaults().withSlip(k.getDouble("slip", 0.1)).withGamma(k.getDouble("gamma", 0.95))
                .withHazards(true, k.getDouble("cost_limit", 0.1)).generate();
    }
}
