package org.npg4j.algo;

/**
 * Every metric key npg4j logs (metrics.csv, TensorBoard, reports), in one place. Keys that Stable-Baselines3 also
 * logs mean what SB3's mean (e.g. {@code train/n_updates} counts PPO's epochs, {@code train/approx_kl} is the mean
 * over the last epoch's minibatches); the others are npg4j's. A key of constraint i &gt; 0 carries the suffix
 * {@code _i} ({@link #indexed}).
 */
public final class MetricKeys {
    private MetricKeys() {
    }

    // Progress of training (the trainer).
    /** {@code time/total_timesteps} (SB3's key, same meaning). */
    public static final String TOTAL_TIMESTEPS = "time/total_timesteps";
    /** {@code time/fps} (SB3's key, same meaning). */
    public static final String FPS = "time/fps";
    /** {@code time/time_elapsed} (SB3's key, same meaning). */
    public static final String TIME_ELAPSED = "time/time_elapsed";
    /** {@code time/iterations} (SB3's key, same meaning). */
    public static final String ITERATIONS = "time/iterations";

    // Episodes that ended during training (the trainer).
    /** {@code rollout/ep_rew_mean} (SB3's key, same meaning). */
    public static final String EP_REW_MEAN = "rollout/ep_rew_mean";
    /** {@code rollout/ep_cost_mean} (npg4j's key). */
    public static final String EP_COST_MEAN = "rollout/ep_cost_mean";
    /** {@code rollout/ep_len_mean} (SB3's key, same meaning). */
    public static final String EP_LEN_MEAN = "rollout/ep_len_mean";

    // Constraint values of constrained runs (the trainer).
    /** {@code safety/cumulative_violation} (npg4j's key). */
    public static final String CUMULATIVE_VIOLATION = "safety/cumulative_violation";
    /** {@code safety/cost_limit} (npg4j's key). */
    public static final String COST_LIMIT = "safety/cost_limit";
    /** {@code safety/episode_cost} (npg4j's key). */
    public static final String EPISODE_COST = "safety/episode_cost";

    // The update (each algorithm).
    /** {@code train/value_loss} (SB3's key, same meaning). */
    public static final String VALUE_LOSS = "train/value_loss";
    /** {@code train/explained_variance} (SB3's key, same meaning). */
    public static final String EXPLAINED_VARIANCE = "train/explained_variance";
    /** {@code train/n_updates} (SB3's key, same meaning). */
    public static final String N_UPDATES = "train/n_updates";
    /** {@code train/learning_rate} (SB3's key, same meaning). */
    public static final String LEARNING_RATE = "train/learning_rate";
    /** {@code train/kl_divergence_loss} (SB3's key, same meaning). */
    public static final String KL_DIVERGENCE_LOSS = "train/kl_divergence_loss";
    /** {@code train/entropy_loss} (SB3's key, same meaning). */
    public static final String ENTROPY_LOSS = "train/entropy_loss";
    /** {@code train/policy_gradient_loss} (SB3's key, same meaning). */
    public static final String POLICY_GRADIENT_LOSS = "train/policy_gradient_loss";
    /** {@code train/cost_value_loss} (npg4j's key). */
    public static final String COST_VALUE_LOSS = "train/cost_value_loss";
    /** {@code train/cg_iterations} (SB3's key, same meaning). */
    public static final String CG_ITERATIONS = "train/cg_iterations";
    /** {@code train/approx_kl} (SB3's key, same meaning). */
    public static final String APPROX_KL = "train/approx_kl";
    /** {@code train/policy_objective} (SB3's key, same meaning). */
    public static final String POLICY_OBJECTIVE = "train/policy_objective";
    /** {@code train/lagrangian_multiplier} (npg4j's key). */
    public static final String LAGRANGIAN_MULTIPLIER = "train/lagrangian_multiplier";
    /** {@code train/is_line_search_success} (SB3's key, same meaning). */
    public static final String IS_LINE_SEARCH_SUCCESS = "train/is_line_search_success";
    /** {@code train/cost_surrogate} (npg4j's key). */
    public static final String COST_SURROGATE = "train/cost_surrogate";
    /** {@code train/clip_fraction} (SB3's key, same meaning). */
    public static final String CLIP_FRACTION = "train/clip_fraction";
    /** {@code train/step_size} (npg4j's key). */
    public static final String STEP_SIZE = "train/step_size";
    /** {@code train/slack} (npg4j's key). */
    public static final String SLACK = "train/slack";
    /** {@code train/rollout_kl} (npg4j's key). */
    public static final String ROLLOUT_KL = "train/rollout_kl";
    /** {@code train/policy_objective_gain} (npg4j's key). */
    public static final String POLICY_OBJECTIVE_GAIN = "train/policy_objective_gain";
    /** {@code train/policy_loss} (SB3's key, same meaning). */
    public static final String POLICY_LOSS = "train/policy_loss";
    /** {@code train/policy_gradient_norm} (npg4j's key). */
    public static final String POLICY_GRADIENT_NORM = "train/policy_gradient_norm";
    /** {@code train/mean_minibatch_kl} (npg4j's key). */
    public static final String MEAN_MINIBATCH_KL = "train/mean_minibatch_kl";
    /** {@code train/loss} (SB3's key, same meaning). */
    public static final String LOSS = "train/loss";
    /** {@code train/kl_coef} (npg4j's key). */
    public static final String KL_COEF = "train/kl_coef";
    /** {@code train/kappa} (npg4j's key). */
    public static final String KAPPA = "train/kappa";
    /** {@code train/epochs} (npg4j's key). */
    public static final String EPOCHS = "train/epochs";
    /** {@code train/divergence} (npg4j's key). */
    public static final String DIVERGENCE = "train/divergence";
    /** {@code train/ctrpo_mode} (npg4j's key). */
    public static final String CTRPO_MODE = "train/ctrpo_mode";
    /** {@code train/cost_threshold} (npg4j's key). */
    public static final String COST_THRESHOLD = "train/cost_threshold";
    /** {@code train/cost_penalty} (npg4j's key). */
    public static final String COST_PENALTY = "train/cost_penalty";
    /** {@code train/clip_range} (SB3's key, same meaning). */
    public static final String CLIP_RANGE = "train/clip_range";
    /** {@code train/cpo_case} (npg4j's key): the regime of CPO's step problem, 0 (recovery) to 4 (no cost gradient). */
    public static final String CPO_CASE = "train/cpo_case";
    /** {@code train/cost_multiplier} (npg4j's key): ν, the multiplier of the linearized cost constraint. */
    public static final String COST_MULTIPLIER = "train/cost_multiplier";
    /** {@code train/projection_size} (npg4j's key): PCPO's max(0, (aᵀx + c)/(aᵀL⁻¹a)), 0 when no projection. */
    public static final String PROJECTION_SIZE = "train/projection_size";

    /** The key of constraint {@code i}: {@code key} for the first, {@code key_i} after it. */
    public static String indexed(String key, int i) {
        return i == 0 ? key : key + "_" + i;
    }
}
