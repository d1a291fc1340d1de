package org.npg4j.algo;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.npg4j.math.RandomState;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Adam;
import org.npg4j.nn.Mlp;
import org.npg4j.nn.Tape;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * Fits the critic V_φ to the λ-returns by minibatch Adam on the mean squared error, updating only the critic's
 * parameters (sb3-contrib TRPO's {@code n_critic_updates} loop: the actor's gradients are discarded, so its
 * parameters and Adam moments are untouched). Used by TRPO, NPG and VPG, whose policy step is not a gradient step.
 */
final class CriticFit {
    private final ActorCriticPolicy policy;
    private final Adam adam;
    private final int offset;
    private final int count;
    private final double[] grad;
    private final double[] criticParams;
    private final double[] criticGrad;
    private final double[] values;
    private final double[] dValue;
    private SplittableRandom rng;
    private Minibatch minibatch;
    private int[] order;
    private final Mlp network;
    private final Tape tape;

    CriticFit(ActorCriticPolicy policy, int batchSize, long seed) {
        if (policy.criticNetwork() == null) {
            throw new IllegalArgumentException("this algorithm fits a separate critic: a shared actor-critic trunk is not supported");
        }
        this.policy = policy;
        this.offset = policy.actorParameterCount();
        this.count = policy.parameterCount() - offset;
        this.adam = new Adam(count, 0.9, 0.999, 1e-8);
        this.grad = new double[policy.parameterCount()];
        this.criticParams = new double[count];
        this.criticGrad = new double[count];
        this.values = new double[batchSize];
        this.dValue = new double[batchSize];
        this.rng = new SplittableRandom(seed);
        this.network = policy.criticNetwork();
        this.tape = network.newTape(batchSize);
    }

    Adam optimizer() {
        return adam;
    }

    /** Entries: {@code adam} (the critic's Adam) and {@code rng} (its shuffling generator). */
    void writeCheckpoint(StateMap out) {
        out.put("adam", adam.state());
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("rng", s);
    }

    void readCheckpoint(StateMap in) {
        adam.restoreState(in.doubles("adam", adam.state().length));
        rng = RandomState.restore(in.longValue("rng"));
    }

    /** {@code epochs} passes of shuffled minibatches; returns the mean value loss over the steps. */
    double fit(RolloutBuffer buffer, int epochs, int batchSize, double learningRate) {
        if (minibatch == null) {
            minibatch = Minibatch.forBuffer(buffer, batchSize);
        }
        double[] theta = policy.parameters();
        double sum = 0;
        int steps = 0;
        int n = buffer.size();
        for (int e = 0; e < epochs; e++) {
            order = buffer.shuffledIndices(rng, order);
            for (int from = 0; from < n; from += batchSize) {
                int b = Math.min(batchSize, n - from);
                Minibatch mb = minibatch.gather(buffer, order, from, b);
                // The critic's own tape, not the policy's: the fit may run beside the actor's step (TRPO).
                network.forward(theta, offset, mb.observations, 0, b, values, 0, tape);
                double loss = 0;
                for (int i = 0; i < b; i++) {
                    double err = values[i] - mb.returns[i];
                    loss += err * err;
                    dValue[i] = 2 * err / b;
                }
                sum += loss / b;
                steps++;
                Arrays.fill(grad, offset, grad.length, 0.0);
                // Reverse pass through the critic only, reusing the forward pass above.
                network.backward(theta, offset, dValue, 0, b, grad, offset, null, 0, tape);
                System.arraycopy(theta, offset, criticParams, 0, count);
                System.arraycopy(grad, offset, criticGrad, 0, count);
                adam.step(criticParams, criticGrad, learningRate);
                System.arraycopy(criticParams, 0, theta, offset, count);
            }
        }
        return steps == 0 ? Double.NaN : sum / steps;
    }
}
