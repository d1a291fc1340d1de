package org.npg4j.rollout;

/**
 * The collection settings of an on-policy run, owned by the training loop rather than by any update: each
 * iteration collects {@code n_steps} steps of each of {@code n_envs} envs, then estimates advantages by GAE(γ, λ).
 * {@code normalize} says whether the envs' observations and rewards are normalized by running statistics (the zoo's
 * {@code VecNormalize}).
 *
 * @param nSteps    steps per env per rollout
 * @param nEnvs     parallel envs
 * @param gamma     discount γ of the returns
 * @param gaeLambda λ of GAE
 * @param normalize observation and reward normalization, each on or off
 */
public record RolloutConfig(int nSteps, int nEnvs, double gamma, double gaeLambda, Normalization normalize) {
    public RolloutConfig {
        java.util.Objects.requireNonNull(normalize, "normalize");
        if (nSteps < 1) {
            throw new IllegalArgumentException("n_steps must be positive, got " + nSteps);
        }
        if (nEnvs < 1) {
            throw new IllegalArgumentException("n_envs must be positive, got " + nEnvs);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        if (!(gaeLambda >= 0 && gaeLambda <= 1)) {
            throw new IllegalArgumentException("gae_lambda must be in [0, 1], got " + gaeLambda);
        }
    }

    /** Settings with both normalizations ({@code normalize: true}) or neither. */
    public RolloutConfig(int nSteps, int nEnvs, double gamma, double gaeLambda, boolean normalize) {
        this(nSteps, nEnvs, gamma, gaeLambda, Normalization.of(normalize));
    }

    /** The settings of one env with n_steps steps, γ and λ, without normalization. */
    public static RolloutConfig of(int nSteps, double gamma, double gaeLambda) {
        return new RolloutConfig(nSteps, 1, gamma, gaeLambda, false);
    }

    /** The number of samples of one rollout, n_steps · n_envs. */
    public int size() {
        return nSteps * nEnvs;
    }

    /** These settings with another number of envs. */
    public RolloutConfig withEnvs(int n) {
        return new RolloutConfig(nSteps, n, gamma, gaeLambda, normalize);
    }

    /**
     * Checks a minibatch size against the rollout, as SB3 does for PPO (a warning there, an error here): the
     * rollout holds at least two samples and splits into whole minibatches.
     */
    public void checkMinibatches(int batchSize) {
        int rollout = size();
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
}
