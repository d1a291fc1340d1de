package org.npg4j.algo;

import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.rollout.Minibatch;

/**
 * The PPO-Clip loss of one minibatch (Schulman et al. 2017, eq. 7 and 9; SB3's form) and its gradient:
 * <pre>
 *   r_i = exp(log π_θ(a_i|s_i) - log π_old(a_i|s_i))
 *   L_clip  = -(1/B) Σ_i min(Â_i r_i, Â_i clip(r_i, 1-ε, 1+ε))
 *   L_value = (1/B) Σ_i (R_i - V̂_i)²,  V̂_i = V_θ(s_i), or V_old + clip(V_θ - V_old, -ε_vf, ε_vf) when clipped
 *   L_ent   = -(1/B) Σ_i H(π_θ(·|s_i))
 *   L = L_clip + ent_coef·L_ent + vf_coef·L_value
 * </pre>
 * The gradient is assembled from per-sample derivatives with respect to log π, H and V, then pulled back through
 * the networks in one reverse pass that reuses the loss's forward pass
 * ({@link ActorCriticPolicy#gradientOfLastEvaluation}). Scratch arrays are sized once.
 */
final class PpoLoss {
    final double[] logProbs;
    final double[] entropies;
    final double[] values;
    private final double[] dLogProb;
    private final double[] dEntropy;
    private final double[] dValue;

    /**
     * The loss terms of one evaluation.
     *
     * @param policyLoss   L_clip
     * @param valueLoss    L_value
     * @param entropyLoss  L_ent
     * @param approxKl     SB3's approx_kl, mean((r − 1) − log r)
     * @param clipFraction the share of samples with |r − 1| > ε
     */
    record Terms(double policyLoss, double valueLoss, double entropyLoss, double approxKl, double clipFraction) {
        /** L = L_clip + ent_coef·L_ent + vf_coef·L_value. */
        double total(double entCoef, double vfCoef) {
            return policyLoss + entCoef * entropyLoss + vfCoef * valueLoss;
        }
    }

    PpoLoss(int capacity) {
        logProbs = new double[capacity];
        entropies = new double[capacity];
        values = new double[capacity];
        dLogProb = new double[capacity];
        dEntropy = new double[capacity];
        dValue = new double[capacity];
    }

    /**
     * Evaluates the loss at the policy's current parameters and, when {@code grad} is not null, accumulates ∇L into
     * it. {@code advantages} are the (possibly normalized) advantages of the batch. The log-probabilities of the
     * evaluation stay in {@link #logProbs} until the next one.
     */
    Terms evaluate(ActorCriticPolicy policy, Minibatch mb, double[] advantages, double clip, double clipVf,
                  double entCoef, double vfCoef, double[] grad) {
        int b = mb.size();
        policy.evaluateActions(mb.observations, mb.actions, b, logProbs, entropies, values);
        double pl = 0, vl = 0, el = 0, kl = 0;
        int clipped = 0;
        double inv = 1.0 / b;
        for (int i = 0; i < b; i++) {
            double logRatio = logProbs[i] - mb.oldLogProbs[i];
            double ratio = Math.exp(logRatio);
            double adv = advantages[i];
            double unclippedTerm = adv * ratio;
            double clippedRatio = Math.min(Math.max(ratio, 1 - clip), 1 + clip);
            double clippedTerm = adv * clippedRatio;
            // min picks the unclipped branch, or the clipped one whose ratio is inside the range (same value):
            // either way d/dlogπ = Â r; outside the range on the clipped branch the derivative is 0.
            boolean gradientFlows = unclippedTerm <= clippedTerm || (ratio >= 1 - clip && ratio <= 1 + clip);
            pl -= Math.min(unclippedTerm, clippedTerm);
            dLogProb[i] = gradientFlows ? -inv * adv * ratio : 0.0;
            if (Math.abs(ratio - 1) > clip) {
                clipped++;
            }
            // approx_kl of SB3 (Schulman's k3 estimator): E[(r - 1) - log r].
            kl += (ratio - 1) - logRatio;

            double v = values[i];
            double vPred = v;
            double dPred = 1.0;
            if (clipVf > 0) {
                double diff = v - mb.oldValues[i];
                if (diff > clipVf || diff < -clipVf) {
                    vPred = mb.oldValues[i] + Math.copySign(clipVf, diff);
                    dPred = 0.0;
                }
            }
            double err = vPred - mb.returns[i];
            vl += err * err;
            dValue[i] = vfCoef * 2 * inv * err * dPred;
            el -= entropies[i];
            dEntropy[i] = -entCoef * inv;
        }
        if (grad != null) {
            // Reuses the forward pass above: one reverse pass per network.
            policy.gradientOfLastEvaluation(mb.actions, b, dLogProb, entCoef == 0 ? null : dEntropy,
                    vfCoef == 0 ? null : dValue, grad);
        }
        return new Terms(pl * inv, vl * inv, el * inv, kl * inv, clipped * inv);
    }
}
