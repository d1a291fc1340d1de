package org.npg4j.algo;

import java.util.Map;
import org.npg4j.rollout.RolloutBuffer;

/**
 * The update of an on-policy algorithm: what it does with one full rollout whose GAE advantages and returns are
 * computed. Collection and advantage estimation are shared (the trainer); each implementation is its update only.
 */
public interface OnPolicyAlgorithm {
    /** The algorithm's name as the CLI spells it ({@code ppo}, {@code trpo}, ...). */
    String name();

    /** Steps per env per rollout. */
    int nSteps();

    /** Discount γ of the returns. */
    double gamma();

    /** λ of GAE. */
    double gaeLambda();

    /**
     * Updates the policy (and critic) from the rollout and returns SB3-style {@code train/...} metrics.
     *
     * @param progressRemaining 1 at the start of training, 0 at the end (for schedules)
     */
    Map<String, Double> train(RolloutBuffer buffer, double progressRemaining);
}
