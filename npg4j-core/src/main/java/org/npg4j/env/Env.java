package org.npg4j.env;

import org.npg4j.math.StateMap;

/**
 * A reinforcement-learning environment with Gymnasium's semantics: {@code reset} starts an episode, {@code step}
 * advances it by one action and reports the reward, the per-step costs (constrained envs), and whether the episode
 * {@linkplain StepResult#terminated() terminated} (terminal MDP state) or was {@linkplain StepResult#truncated()
 * truncated} (time limit).
 *
 * <p>Actions: a discrete env (action space {@link Discrete}) is stepped with {@link #step(int)}, a continuous one
 * (action space {@link Box}) with {@link #step(double[])}; the other method throws an
 * {@link IllegalArgumentException}. Discrete actions outside the space, NaN/infinite or wrong-length continuous
 * actions are rejected with an {@link IllegalArgumentException} naming the env, the action and the space; finite
 * continuous actions outside the box are clipped by the env as Gymnasium's env does.
 *
 * <p>Lifecycle: stepping before the first reset, or after an episode ended without a new reset, throws an
 * {@link IllegalStateException}.
 *
 * <p>Randomness: each env owns one seeded generator; {@link #reset(long)} reseeds it, {@link #reset()} continues
 * it. The same seed and actions give the same trajectory.
 *
 * <p>The returned {@link StepResult} is owned by the env and overwritten by the next call (no allocation per step).
 */
public interface Env extends AutoCloseable {
    /** The registry id, e.g. {@code "CartPole-v1"}. */
    String id();

    Space observationSpace();

    Space actionSpace();

    /** The time limit of an episode (Gymnasium's {@code max_episode_steps}), or 0 when there is none. */
    int maxEpisodeSteps();

    /** Number of cost signals per step; 0 for an unconstrained env. */
    int costCount();

    /** Reseeds the env's generator with {@code seed} and starts an episode. */
    StepResult reset(long seed);

    /** Starts an episode, continuing the env's generator (seeded from entropy if the env was never seeded). */
    StepResult reset();

    /** Steps with a discrete action. */
    StepResult step(int action);

    /** Steps with a continuous action of length {@code actionSpace().dim()} (not modified, not retained). */
    StepResult step(double[] action);

    /** Steps taken in the current episode. */
    int elapsedSteps();

    /**
     * A copy of the env's internal state (for tests and tools, not the hot path); the layout is documented by
     * each env. Throws {@link UnsupportedOperationException} if the env cannot expose its state.
     */
    double[] state();

    /**
     * Puts the env in the given internal state, as if it had been reached after {@code elapsedSteps} steps of
     * the current episode, so that it can be stepped without a reset (for golden tests and tools, not the hot
     * path). Returns the result holding the observation of that state, reward 0 and both flags false.
     */
    StepResult setState(double[] state, int elapsedSteps);

    /**
     * Writes everything needed to continue the current episode exactly as this env would (internal state, elapsed
     * steps, the generator's state, wrappers' running statistics) into {@code out}, for checkpoints. Reading the
     * generator's state does not change the env's future draws. Default: not supported.
     *
     * @throws UnsupportedOperationException if the env cannot be checkpointed
     * @throws IllegalStateException         if no episode is running
     */
    default void writeCheckpoint(StateMap out) {
        throw new UnsupportedOperationException(id() + " cannot be checkpointed");
    }

    /**
     * Puts the env back in the state {@link #writeCheckpoint} wrote (by a like env: same id and wrappers), so that
     * it continues the episode and its generator exactly. Default: not supported.
     */
    default void readCheckpoint(StateMap in) {
        throw new UnsupportedOperationException(id() + " cannot be checkpointed");
    }

    /** Releases resources; the env cannot be used afterwards. */
    @Override
    void close();
}
