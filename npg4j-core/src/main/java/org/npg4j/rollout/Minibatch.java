package org.npg4j.rollout;

/**
 * A minibatch gathered from a {@link RolloutBuffer} into contiguous arrays sized once for the largest batch:
 * observations, actions, the old log-probabilities and values, advantages and returns (and, for constrained
 * tasks, cost advantages and cost returns, costDim per sample). {@link #size()} is the number of valid rows.
 */
public final class Minibatch {
    public final double[] observations;
    public final double[] actions;
    public final double[] oldLogProbs;
    public final double[] oldValues;
    public final double[] advantages;
    public final double[] returns;
    public final double[] costAdvantages;
    public final double[] costReturns;
    private final int obsDim;
    private final int actionDim;
    private final int costDim;
    private int size;

    public Minibatch(int capacity, int obsDim, int actionDim, int costDim) {
        this.obsDim = obsDim;
        this.actionDim = actionDim;
        this.costDim = costDim;
        observations = new double[capacity * obsDim];
        actions = new double[capacity * actionDim];
        oldLogProbs = new double[capacity];
        oldValues = new double[capacity];
        advantages = new double[capacity];
        returns = new double[capacity];
        costAdvantages = new double[capacity * costDim];
        costReturns = new double[capacity * costDim];
    }

    /** A minibatch able to hold the whole buffer. */
    public static Minibatch forBuffer(RolloutBuffer buffer, int capacity) {
        return new Minibatch(capacity, buffer.obsDim(), buffer.actionDim(), buffer.costDim());
    }

    public int size() {
        return size;
    }

    /** Fills this minibatch with the transitions {@code idx[from .. from+count)} of the buffer. */
    public Minibatch gather(RolloutBuffer buffer, int[] idx, int from, int count) {
        if (count > oldLogProbs.length) {
            throw new IllegalArgumentException("minibatch of " + count + " exceeds capacity " + oldLogProbs.length);
        }
        buffer.gatherObservations(idx, from, count, observations);
        buffer.gatherActions(idx, from, count, actions);
        RolloutBuffer.gather(buffer.logProbs(), idx, from, count, oldLogProbs);
        RolloutBuffer.gather(buffer.values(), idx, from, count, oldValues);
        RolloutBuffer.gather(buffer.advantages(), idx, from, count, advantages);
        RolloutBuffer.gather(buffer.returns(), idx, from, count, returns);
        for (int k = 0; k < count && costDim > 0; k++) {
            int i = idx[from + k];
            System.arraycopy(buffer.costAdvantages(), i * costDim, costAdvantages, k * costDim, costDim);
            System.arraycopy(buffer.costReturns(), i * costDim, costReturns, k * costDim, costDim);
        }
        size = count;
        return this;
    }

    /** The whole buffer in its stored order. */
    public Minibatch gatherAll(RolloutBuffer buffer) {
        int n = buffer.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return gather(buffer, idx, 0, n);
    }

    public int obsDim() {
        return obsDim;
    }

    public int actionDim() {
        return actionDim;
    }
}
