package org.npg4j.train;

import java.util.Map;

/**
 * Hooks into training. Each hook sees the trainer (read-only use: timesteps, policy, metrics) and returns whether
 * training should go on; returning false stops training cleanly after the current phase.
 */
public interface Callback {
    /** After a rollout is collected (before the update). */
    default boolean onRolloutEnd(Trainer trainer) {
        return true;
    }

    /** After an update, with the row of metrics just logged. */
    default boolean afterUpdate(Trainer trainer, Map<String, Double> metrics) {
        return true;
    }
}
