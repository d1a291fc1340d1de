package org.npg4j.env;

import java.util.Arrays;
import java.util.Map;

/**
 * What {@link Env#reset()} and {@link Env#step(int)} return, Gymnasium's {@code (obs, reward, terminated, truncated,
 * info)} plus the per-step cost vector of a constrained env.
 *
 * <p><b>Reused:</b> an env owns one {@code StepResult} and overwrites it on every {@code reset} and {@code step}, so
 * stepping allocates nothing. {@link #observation()} and {@link #costs()} return the live buffers; copy them (or call
 * {@link #copy()}) to keep a value beyond the next call. After {@code reset} the reward is 0, the costs are 0 and
 * both flags are false.
 *
 * <p>{@code terminated}: the episode reached a terminal state of the MDP (its value is 0 from there).
 * {@code truncated}: the episode was cut for another reason (time limit), so the last state's value must be
 * bootstrapped. Both may be true at once, as in Gymnasium's {@code TimeLimit}.
 */
public final class StepResult {
    private final double[] observation;
    private final double[] costs;
    private double reward;
    private boolean terminated;
    private boolean truncated;
    private Map<String, Object> info = Map.of();

    /** A result with an observation buffer of length {@code observationDim} and {@code costCount} costs. */
    public StepResult(int observationDim, int costCount) {
        this.observation = new double[observationDim];
        this.costs = new double[costCount];
    }

    /** The live observation buffer (length = the observation space's {@link Space#dim()}). */
    public double[] observation() {
        return observation;
    }

    public double reward() {
        return reward;
    }

    /** The live cost buffer, one entry per cost of a constrained env; empty for an unconstrained env. */
    public double[] costs() {
        return costs;
    }

    public boolean terminated() {
        return terminated;
    }

    public boolean truncated() {
        return truncated;
    }

    /** {@code terminated || truncated}: the episode is over and the env needs a reset. */
    public boolean done() {
        return terminated || truncated;
    }

    /** Extra information (an immutable map, empty by default; e.g. {@code "episode"} statistics at an episode's end). */
    public Map<String, Object> info() {
        return info;
    }

    public void setReward(double reward) {
        this.reward = reward;
    }

    public void setTerminated(boolean terminated) {
        this.terminated = terminated;
    }

    public void setTruncated(boolean truncated) {
        this.truncated = truncated;
    }

    public void setInfo(Map<String, Object> info) {
        this.info = info;
    }

    /** Sets reward 0, costs 0, both flags false and an empty info, as after a reset. */
    public void clear() {
        reward = 0.0;
        Arrays.fill(costs, 0.0);
        terminated = false;
        truncated = false;
        info = Map.of();
    }

    /** Copies every field of {@code other} (of the same dimensions) into this result. */
    public void copyFrom(StepResult other) {
        System.arraycopy(other.observation, 0, observation, 0, observation.length);
        System.arraycopy(other.costs, 0, costs, 0, costs.length);
        reward = other.reward;
        terminated = other.terminated;
        truncated = other.truncated;
        info = other.info;
    }

    /** An independent copy. */
    public StepResult copy() {
        StepResult c = new StepResult(observation.length, costs.length);
        c.copyFrom(this);
        return c;
    }

    @Override
    public String toString() {
        return "StepResult[obs=" + Arrays.toString(observation) + ", reward=" + reward
                + (costs.length > 0 ? ", costs=" + Arrays.toString(costs) : "")
                + ", terminated=" + terminated + ", truncated=" + truncated
                + (info.isEmpty() ? "" : ", info=" + info) + "]";
    }
}
