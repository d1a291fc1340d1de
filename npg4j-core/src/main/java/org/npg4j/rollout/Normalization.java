package org.npg4j.rollout;

/**
 * Which running normalizations wrap a run's envs: SB3's {@code VecNormalize(norm_obs, norm_reward)}, what the zoo's
 * {@code normalize} key means ({@code true}: both; a mapping {@code {norm_obs: .., norm_reward: ..}}: each as given,
 * a missing one on, VecNormalize's default).
 *
 * @param observations normalize observations by their running mean and variance
 * @param rewards      scale rewards by the running standard deviation of the discounted return
 */
public record Normalization(boolean observations, boolean rewards) {
    /** Neither ({@code normalize: false}). */
    public static final Normalization NONE = new Normalization(false, false);
    /** Both ({@code normalize: true}). */
    public static final Normalization BOTH = new Normalization(true, true);

    /** {@link #BOTH} or {@link #NONE}. */
    public static Normalization of(boolean both) {
        return both ? BOTH : NONE;
    }

    /** Whether the envs are wrapped at all. */
    public boolean any() {
        return observations || rewards;
    }

    /** Whether this is one of the two forms a boolean {@code normalize} can say. */
    public boolean uniform() {
        return observations == rewards;
    }
}
