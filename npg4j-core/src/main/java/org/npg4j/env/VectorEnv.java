package org.npg4j.env;

import java.util.Map;
import org.npg4j.math.StateMap;

/**
 * N copies of an env stepped together (Gymnasium's {@code VectorEnv}), with batched, flat, reused buffers:
 * observations {@code double[N * obsDim]} (env i at {@code i * obsDim}), rewards {@code double[N]}, costs
 * {@code double[N * m]}, terminated/truncated {@code boolean[N]}. The buffers are owned by the vector env and
 * overwritten by every call.
 *
 * <p><b>Autoreset (SB3's same-step mode):</b> when env i's episode ends at a step, the env is reset in that same
 * step; the returned observation of env i is the <em>reset</em> observation, the flags and reward are those of the
 * finished step, and the last observation of the finished episode is kept in {@link #finalObservation(int)} (and
 * its info, e.g. episode statistics, in {@link #finalInfo(int)}) until env i's next episode ends, so the value of a
 * truncated episode's last state can be bootstrapped.
 *
 * <p>Seeding: {@code reset(seed)} resets env i with seed {@code seed + i}, as Gymnasium's vector envs do.
 */
public interface VectorEnv extends AutoCloseable {
    int numEnvs();

    /** The observation space of one env. */
    Space singleObservationSpace();

    /** The action space of one env. */
    Space singleActionSpace();

    /** Costs per env per step (m). */
    int costCount();

    /** Resets env i with seed {@code seed + i}; the observations are then in {@link #observations()}. */
    void reset(long seed);

    /** Resets every env continuing its generator. */
    void reset();

    /** Steps env i with {@code actions[i]} (discrete action spaces), with autoreset. */
    void step(int[] actions);

    /** Steps env i with {@code actions[i * actDim .. (i+1) * actDim)} (Box action spaces), with autoreset. */
    void step(double[] actions);

    /** Live buffer: observations after the last call, flat {@code N * obsDim}. */
    double[] observations();

    /** Live buffer: rewards of the last step. */
    double[] rewards();

    /** Live buffer: costs of the last step, flat {@code N * m}. */
    double[] costs();

    /** Live buffer: terminated flags of the last step. */
    boolean[] terminated();

    /** Live buffer: truncated flags of the last step. */
    boolean[] truncated();

    /** Live buffer: the last observation of env i's most recently finished episode. */
    double[] finalObservation(int i);

    /** The info of the step that ended env i's most recent episode (empty if none ended yet). */
    Map<String, Object> finalInfo(int i);

    /**
     * Writes every env's checkpoint ({@link Env#writeCheckpoint}) under {@code env<i>/} and the current observations,
     * between calls. In the same-step autoreset mode no reset is ever pending between calls, so the envs' states and
     * the observations are the whole bookkeeping; the final observations and infos only serve the step that ended
     * an episode. Default: not supported.
     */
    default void writeCheckpoint(StateMap out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** Restores what {@link #writeCheckpoint} wrote, into like envs. Default: not supported. */
    default void readCheckpoint(StateMap in) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /** Closes every env and releases worker threads. */
    @Override
    void close();
}
