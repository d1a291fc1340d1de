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
 * the size of λ (the policy step does not grow with the penalty).
 *
 * <p>With {@code normalize} (the parent's {@code normalize_advantage}), the reward advantages are normalized over the
 * batch as the unconstrained algorithm normalizes its advantages ((x − mean)/(std + 1e-8),
 * {@link RolloutBuffer#normalizeInPlace}), and each constraint's cost advantages are either centred (mean
 * subtracted: OmniSafe's treatment of the cost advantages, the default) or standardized like the rewards. Centring
 * keeps the cost signal in cost units: when costs are rare the cost advantages of a batch are nearly constant, and
 * dividing by their tiny standard deviation would blow critic noise up to the scale of the reward signal (on
 * CartPoleSafe-v0 that made PPO-Lag collapse; see docs/design-notes.md). Scratch arrays are sized on first use.
 */
final class CombinedAdvantage {
    private double[] column;

    /**
     * Writes the combined advantages of the {@code mb.size()} samples of {@code mb} into {@code out}.
     *
     * @param lambda        the multipliers λ_i ≥ 0, one per cost signal of the batch
     * @param normalize     whether to normalize the advantages (the parent's {@code normalize_advantage})
     * @param costAdvantage how the cost advantages are normalized when {@code normalize}
     */
    void combine(Minibatch mb, double[] lambda, boolean normalize, LagrangianConfig.CostAdvantage costAdvantage,
                 double[] out) {
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
            if (norm && costAdvantage == LagrangianConfig.CostAdvantage.STANDARDIZE) {
                RolloutBuffer.normalizeInPlace(column, 0, n);
            } else if (norm) {
                double mean = 0;
                for (int k = 0; k < n; k++) {
                    mean += column[k];
                }
                mean /= n;
                for (int k = 0; k < n; k++) {
                    column[k] -= mean;
                }
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
