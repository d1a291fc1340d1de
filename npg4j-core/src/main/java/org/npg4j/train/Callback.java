package org.npg4j.train;

import java.util.Map;
import org.npg4j.math.StateMap;

/**
 * Hooks into training. Each hook sees the trainer (read-only use: timesteps, policy, metrics) and returns whether
 * training should go on; returning false stops training cleanly after the current phase.
 *
 * <p>A callback with state of its own that must survive a checkpoint (an evaluation schedule, the best result so
 * far) names it with {@link #stateName}: the trainer then writes it into its checkpoints under
 * {@code callback/<name>/} and hands it back on restore, whether the callback was added before or after the
 * checkpoint was read.
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

    /** The name of this callback's checkpointed state, or null (the default) for a callback without state. */
    default String stateName() {
        return null;
    }

    /** Writes this callback's state (only called when {@link #stateName} is not null). */
    default void writeState(StateMap out) {
    }

    /** Restores a state written by {@link #writeState} of a like callback. */
    default void readState(StateMap in) {
    }
}
