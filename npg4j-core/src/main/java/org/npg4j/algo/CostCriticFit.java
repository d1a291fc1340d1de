package org.npg4j.algo;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.npg4j.math.RandomState;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Adam;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * Fits the cost critics V_{c_i} to the cost λ-returns by minibatch Adam on the mean squared error summed over the
 * constraints, Σ_i mean_r (V_{c_i}(s_r) − R_{c_i,r})², as {@link CriticFit} does for the reward critic (and as
 * SafePO fits its cost critics).
 */
final class CostCriticFit {
    private final CostCritic critic;
    private final Adam adam;
    private final double[] grad;
    private final double[] predicted;
    private final double[] dOut;
    private SplittableRandom rng;
    private Minibatch minibatch;
    private int[] order;

    CostCriticFit(CostCritic critic, int batchSize, long seed) {
        this.critic = critic;
        int p = critic.parameters().length;
        this.adam = new Adam(p, 0.9, 0.999, 1e-8);
        this.grad = new double[p];
        this.predicted = new double[batchSize * critic.costCount()];
        this.dOut = new double[batchSize * critic.costCount()];
        this.rng = new SplittableRandom(seed);
    }

    CostCritic critic() {
        return critic;
    }

    /** Entries: {@code parameters} (the cost critics'), {@code adam} and {@code rng} (the shuffling generator). */
    void writeCheckpoint(StateMap out) {
        out.put("parameters", critic.parameters());
        out.put("adam", adam.state());
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
    }

    void readCheckpoint(StateMap in) {
        double[] theta = in.doubles("parameters", critic.parameters().length);
        adam.restoreState(in.doubles("adam", adam.state().length));
        rng = RandomState.restore(in.longValue("rng"));
        System.arraycopy(theta, 0, critic.parameters(), 0, theta.length);
    }

    /**
     * {@code epochs} passes of shuffled minibatches of at most {@code batchSize} transitions; returns the mean loss
     * (summed over constraints) over the steps.
     */
    double fit(RolloutBuffer buffer, int epochs, int batchSize, double learningRate) {
        if (buffer.costDim() != critic.costCount()) {
            throw new IllegalArgumentException("the rollout has " + buffer.costDim() + " cost signals, the cost critic "
                    + critic.costCount());
        }
        if (minibatch == null) {
            minibatch = Minibatch.forBuffer(buffer, batchSize);
        }
        int m = critic.costCount();
        double sum = 0;
        int steps = 0;
        int n = buffer.size();
        for (int e = 0; e < epochs; e++) {
            order = buffer.shuffledIndices(rng, order);
            for (int from = 0; from < n; from += batchSize) {
                int b = Math.min(batchSize, n - from);
                Minibatch mb = minibatch.gather(buffer, order, from, b);
                critic.predict(mb.observations, b, predicted);
                double loss = 0;
                for (int j = 0; j < b * m; j++) {
                    double err = predicted[j] - mb.costReturns[j];
                    loss += err * err;
                    dOut[j] = 2 * err / b;
                }
                sum += loss / b;
                steps++;
                Arrays.fill(grad, 0.0);
                critic.gradient(b, dOut, grad);
                adam.step(critic.parameters(), grad, learningRate);
            }
        }
        return steps == 0 ? Double.NaN : sum / steps;
    }
}
