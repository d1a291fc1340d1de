package org.npg4j.train;

import java.util.Map;
import java.util.Optional;

/**
 * Keys that Stable-Baselines3 and rl-baselines3-zoo users know and npg4j does not take, each with what is missing and
 * what to do instead: such a key is not a typo, so "did you mean" suggestions of unrelated keys would mislead.
 */
final class UnsupportedKeys {
    private static final String GSDE = "gSDE (generalized state-dependent exploration, Raffin et al. 2022) is not "
            + "implemented: continuous actions use a state-independent Gaussian; remove the key (policy_kwargs."
            + "log_std_init sets the initial exploration scale)";
    private static final String WRAPPERS = "env wrappers from Python are not available; remove the key (npg4j's envs "
            + "are registered with their Gymnasium wrappers, see npg4j envs)";

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("use_sde", GSDE),
            Map.entry("sde_sample_freq", GSDE),
            Map.entry("use_sde_at_warmup", GSDE),
            Map.entry("policy_kwargs.use_expln", GSDE),
            Map.entry("policy_kwargs.full_std", GSDE),
            Map.entry("policy_kwargs.squash_output", GSDE),
            Map.entry("policy_kwargs.optimizer_class", "the optimizer is fixed by the algorithm (Adam for the "
                    + "gradient methods, as SB3's default); remove the key"),
            Map.entry("policy_kwargs.optimizer_kwargs", "the optimizer's settings are the algorithm's keys (e.g. "
                    + "adam_epsilon, see npg4j algos); remove the key"),
            Map.entry("policy_kwargs.features_extractor_class", "policies are MLPs on the flat observation "
                    + "(MlpPolicy); remove the key"),
            Map.entry("policy_kwargs.share_features_extractor", "policies are MLPs on the flat observation "
                    + "(MlpPolicy); remove the key"),
            Map.entry("normalize_kwargs", "normalize takes VecNormalize's defaults; remove the key and use "
                    + "normalize: true, false or {norm_obs: true|false, norm_reward: true|false}"),
            Map.entry("env_wrapper", WRAPPERS),
            Map.entry("vec_env_wrapper", WRAPPERS),
            Map.entry("frame_stack", WRAPPERS),
            Map.entry("callback", "zoo callbacks are Python classes; remove the key"),
            Map.entry("sub_sampling_factor", "the TRPO policy step uses every sample of the rollout (sb3-contrib's "
                    + "default, sub_sampling_factor 1); remove the key"));

    private UnsupportedKeys() {
    }

    /** Why {@code key} (dotted for nested keys: {@code policy_kwargs.full_std}) is not supported, if it is known. */
    static Optional<String> explain(String key) {
        return Optional.ofNullable(WHY.get(key)).map(why -> "hyperparameter " + key + " is not supported: " + why);
    }
}
