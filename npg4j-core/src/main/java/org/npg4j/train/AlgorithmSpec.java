package org.npg4j.train;

import java.util.Objects;
import java.util.function.BiConsumer;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.rollout.RolloutConfig;

/**
 * One algorithm of the registry ({@link Algorithms}): its name as the CLI spells it, a one-line description,
 * whether it is constrained (it needs an env with costs and takes {@code cost_limit}), its rollout defaults, its
 * configuration keys (whose defaults are its config record's), a check of the config against the rollout, and how
 * its update is built.
 *
 * @param name        registry name ({@code ppo})
 * @param description one line for listings and help texts
 * @param constrained whether it needs an env with costs
 * @param rollout     the default collection settings (n_steps, gamma, gae_lambda, n_envs, normalize)
 * @param keys        the config record's keys
 * @param check       checks a config against the rollout before any env is made (e.g. whole minibatches)
 * @param update      builds the update
 * @param <C>         the config record
 */
public record AlgorithmSpec<C>(String name, String description, boolean constrained, RolloutConfig rollout,
                               ConfigKeys<C, ?> keys, BiConsumer<C, RolloutConfig> check, UpdateFactory<C> update) {
    /** Builds an algorithm's update from its config and the run's context. */
    @FunctionalInterface
    public interface UpdateFactory<C> {
        OnPolicyAlgorithm create(C config, UpdateContext context);
    }

    public AlgorithmSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(update, "update");
        if (check == null) {
            check = (c, r) -> { };
        }
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("algorithm names are lower case words joined by '-', got \"" + name
                    + "\"");
        }
    }

    /** A spec whose config needs no check against the rollout. */
    public AlgorithmSpec(String name, String description, boolean constrained, RolloutConfig rollout,
                         ConfigKeys<C, ?> keys, UpdateFactory<C> update) {
        this(name, description, constrained, rollout, keys, null, update);
    }

    /** The update for {@code config} in {@code context}, after the config's check against the rollout. */
    public OnPolicyAlgorithm create(C config, UpdateContext context) {
        check.accept(config, context.rollout());
        return update.create(config, context);
    }
}
