package org.npg4j.policy;

import java.util.SplittableRandom;
import org.npg4j.nn.Activation;
import org.npg4j.nn.FanInUniformInitializer;
import org.npg4j.nn.Mlp;
import org.npg4j.nn.OrthogonalInitializer;
import org.npg4j.nn.Tape;

/**
 * The cost critics of a constrained task: one network V_{c_i}(s) per constraint i = 1..m, each an MLP of the value
 * network's shape (SB3-style orthogonal initialization, value-head gain 1), estimating the discounted cost-to-go
 * E[Σ_k γ^k c_i(S_k, A_k) | S_0 = s] as the reward critic estimates the return. They feed cost GAE (the cost
 * advantages Â_{c_i} of the constrained updates) and are fitted to the cost λ-returns.
 *
 * <p>Parameter layout: [critic_1 | critic_2 | ... | critic_m], each {@link #networkParameterCount()} long. Batched
 * outputs are flat {@code batch × m}: entry {@code r * m + i} is V_{c_i}(s_r).
 */
public final class CostCritic {
    private final Mlp network;
    private final int m;
    private final double[] theta;
    private Tape[] tapes;
    private int capacity;
    private double[] column;
    private final double[] single;
    private Tape singleTape;
    private int recordedBatch = -1;

    /**
     * @param observationSize inputs of each network
     * @param costCount       m ≥ 1 constraints
     * @param hidden          hidden layer sizes (as the reward critic's {@code vf})
     * @param activation      hidden activation
     * @param seed            initialization seed
     */
    public CostCritic(int observationSize, int costCount, int[] hidden, Activation activation, long seed) {
        this(observationSize, costCount, hidden, activation, true, seed);
    }

    /**
     * As {@link #CostCritic(int, int, int[], Activation, long)}, with SB3's {@code ortho_init}: false initializes
     * every layer with PyTorch's default ({@link FanInUniformInitializer}).
     */
    public CostCritic(int observationSize, int costCount, int[] hidden, Activation activation, boolean orthoInit,
                      long seed) {
        if (costCount < 1) {
            throw new IllegalArgumentException("a cost critic needs at least one cost signal, got " + costCount);
        }
        this.network = Mlp.of(observationSize, hidden, activation, 1);
        this.m = costCount;
        this.theta = new double[m * network.parameterCount()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            if (orthoInit) {
                OrthogonalInitializer.initialize(network, theta, i * network.parameterCount(),
                        OrthogonalInitializer.valueGains(network), rng);
            } else {
                FanInUniformInitializer.initialize(network, theta, i * network.parameterCount(), rng);
            }
        }
        this.single = new double[1];
    }

    /** Number of constraints m. */
    public int costCount() {
        return m;
    }

    /** The shape of each cost network. */
    public Mlp network() {
        return network;
    }

    /** Parameters of one network. */
    public int networkParameterCount() {
        return network.parameterCount();
    }

    /** All parameters, [critic_1 | ... | critic_m]; live array. */
    public double[] parameters() {
        return theta;
    }

    /**
     * V_{c_i}(s_r) for a batch: {@code out[r * m + i]}. The passes stay recorded on the batch tapes so that
     * {@link #gradient} can follow.
     */
    public void predict(double[] obs, int batch, double[] out) {
        ensure(batch);
        int p = network.parameterCount();
        for (int i = 0; i < m; i++) {
            network.forward(theta, i * p, obs, 0, batch, column, 0, tapes[i]);
            for (int r = 0; r < batch; r++) {
                out[r * m + i] = column[r];
            }
        }
        recordedBatch = batch;
    }

    /** V_{c_i}(s) for one observation starting at {@code obs[offset]}, into {@code out[0..m)}. */
    public void predictOne(double[] obs, int offset, double[] out) {
        if (singleTape == null) {
            singleTape = network.newTape(1);
        }
        int p = network.parameterCount();
        for (int i = 0; i < m; i++) {
            network.forward(theta, i * p, obs, offset, 1, single, 0, singleTape);
            out[i] = single[0];
        }
    }

    /**
     * Accumulates into {@code grad} (laid out as {@link #parameters()}) the gradient of
     * Σ_r Σ_i dOut[r·m + i] V_{c_i}(s_r) for the batch of the immediately preceding {@link #predict}.
     */
    public void gradient(int batch, double[] dOut, double[] grad) {
        if (recordedBatch != batch) {
            throw new IllegalStateException("cost critic gradient on " + batch + " rows needs a predict on the same rows"
                    + " just before (last: " + recordedBatch + ")");
        }
        int p = network.parameterCount();
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < batch; r++) {
                column[r] = dOut[r * m + i];
            }
            network.backward(theta, i * p, column, 0, batch, grad, i * p, null, 0, tapes[i]);
        }
    }

    private void ensure(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = Math.max(batch, 2 * capacity);
        tapes = new Tape[m];
        for (int i = 0; i < m; i++) {
            tapes[i] = network.newTape(capacity);
        }
        column = new double[capacity];
    }
}
