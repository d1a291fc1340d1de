package org.npg4j.env;

import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A registry entry: the env id, a one-line description, the default time limit, the env-specific kwargs it
 * accepts (besides {@code max_episode_steps}, which every env accepts), and the factory building the env from the
 * checked kwargs and the resolved time limit.
 */
public record EnvSpec(String id, String description, int maxEpisodeSteps, Set<String> kwargs, Factory factory) {
    /** Builds an env from its kwargs and its resolved time limit (0 for none). */
    @FunctionalInterface
    public interface Factory {
        Env create(Kwargs kwargs, int maxEpisodeSteps);
    }

    public EnvSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        kwargs = Set.copyOf(kwargs);
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException(id + ": max_episode_steps must be >= 0, got " + maxEpisodeSteps);
        }
    }

    /** A spec for an env without env-specific kwargs. */
    public static EnvSpec of(String id, String description, int maxEpisodeSteps, IntFunction<Env> factory) {
        return new EnvSpec(id, description, maxEpisodeSteps, Set.of(), (k, steps) -> factory.apply(steps));
    }
}
