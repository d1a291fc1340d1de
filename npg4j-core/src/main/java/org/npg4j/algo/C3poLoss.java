package org.npg4j.algo;

import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;

/**
 * The C3PO penalty of one minibatch (Milosevic, Müller, Scherf 2025, arXiv 2506.00700; the authors' code, c3po
 * branch of milosen/ctrpo), which C3PO adds to the PPO-Clip loss ({@link PpoLoss}): per constraint i
 * <pre>
 *   κ·ReLU(α_clip,i(θ) − τ_i),   α_clip,i = (1/B) Σ_r max(r_r Ā_{c_i,r}, clip(r_r, 1−ε, 1+ε) Ā_{c_i,r}),
 *   τ_i = min(b̃_i, w·b̃_i),     b̃_i = b_i − Ĵ_{c_i}
 * </pre>
 * with Ā_c the centred cost advantages: α_clip is the pessimistic (clipped the other way round from the reward's)
 * cost surrogate, so the penalty cannot be escaped by moving ratios outside the clip range. The threshold is w·b̃
 * while the policy is safe (b̃ &gt; 0) and b̃ &lt; 0 while it is not, which pushes the cost surrogate down. The
 * penalty's gradient flows through log π only, in one extra reverse pass that reuses the PPO loss's forward pass.
 */
final class C3poLoss {
    private final int m;
    private final double[] dLogProb;

    /**
     * The penalty of one evaluation.
     *
     * @param costSurrogates α_clip,i
     * @param penalty        Σ_i κ ReLU(α_clip,i − τ_i)
     */
    record Terms(double[] costSurrogates, double penalty) {
    }

    C3poLoss(int capacity, int costCount) {
        this.m = costCount;
        this.dLogProb = new double[capacity];
    }

    /**
     * Evaluates the penalty at the policy's current parameters from the log-probabilities of the PPO loss's evaluation
     * (whose forward pass must be the policy's last) and, when {@code grad} is not null, accumulates its gradient.
     *
     * @param logProbs       log π_θ(a_r|s_r) of the minibatch
     * @param costAdvantages centred cost advantages of the batch, flat {@code b × m}
     * @param thresholds     τ_i, one per constraint
     */
    Terms evaluate(ActorCriticPolicy policy, Minibatch mb, double[] logProbs, double[] costAdvantages, double clip,
                   double kappa, double[] thresholds, double[] grad) {
        int b = mb.size();
        double[] costSurrogates = new double[m];
        double penalty = 0;
        boolean anyActive = false;
        java.util.Arrays.fill(dLogProb, 0, b, 0.0);
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int r = 0; r < b; r++) {
                double ratio = Math.exp(logProbs[r] - mb.oldLogProbs[r]);
                double adv = costAdvantages[r * m + i];
                s += Math.max(ratio * adv, Math.min(Math.max(ratio, 1 - clip), 1 + clip) * adv);
            }
            costSurrogates[i] = s / b;
            double excess = costSurrogates[i] - thresholds[i];
            if (excess > 0) {
                penalty += kappa * excess;
                anyActive = true;
                for (int r = 0; r < b; r++) {
                    double ratio = Math.exp(logProbs[r] - mb.oldLogProbs[r]);
                    double adv = costAdvantages[r * m + i];
                    double clippedRatio = Math.min(Math.max(ratio, 1 - clip), 1 + clip);
                    // max picks the unclipped branch, or the clipped one whose ratio is inside the range (same
                    // value): d/dlog π = Ā_c r; outside the range on the clipped branch the derivative is 0.
                    boolean flows = ratio * adv >= clippedRatio * adv || (ratio >= 1 - clip && ratio <= 1 + clip);
                    if (flows) {
                        dLogProb[r] += kappa * adv * ratio / b;
                    }
                }
            }
        }
        if (grad != null && anyActive) {
            // The PPO loss's forward pass is still recorded: one more reverse pass through the actor.
            policy.gradientOfLastEvaluation(mb.actions, b, dLogProb, null, null, grad);
        }
        return new Terms(costSurrogates, penalty);
    }
}
