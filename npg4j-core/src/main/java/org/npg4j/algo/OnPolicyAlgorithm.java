package org.npg4j.algo;

import java.util.Map;
import org.npg4j.math.StateMap;
import org.npg4j.rollout.RolloutBuffer;

/**
 * The update of an on-policy algorithm: what it does with one full rollout whose GAE advantages and returns are
 * computed. Collection and advantage estimation are shared (the trainer, with its
 * {@link org.npg4j.rollout.RolloutConfig}); each implementation is its update only.
 */
public interface OnPolicyAlgorithm {
    /**
     * Updates the policy (and critic) from the rollout and returns SB3-style {@code train/...} metrics.
     *
     * @param progressRemaining 1 at the start of training, 0 at the end (for schedules)
     */
    Map<String, Double> train(RolloutBuffer buffer, double progressRemaining);

    /**
     * Writes the update's state between two calls of {@link #train}, for checkpoints: optimizer moments, the
     * minibatch-shuffling generator, counters and adaptive coefficients (not the policy's parameters, which the
     * trainer stores). Reading a generator's state does not change its future draws. Default: not supported.
     */
    default void writeCheckpoint(StateMap out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** Restores what {@link #writeCheckpoint} wrote, into a like update (same algorithm and policy). */
    default void readCheckpoint(StateMap in) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }
}
