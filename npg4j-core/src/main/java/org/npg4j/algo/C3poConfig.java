package org.npg4j.algo;

import org.npg4j.nn.Schedule;

/**
 * C3PO hyperparameters: PPO's keys (SB3 names) plus the penalty's; defaults are those of the authors' code (c3po
 * branch of milosen/ctrpo).
 *
 * @param learningRate       Adam step size, a schedule of progress_remaining (linear from 3e-4 to 0)
 * @param nSteps             steps per env per rollout (2048)
 * @param batchSize          minibatch size (128)
 * @param nEpochs            passes over the rollout per update (10)
 * @param gamma              discount (0.99)
 * @param gaeLambda          GAE λ of the reward and the cost advantages (0.95)
 * @param clipRange          ε of both clipped surrogates, a schedule (0.2)
 * @param normalizeAdvantage standardize the reward advantages per minibatch (true); cost advantages are centred
 *                           over the rollout only
 * @param entCoef            entropy coefficient (0)
 * @param vfCoef             value-loss coefficient of the joint actor-critic loss (0.5)
 * @param maxGradNorm        global gradient-norm clip (40, the reference's)
 * @param targetKl           the epochs stop once the rollout's mean KL(π_k‖π_θ) after an epoch exceeds it, or null
 *                           (0.01)
 * @param adamEpsilon        Adam's ε (1e-5)
 * @param kappa              final penalty weight κ; κ_t grows linearly from 0.1κ to κ over training (50)
 * @param w                  fraction w of the slack allowed as cost-surrogate increase while safe (0.05)
 * @param costLimits         per-episode limits b_i on the undiscounted episode cost, one per constraint (25)
 */
public record C3poConfig(Schedule learningRate, int nSteps, int batchSize, int nEpochs, double gamma,
                         double gaeLambda, Schedule clipRange, boolean normalizeAdvantage, double entCoef,
                         double vfCoef, double maxGradNorm, Double targetKl, double adamEpsilon, double kappa,
                         double w, double[] costLimits) {
    public C3poConfig {
        Check.positive("n_steps", nSteps);
        Check.positive("batch_size", batchSize);
        Check.positive("n_epochs", nEpochs);
        Check.discount("gamma", gamma);
        Check.unit("gae_lambda", gaeLambda);
        Check.nonNegative("ent_coef", entCoef);
        Check.nonNegative("vf_coef", vfCoef);
        Check.positive("max_grad_norm", maxGradNorm);
        if (targetKl != null) {
            Check.positive("target_kl", targetKl);
        }
        Check.positive("adam_epsilon", adamEpsilon);
        Check.nonNegative("kappa", kappa);
        Check.unit("w", w);
        if (learningRate == null || clipRange == null) {
            throw new IllegalArgumentException("learning_rate and clip_range are required");
        }
        costLimits = CostLimit.check(costLimits);
    }

    @Override
    public double[] costLimits() {
        return costLimits.clone();
    }

    /** The penalty weight κ_t = κ·(0.1 + 0.9·(1 − progress_remaining)). */
    public double kappaAt(double progressRemaining) {
        return kappa * (0.1 + 0.9 * (1 - progressRemaining));
    }

    /** Checks the batch against the rollout size, as {@link PpoConfig#checkRollout} does. */
    public void checkRollout(int nEnvs) {
        int rollout = nSteps * nEnvs;
        if (rollout < 2) {
            throw new IllegalArgumentException("n_steps*n_envs = " + rollout + " must be greater than 1");
        }
        if (batchSize > rollout) {
            throw new IllegalArgumentException("batch_size " + batchSize + " exceeds n_steps*n_envs " + rollout);
        }
        if (rollout % batchSize != 0) {
            throw new IllegalArgumentException("batch_size " + batchSize + " must divide n_steps*n_envs " + rollout);
        }
    }

    /** This configuration with other cost limits. */
    public C3poConfig withCostLimits(double[] limits) {
        return new C3poConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange,
                normalizeAdvantage, entCoef, vfCoef, maxGradNorm, targetKl, adamEpsilon, kappa, w, limits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the authors' defaults. */
    public static final class Builder {
        private Schedule learningRate = Schedule.linear(3e-4);
        private int nSteps = 2048;
        private int batchSize = 128;
        private int nEpochs = 10;
        private double gamma = 0.99;
        private double gaeLambda = 0.95;
        private Schedule clipRange = Schedule.constant(0.2);
        private boolean normalizeAdvantage = true;
        private double entCoef;
        private double vfCoef = 0.5;
        private double maxGradNorm = 40;
        private Double targetKl = 0.01;
        private double adamEpsilon = 1e-5;
        private double kappa = 50;
        private double w = 0.05;
        private double[] costLimits = {25.0};

        public Builder learningRate(Schedule s) {
            learningRate = s;
            return this;
        }

        public Builder learningRate(double lr) {
            return learningRate(Schedule.constant(lr));
        }

        public Builder nSteps(int n) {
            nSteps = n;
            return this;
        }

        public Builder batchSize(int n) {
            batchSize = n;
            return this;
        }

        public Builder nEpochs(int n) {
            nEpochs = n;
            return this;
        }

        public Builder gamma(double g) {
            gamma = g;
            return this;
        }

        public Builder gaeLambda(double l) {
            gaeLambda = l;
            return this;
        }

        public Builder clipRange(Schedule s) {
            clipRange = s;
            return this;
        }

        public Builder clipRange(double eps) {
            return clipRange(Schedule.constant(eps));
        }

        public Builder normalizeAdvantage(boolean on) {
            normalizeAdvantage = on;
            return this;
        }

        public Builder entCoef(double c) {
            entCoef = c;
            return this;
        }

        public Builder vfCoef(double c) {
            vfCoef = c;
            return this;
        }

        public Builder maxGradNorm(double c) {
            maxGradNorm = c;
            return this;
        }

        public Builder targetKl(Double kl) {
            targetKl = kl;
            return this;
        }

        public Builder adamEpsilon(double e) {
            adamEpsilon = e;
            return this;
        }

        public Builder kappa(double k) {
            kappa = k;
            return this;
        }

        public Builder w(double fraction) {
            w = fraction;
            return this;
        }

        public Builder costLimits(double... limits) {
            costLimits = limits;
            return this;
        }

        public C3poConfig build() {
            return new C3poConfig(learningRate, nSteps, batchSize, nEpochs, gamma, gaeLambda, clipRange,
                    normalizeAdvantage, entCoef, vfCoef, maxGradNorm, targetKl, adamEpsilon, kappa, w, costLimits);
        }
    }
}
