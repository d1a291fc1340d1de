package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvProviderTest {
    /** A provider of one env, as a module outside core would list in META-INF/services. */
    static final class OnePendulum implements EnvProvider {
        @Override
        public List<EnvSpec> envs() {
            return List.of(EnvSpec.of("ProvidedPendulum-v0", "a pendulum from a provider", 50,
                    steps -> new Pendulum(steps, 10.0)));
        }
    }

    @Test
    void providedEnvsAreListedAndMadeLikeCoreOnes() {
        Envs.registerProviders(List.of(new OnePendulum()));
        assertTrue(Envs.ids().contains("ProvidedPendulum-v0"));
        assertEquals("a pendulum from a provider", Envs.describe("ProvidedPendulum-v0"));
        try (Env env = Envs.make("ProvidedPendulum-v0")) {
            assertEquals(50, env.maxEpisodeSteps());
            env.reset(0);
            env.step(new double[] {0.5});
        }
    }

    @Test
    void aProviderReusingAnIdFailsNamingTheProvider() {
        EnvProvider clash = () -> List.of(EnvSpec.of("CartPole-v1", "another cart-pole", 10, steps -> null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Envs.registerProviders(List.of(clash)));
        assertEquals(clash.getClass().getName() + ": env id CartPole-v1 is already registered", e.getMessage());
    }
}
