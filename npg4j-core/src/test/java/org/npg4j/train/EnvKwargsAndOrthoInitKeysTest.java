package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.Cpo;
import org.npg4j.env.Env;
import org.npg4j.policy.CostCritic;

/** The configuration keys {@code env_kwargs} and {@code policy_kwargs.ortho_init}. */
class EnvKwargsAndOrthoInitKeysTest {
    private static ObjectNode config(String... sets) {
        ObjectNode c = ConfigLayers.parseSet("n_steps=64");
        for (String s : sets) {
            c = ConfigLayers.merge(c, ConfigLayers.parseSet(s));
        }
        return c;
    }

    @Test
    void envKwargsReachTheTrainingAndEvaluationEnvsAndTheRunsConfig() {
        try (TrainingSetup setup = Algorithms.build("ppo", "Pendulum-v1", config("env_kwargs.max_episode_steps=7",
                "env_kwargs.g=2.5"), 0, 1)) {
            assertEquals("{\"max_episode_steps\":7,\"g\":2.5}",
                    setup.hyperparameters().toNode().get("env_kwargs").toString());
            assertTrue(RunDirectoryWriter.configYaml(setup, "default", ConfigLayers.parseSet("threads=1"))
                    .contains("env_kwargs:\n    max_episode_steps: 7\n    g: 2.5\n"));
            setup.learn(128);
            // Training episodes end at the env's 7-step limit: 128 steps of one env are 18 whole episodes.
            try (Env eval = setup.evaluationEnv()) {
                EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(setup.policy(), eval, 3, true, 0);
                assertEquals(7.0, r.meanLength());
            }
        }
        try (TrainingSetup plain = Algorithms.build("ppo", "Pendulum-v1", config(), 0, 1);
             Env eval = plain.evaluationEnv()) {
            assertEquals("{}", plain.hyperparameters().toNode().get("env_kwargs").toString());
            assertEquals(200.0, EpisodeEvaluation.evaluate(plain.policy(), eval, 1, true, 0).meanLength());
        }
    }

    @Test
    void anUnknownOrIllTypedEnvKwargFailsNamingIt() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("ppo", "Pendulum-v1", config("env_kwargs.gravity=9.8"), 0, 1));
        assertEquals("hyperparameter env_kwargs: Pendulum-v1: unknown kwarg 'gravity'; valid kwargs: g, "
                + "max_episode_steps", unknown.getMessage());
        IllegalArgumentException typed = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("ppo", "Pendulum-v1", config("env_kwargs.g=heavy"), 0, 1));
        assertTrue(typed.getMessage().startsWith("hyperparameter env_kwargs: Pendulum-v1: kwarg 'g'"),
                typed.getMessage());
        IllegalArgumentException notMapping = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("ppo", "Pendulum-v1", config("env_kwargs=3"), 0, 1));
        assertEquals("hyperparameter env_kwargs: expected a mapping, found 3", notMapping.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("ppo", "Pendulum-v1", config("env_kwargs.g="), 0, 1));
        assertEquals("hyperparameter env_kwargs.g: expected a value, found null", empty.getMessage());
    }

    @Test
    void envKwargsKeepTheirYamlTypes() {
        assertEquals(Map.of("a", 2, "b", 2.0, "c", true, "d", "inf", "e", List.of(0.7, "inf"), "f", 5_000_000_000L),
                Hyperparameters.envKwargs(ConfigLayers.parse("{a: 2, b: 2.0, c: true, d: inf, e: [0.7, inf], "
                        + "f: 5000000000}", "test")));
        assertEquals(Map.of(), Hyperparameters.envKwargs(null));
    }

    @Test
    void orthoInitIsAPolicyKeyEchoedInTheConfigAndFalseGivesADifferentDeterministicInit() {
        try (TrainingSetup ortho = Algorithms.build("ppo", "Pendulum-v1", config(), 3, 1);
             TrainingSetup explicit = Algorithms.build("ppo", "Pendulum-v1",
                     config("policy_kwargs.ortho_init=true"), 3, 1);
             TrainingSetup uniform = Algorithms.build("ppo", "Pendulum-v1",
                     config("policy_kwargs.ortho_init=false"), 3, 1);
             TrainingSetup again = Algorithms.build("ppo", "Pendulum-v1",
                     config("policy_kwargs.ortho_init=false"), 3, 1)) {
            assertTrue(ortho.architecture().orthoInit());
            assertFalse(uniform.architecture().orthoInit());
            assertTrue(ortho.hyperparameters().toNode().get("policy_kwargs").get("ortho_init").booleanValue());
            assertFalse(uniform.hyperparameters().toNode().get("policy_kwargs").get("ortho_init").booleanValue());
            assertArrayEquals(ortho.policy().parameters(), explicit.policy().parameters());
            assertArrayEquals(uniform.policy().parameters(), again.policy().parameters());
            assertFalse(Arrays.equals(ortho.policy().parameters(), uniform.policy().parameters()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Algorithms.build("ppo", "Pendulum-v1", config("policy_kwargs.ortho_init=maybe"), 0, 1));
        assertEquals("hyperparameter policy_kwargs.ortho_init: expected true or false, found \"maybe\"",
                e.getMessage());
    }

    @Test
    void costCriticsOfAConstrainedRunFollowOrthoInit() {
        try (TrainingSetup uniform = Algorithms.build("cpo", "CartPoleSafe-v0",
                config("policy_kwargs.ortho_init=false"), 4, 1);
             TrainingSetup ortho = Algorithms.build("cpo", "CartPoleSafe-v0", config(), 4, 1)) {
            CostCritic u = ((Cpo) uniform.update()).costCritic();
            CostCritic o = ((Cpo) ortho.update()).costCritic();
            int bias = u.network().biasOffset(0);
            int width = u.network().size(1);
            double[] uBias = Arrays.copyOfRange(u.parameters(), bias, bias + width);
            double[] oBias = Arrays.copyOfRange(o.parameters(), bias, bias + width);
            assertArrayEquals(new double[width], oBias, "orthogonal: zero biases");
            double bound = 1.0 / Math.sqrt(u.network().size(0));
            assertTrue(Arrays.stream(uBias).allMatch(v -> Math.abs(v) <= bound)
                    && Arrays.stream(uBias).anyMatch(v -> v != 0), Arrays.toString(uBias));
        }
    }
}
