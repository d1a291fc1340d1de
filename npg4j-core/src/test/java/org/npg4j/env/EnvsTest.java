package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvsTest {
    @Test
    void registryHoldsClassicControlWithGymnasiumTimeLimits() {
        assertTrue(Envs.ids().containsAll(List.of("Acrobot-v1", "CartPole-v1", "MountainCar-v0",
                "MountainCarContinuous-v0", "Pendulum-v1")));
        Map<String, Integer> limits = Map.of("CartPole-v1", 500, "Acrobot-v1", 500, "MountainCar-v0", 200,
                "MountainCarContinuous-v0", 999, "Pendulum-v1", 200);
        limits.forEach((id, steps) -> {
            Env env = Envs.make(id);
            assertEquals(id, env.id());
            assertEquals(steps, env.maxEpisodeSteps(), id);
            assertEquals(0, env.costCount());
            assertFalse(Envs.describe(id).isBlank());
        });
    }

    @Test
    void unknownIdListsClosestIds() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Cartpole-v0"));
        assertEquals("unknown env id 'Cartpole-v0'; closest: CartPole-v1, CartPoleSafe-v0, Acrobot-v1 (see npg4j envs)",
                e.getMessage());
    }

    @Test
    void unknownKwargNamesItAndTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Pendulum-v1", Map.of("gravity", 9.81)));
        assertEquals("Pendulum-v1: unknown kwarg 'gravity'; valid kwargs: g, max_episode_steps", e.getMessage());
    }

    @Test
    void illTypedKwargNamesItTheTypeAndTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.make("Pendulum-v1", Map.of("g", "ten")));
        assertEquals("Pendulum-v1: kwarg 'g' must be a number, got String ten", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("CartPole-v1", Map.of("max_episode_steps", 2.5)));
        assertEquals("CartPole-v1: kwarg 'max_episode_steps' must be an integer, got Double 2.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("CartPole-v1", Map.of("max_episode_steps", -1)));
        assertEquals("CartPole-v1: kwarg 'max_episode_steps' must be >= 0 (0 = no limit), got -1", e.getMessage());
    }

    @Test
    void kwargsChangeTheEnv() {
        Env limited = Envs.make("CartPole-v1", Map.of("max_episode_steps", 7));
        assertEquals(7, limited.maxEpisodeSteps());
        // Pendulum with g = 0: from rest at θ = 1 with no torque the pendulum does not move.
        Env p = Envs.make("Pendulum-v1", Map.of("g", 0));
        p.setState(new double[] {1.0, 0.0}, 0);
        p.step(new double[] {0.0});
        assertEquals(1.0, p.state()[0]);
        Env unlimited = Envs.make("MountainCar-v0", Map.of("max_episode_steps", 0));
        unlimited.reset(0);
        for (int i = 0; i < 1000; i++) {
            assertFalse(unlimited.step(1).truncated());
        }
    }

    @Test
    void duplicateRegistrationFails() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Envs.register(EnvSpec.of("CartPole-v1", "again", 1, steps -> new CartPole(steps, false))));
        assertEquals("env id CartPole-v1 is already registered", e.getMessage());
    }

    @Test
    void aScopedRegistrationReplacesAnIdUntilClosed() {
        EnvSpec shortPole = new EnvSpec("CartPole-v1", "a test's stand-in", 7, java.util.Set.of(),
                (kwargs, steps) -> new CartPole(steps, false));
        try (Envs.Registration r = Envs.registerScoped(shortPole)) {
            assertEquals(7, Envs.make("CartPole-v1").maxEpisodeSteps());
            assertEquals("a test's stand-in", Envs.describe("CartPole-v1"));
        }
        assertEquals(500, Envs.make("CartPole-v1").maxEpisodeSteps(), "the shipped env is back");
        EnvSpec fresh = new EnvSpec("Scoped-v0", "only inside the scope", 5, java.util.Set.of(),
                (kwargs, steps) -> new CartPole(steps, false));
        try (Envs.Registration r = Envs.registerScoped(fresh)) {
            assertTrue(Envs.ids().contains("Scoped-v0"));
        }
        assertFalse(Envs.ids().contains("Scoped-v0"));
    }
}
