package org.npg4j.algo;

import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;

/**
 * The advantage of the Lagrangian baselines' policy objective, OmniSafe's normalized combination
 * <pre>
 *   Â = (Â_r − Σ_i λ_i Â_{c_i}) / (1 + Σ_i λ_i)
 * </pre>
 * of the reward advantages Â_r and the cost advantages Â_{c_i} of a batch: the advantage of the Lagrangian's
 * per-step reward r − Σ λ_i c_i, divided by 1 + Σ λ_i so that the objective's scale stays that of a return whatever
 * the size of λ (the policy step does not grow with the penalty). With {@code normalize}, the reward advantages and
 * each constraint's cost advantages are first normalized over the batch as the unconstrained algorithm normalizes its
 * advantages ((x − mean)/(std + 1e-8), {@link RolloutBuffer#normalizeInPlace}); OmniSafe only centres the cost
 * advantages, here both channels get the same treatment so that λ weighs two unit-scale signals. Scratch arrays are
 * sized on first use.
 */
final class CombinedAdvantage {
    private double[] column;

    /**
     * Writes the combined advantages of the {@code mb.size()} samples of {@code mb} into {@code out}.
     *
     * @param lambda the multipliers λ_i ≥ 0, one per cost signal of the batch
     */
    void combine(Minibatch mb, double[] lambda, boolean normalize, double[] out) {
        int n = mb.size();
        int m = lambda.length;
        if (column == null || column.length < n) {
            column = new double[n];
        }
        System.arraycopy(mb.advantages, 0, out, 0, n);
        boolean norm = normalize && n > 1;
        if (norm) {
            RolloutBuffer.normalizeInPlace(out, 0, n);
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                column[k] = mb.costAdvantages[k * m + i];
            }
            if (norm) {
                RolloutBuffer.normalizeInPlace(column, 0, n);
            }
            double l = lambda[i];
            for (int k = 0; k < n; k++) {
                out[k] -= l * column[k];
            }
            sum += l;
        }
        double scale = 1.0 / (1.0 + sum);
        for (int k = 0; k < n; k++) {
            out[k] *= scale;
        }
    }
}
