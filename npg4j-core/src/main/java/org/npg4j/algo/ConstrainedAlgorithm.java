package org.npg4j.algo;

import org.npg4j.policy.CostCritic;

/**
 * An on-policy update for a constrained MDP: maximize R(π) subject to J_{c_i}(π) ≤ b_i. It owns the cost critics
 * (the collector asks them for the cost values that cost GAE bootstraps with) and the cost limits b_i, which are
 * <em>per-episode</em> limits on the undiscounted episode cost, Safety-Gymnasium's convention (25 for PointGoal):
 * the constraint value of an update, Ĵ_{c_i}, is the mean undiscounted cost of the episodes that ended in its
 * rollout.
 */
public interface ConstrainedAlgorithm extends OnPolicyAlgorithm {
    /** The cost critics V_{c_i}, one per constraint. */
    CostCritic costCritic();

    /** The per-episode cost limits b_i, one per constraint. */
    double[] costLimits();

    /**
     * Gives the update the constraint values of the rollout it is about to train on: Ĵ_{c_i}, the mean undiscounted
     * episode cost of the episodes that ended during the rollout (or, when none ended, of the last 100 episodes;
     * NaN before any episode has ended). Called by the trainer before {@link #train}.
     */
    void observeEpisodeCosts(double[] episodeCosts);
}
