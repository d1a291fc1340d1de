package org.npg4j.env;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.npg4j.math.RandomState;
import org.npg4j.math.StateMap;

/**
 * The common machinery of an env: lifecycle checks, action validation, the built-in time limit (what Gymnasium's
 * {@code make} adds as a {@code TimeLimit} wrapper, kept here so that the hot path has no wrapper dispatch) and the
 * env's own seeded generator. A subclass implements the dynamics in four hooks: {@link #resetState},
 * {@link #advance(int, StepResult)} or {@link #advance(double[], StepResult)}, {@link #observe},
 * and {@link #readState}/{@link #writeState}.
 *
 * <p>Time limit: after the step that brings {@link #elapsedSteps()} to {@link #maxEpisodeSteps()} (when positive)
 * the result is truncated, whether or not it also terminated (Gymnasium's semantics).
 */
public abstract class AbstractEnv implements Env {
    private final String id;
    private final Space observationSpace;
    private final Space actionSpace;
    private final int maxEpisodeSteps;
    private final int discreteActions;
    private final int actionDim;
    private final int stateDim;
    /** The env's result, overwritten by every reset and step. */
    protected final StepResult result;
    /** The env's generator; reseeded by {@link #reset(long)}. */
    protected SplittableRandom rng;
    private int elapsed;
    private boolean running;
    private boolean started;
    private boolean closed;

    /**
     * @param stateDim        length of {@link #state()}
     * @param costCount       number of costs per step
     * @param maxEpisodeSteps the time limit, 0 for none
     */
    protected AbstractEnv(String id, Space observationSpace, Space actionSpace, int stateDim, int costCount,
            int maxEpisodeSteps) {
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException(id + ": max_episode_steps must be >= 0 (0 = no limit), got "
                    + maxEpisodeSteps);
        }
        this.id = id;
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
        this.maxEpisodeSteps = maxEpisodeSteps;
        this.discreteActions = actionSpace instanceof Discrete d ? d.n() : -1;
        this.actionDim = actionSpace.dim();
        this.stateDim = stateDim;
        this.result = new StepResult(observationSpace.dim(), costCount);
    }

    /** Samples the initial state of an episode with {@code rng}. */
    protected abstract void resetState(SplittableRandom rng);

    /** Writes the observation of the current state into {@code out}. */
    protected abstract void observe(double[] out);

    /**
     * Applies a valid discrete action: updates the state, writes the observation, reward, costs and the
     * terminated flag into {@code out} (the truncated flag is false on entry).
     */
    protected void advance(int action, StepResult out) {
        throw new IllegalStateException(id + " has no discrete actions");
    }

    /** Applies a finite continuous action of the right length, as {@link #advance(int, StepResult)}. */
    protected void advance(double[] action, StepResult out) {
        throw new IllegalStateException(id + " has no continuous actions");
    }

    /**
     * Writes the internal state into {@code out} (length = state dimension). An env whose state cannot be exposed
     * (e.g. a physics engine's world) throws {@link UnsupportedOperationException} here and in {@link #writeState}.
     */
    protected abstract void readState(double[] out);

    /** Sets the internal state from {@code state} (length already checked). */
    protected abstract void writeState(double[] state);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Space observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space actionSpace() {
        return actionSpace;
    }

    @Override
    public final int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    @Override
    public final int costCount() {
        return result.costs().length;
    }

    @Override
    public final int elapsedSteps() {
        return elapsed;
    }

    @Override
    public final StepResult reset(long seed) {
        rng = new SplittableRandom(seed);
        return reset();
    }

    @Override
    public final StepResult reset() {
        checkOpen();
        if (rng == null) {
            rng = fromEntropy();
        }
        resetState(rng);
        return begin(0);
    }

    private StepResult begin(int elapsedSteps) {
        elapsed = elapsedSteps;
        result.clear();
        observe(result.observation());
        running = true;
        started = true;
        return result;
    }

    @Override
    public final StepResult step(int action) {
        if (!running) {
            throw notRunning();
        }
        if (action < 0 || action >= discreteActions) {
            throw new IllegalArgumentException(id + ": action " + action + " is not in " + actionSpace);
        }
        result.setTruncated(false);
        advance(action, result);
        return finish();
    }

    @Override
    public final StepResult step(double[] action) {
        if (!running) {
            throw notRunning();
        }
        if (discreteActions > 0) {
            throw new IllegalArgumentException(id + ": action " + Arrays.toString(action) + " is not in "
                    + actionSpace + " (step with an int)");
        }
        if (action.length != actionDim) {
            throw new IllegalArgumentException(id + ": action " + Arrays.toString(action) + " has length "
                    + action.length + ", expected " + actionDim + " for " + actionSpace);
        }
        for (double a : action) {
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException(id + ": action " + Arrays.toString(action) + " is not in "
                        + actionSpace + " (not finite)");
            }
        }
        result.setTruncated(false);
        advance(action, result);
        return finish();
    }

    private StepResult finish() {
        elapsed++;
        if (maxEpisodeSteps > 0 && elapsed >= maxEpisodeSteps) {
            result.setTruncated(true);
        }
        if (result.terminated() || result.truncated()) {
            running = false;
        }
        return result;
    }

    private IllegalStateException notRunning() {
        checkOpen();
        if (!started) {
            return new IllegalStateException(id + ": step() called before reset()");
        }
        return new IllegalStateException(id + ": step() called after the episode ended ("
                + (result.terminated() ? "terminated" : "truncated") + "); call reset() first");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(id + ": the env is closed");
        }
    }

    @Override
    public final double[] state() {
        double[] s = new double[stateDim];
        readState(s);
        return s;
    }

    @Override
    public final StepResult setState(double[] state, int elapsedSteps) {
        checkOpen();
        if (state.length != stateDim) {
            throw new IllegalArgumentException(id + ": state has length " + state.length + ", expected " + stateDim);
        }
        if (elapsedSteps < 0 || (maxEpisodeSteps > 0 && elapsedSteps >= maxEpisodeSteps)) {
            throw new IllegalArgumentException(id + ": elapsedSteps " + elapsedSteps + " is outside [0, "
                    + (maxEpisodeSteps > 0 ? maxEpisodeSteps : "inf") + ")");
        }
        if (rng == null) {
            rng = fromEntropy();
        }
        writeState(state.clone());
        return begin(elapsedSteps);
    }

    /** A generator seeded from entropy, made by {@code new SplittableRandom(seed)} so that it can be checkpointed. */
    private static SplittableRandom fromEntropy() {
        return new SplittableRandom(new SplittableRandom().nextLong());
    }

    /**
     * Checkpoint entries: {@code state} ({@link #state()}), {@code elapsed_steps} and {@code rng} (the generator's
     * state, {@link RandomState}). An env whose {@link #state()} does not determine its future (beyond the
     * generator) overrides both checkpoint methods.
     */
    @Override
    public void writeCheckpoint(StateMap out) {
        checkOpen();
        if (!running) {
            throw new IllegalStateException(id + ": only a running episode can be checkpointed");
        }
        out.put("state", state());
        out.putLong("elapsed_steps", elapsed);
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        setState(in.doubles("state", stateDim), in.intValue("elapsed_steps", 0, Integer.MAX_VALUE));
        rng = RandomState.restore(in.longValue("rng"));
    }

    @Override
    public void close() {
        closed = true;
        running = false;
    }

    @Override
    public String toString() {
        return id + "[obs=" + observationSpace + ", action=" + actionSpace + ", max_episode_steps="
                + maxEpisodeSteps + "]";
    }
}
