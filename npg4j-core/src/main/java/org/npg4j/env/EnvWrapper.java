package org.npg4j.env;

import org.npg4j.math.StateMap;

/**
 * An env around another env (Gymnasium's {@code Wrapper}): everything is forwarded to the inner env; the wrapper's
 * results are its own copy of the inner result, so a subclass changes them in one hook without touching the inner
 * env's buffers. Hooks: {@link #afterReset}, {@link #afterStep} (observation, reward, flags, info) and
 * {@link #action(double[])} (continuous actions). {@code setState} forwards and copies the result without hooks.
 */
public abstract class EnvWrapper implements Env {
    protected final Env env;
    /** The wrapper's own result, a copy of the inner result passed through the hooks. */
    protected final StepResult result;

    protected EnvWrapper(Env env) {
        this.env = env;
        this.result = new StepResult(env.observationSpace().dim(), env.costCount());
    }

    /** The wrapped env. */
    public Env inner() {
        return env;
    }

    /** Changes the result of a reset in place (observation, info); default: nothing. */
    protected void afterReset(StepResult r) {
    }

    /** Changes the result of a step in place; default: nothing. */
    protected void afterStep(StepResult r) {
    }

    /** The continuous action given to the inner env; default: the action itself. */
    protected double[] action(double[] action) {
        return action;
    }

    @Override
    public String id() {
        return env.id();
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public int maxEpisodeSteps() {
        return env.maxEpisodeSteps();
    }

    @Override
    public int costCount() {
        return env.costCount();
    }

    @Override
    public StepResult reset(long seed) {
        result.copyFrom(env.reset(seed));
        afterReset(result);
        return result;
    }

    @Override
    public StepResult reset() {
        result.copyFrom(env.reset());
        afterReset(result);
        return result;
    }

    @Override
    public StepResult step(int action) {
        result.copyFrom(env.step(action));
        afterStep(result);
        return result;
    }

    @Override
    public StepResult step(double[] action) {
        result.copyFrom(env.step(action(action)));
        afterStep(result);
        return result;
    }

    @Override
    public int elapsedSteps() {
        return env.elapsedSteps();
    }

    @Override
    public double[] state() {
        return env.state();
    }

    @Override
    public StepResult setState(double[] state, int elapsedSteps) {
        result.copyFrom(env.setState(state, elapsedSteps));
        return result;
    }

    /** The inner env's entries under {@code inner/}; a wrapper with state of its own adds it next to them. */
    @Override
    public void writeCheckpoint(StateMap out) {
        env.writeCheckpoint(out.scope("inner"));
    }

    @Override
    public void readCheckpoint(StateMap in) {
        env.readCheckpoint(in.scope("inner"));
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + env + ">";
    }
}
