package org.npg4j.algo;

import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * The whole rollout as one batch, with its advantages copied and optionally normalized: the common prologue of the
 * full-batch updates (A2C, VPG, NPG, TRPO). Arrays are sized on first use and reused.
 */
final class FullBatch {
    private Minibatch batch;
    private double[] advantages;

    /** Gathers the rollout; {@link #advantages()} then holds its advantages, normalized when asked (and n > 1). */
    Minibatch gather(RolloutBuffer buffer, boolean normalize) {
        if (batch == null) {
            batch = Minibatch.forBuffer(buffer, buffer.size());
            advantages = new double[buffer.size()];
        }
        Minibatch mb = batch.gatherAll(buffer);
        int n = mb.size();
        System.arraycopy(mb.advantages, 0, advantages, 0, n);
        if (normalize && n > 1) {
            RolloutBuffer.normalizeInPlace(advantages, 0, n);
        }
        return mb;
    }

    /** The advantages of the last {@link #gather}. */
    double[] advantages() {
        return advantages;
    }
}
