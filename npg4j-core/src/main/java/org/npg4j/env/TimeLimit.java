package org.npg4j.env;

import org.npg4j.math.StateMap;

/**
 * Truncates episodes after {@code maxEpisodeSteps} steps (Gymnasium's {@code TimeLimit}): the step that reaches the
 * limit is truncated whether or not it also terminated. Registered envs carry their limit built in
 * ({@link Envs#make}); this wrapper adds a limit to any env, e.g. a shorter one for evaluation.
 */
public final class TimeLimit extends EnvWrapper {
    private final int maxEpisodeSteps;
    private int elapsed;
    private boolean ended;

    public TimeLimit(Env env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException(env.id() + ": TimeLimit max_episode_steps must be >= 1, got "
                    + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    @Override
    public int maxEpisodeSteps() {
        int inner = env.maxEpisodeSteps();
        return inner > 0 ? Math.min(inner, maxEpisodeSteps) : maxEpisodeSteps;
    }

    @Override
    public int elapsedSteps() {
        return elapsed;
    }

    @Override
    protected void afterReset(StepResult r) {
        elapsed = 0;
        ended = false;
    }

    @Override
    public StepResult step(int action) {
        checkNotEnded();
        return super.step(action);
    }

    @Override
    public StepResult step(double[] action) {
        checkNotEnded();
        return super.step(action);
    }

    private void checkNotEnded() {
        if (ended) {
            throw new IllegalStateException(id() + ": step() called after the episode ended (truncated); "
                    + "call reset() first");
        }
    }

    @Override
    protected void afterStep(StepResult r) {
        elapsed++;
        if (elapsed >= maxEpisodeSteps) {
            r.setTruncated(true);
            ended = true;
        }
    }

    /** Adds the wrapper's own step count. */
    @Override
    public void writeCheckpoint(StateMap out) {
        super.writeCheckpoint(out);
        out.putLong("elapsed_steps", elapsed);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        super.readCheckpoint(in);
        elapsed = in.intValue("elapsed_steps", 0, maxEpisodeSteps - 1);
        ended = false;
    }

    @Override
    public StepResult setState(double[] state, int elapsedSteps) {
        StepResult r = super.setState(state, elapsedSteps);
        elapsed = elapsedSteps;
        ended = false;
        return r;
    }
}
