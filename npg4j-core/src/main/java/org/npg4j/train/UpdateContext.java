package org.npg4j.train;

import org.npg4j.env.VectorEnv;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Architecture;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.RolloutConfig;

/**
 * What an algorithm's update is built from, besides its config record: the policy it trains, the rollout settings,
 * the training envs (for their spaces and cost signals), the network architecture (cost critics take the critic's
 * shape) and the component seeds.
 *
 * @param algorithm    the algorithm's registry name (for messages)
 * @param policy       the policy being trained
 * @param rollout      the collection settings
 * @param env          the training envs
 * @param envId        the env's id (for messages)
 * @param architecture the policy's architecture
 * @param seeds        the component seeds of the run
 */
public record UpdateContext(String algorithm, ActorCriticPolicy policy, RolloutConfig rollout, VectorEnv env,
                            String envId, Architecture architecture, RunSeeds seeds) {
    /** The seed of the update's minibatch shuffling. */
    public long shuffleSeed() {
        return seeds.minibatchShuffling();
    }

    /** The seed of the cost critics' minibatch shuffling. */
    public long costShuffleSeed() {
        return seeds.costShuffling();
    }

    /**
     * Cost critics for the env's cost signals, shaped and initialized as the reward critic ({@code vf} layers,
     * activation, {@code ortho_init}), from a seed derived from the policy's.
     */
    public CostCritic costCritic() {
        return new CostCritic(env.singleObservationSpace().dim(), env.costCount(), architecture.vf(),
                architecture.activation(), architecture.orthoInit(), seeds.costCriticInit());
    }

    /** One limit per cost signal of the env: a single limit applies to every constraint. */
    public double[] costLimits(double[] limits) {
        return CostLimits.forCosts(limits, env.costCount(), envId);
    }
}
