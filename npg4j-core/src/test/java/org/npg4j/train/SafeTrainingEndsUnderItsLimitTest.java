package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.npg4j.env.CartPoleSafe;
import org.npg4j.env.Env;
import org.npg4j.env.EnvSpec;
import org.npg4j.env.Envs;

/**
 * Sample-based safe algorithms (C3PO, C-TRPO) end under their limit on a small constrained task where unconstrained PPO, trained the
 * same way, violates it: CartPole with a narrow safe band for the cart (x_safe = 0.1, cost 1 per step outside), a
 * per-episode limit of 10, 14,336 steps (28 updates of 8 envs x 64 steps) of PPO's CartPole settings for both, and
 * the final evaluation of 20 episodes of the stochastic policy, the one the constraint was trained for.
 *
 * <p>Measured (seeds 0-7, mean episode cost of the evaluation, limit 10): C3PO 2.80, 0.65, 5.40, 5.25, 1.90, 3.80,
 * 2.45, 4.75 (returns 27-56); PPO 108, 283, 331, 100, 141, 156, 298, 104 (returns 153-401): balancing longer
 * lets the cart drift out of the band. PPO-Lagrangian was not robust here (gradient or PID multiplier, 14,336 and
 * 20,480 steps: one seed in four ended above 10, up to 33), as a multiplier that settles at the limit leaves the
 * final policy on either side of it.
 */
class SafeTrainingEndsUnderItsLimitTest {
    private static final String ENV = "CartPoleSafeNarrowBand-test";
    private static final double LIMIT = 10;
    private static final String SETTINGS = "n_envs: 8\nn_steps: 64\nbatch_size: 256\nn_epochs: 10\n"
            + "learning_rate: 0.001\ngamma: 0.98\ngae_lambda: 0.8\n";
    private static final long STEPS = 14_336;

    /** The mean episode cost of 20 stochastic evaluation episodes after training {@code algo} with seed 0 or 1. */
    private static double evaluatedCost(String algo, String config, long seed) {
        try (TrainingSetup run = Algorithms.build(algo, ENV, (ObjectNode) ConfigLayers.parse(config, "test"), seed,
                1)) {
            run.learn(STEPS);
            Env env = run.evaluationEnv();
            try {
                EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(run.policy(), env, 20, false, 1000 + seed);
                if (run.costLimits().length > 0) {
                    assertArrayEquals(new double[] {LIMIT}, run.costLimits());
                    assertTrue(r.meetsAll(run.costLimits()) == r.meanCosts()[0] <= LIMIT);
                }
                return r.meanCosts()[0];
            } finally {
                env.close();
            }
        }
    }

    @Test
    void c3poEndsUnderItsLimitWhereUnconstrainedPpoViolatesIt() throws Exception {
        try (var narrow = Envs.registerScoped(new EnvSpec(ENV, "CartPoleSafe-v0 with x_safe = 0.1", 500, Set.of(),
                (k, steps) -> new CartPoleSafe(steps, 0.1)))) {
            for (long seed = 0; seed < 2; seed++) {
                double safe = evaluatedCost("c3po", SETTINGS + "cost_limit: " + LIMIT + "\n", seed);
                double free = evaluatedCost("ppo", SETTINGS, seed);
                assertTrue(safe <= LIMIT, "seed " + seed + ": C3PO's evaluated episode cost " + safe + " > " + LIMIT);
                assertFalse(free <= LIMIT, "seed " + seed + ": PPO's episode cost " + free + " meets the limit too, "
                        + "so the task does not test the constraint");
            }
        }
    }

    /**
     * C-TRPO with TRPO's update on the same rollouts (critic minibatches of 128, critic learning rate 1e-3), against
     * unconstrained TRPO trained the same way. Measured (mean episode cost of the evaluation, limit 10): C-TRPO seeds
     * 0-7: 9.35, 1.05, 4.30, 3.55, 4.75, 6.80, 11.90, 7.45 (seven of eight under the limit); TRPO seeds 0-3: 372,
     * 131, 167, 139. The test runs seeds 1 and 2.
     */
    @Test
    void cTrpoEndsUnderItsLimitWhereUnconstrainedTrpoViolatesIt() throws Exception {
        try (var narrow = Envs.registerScoped(new EnvSpec(ENV, "CartPoleSafe-v0 with x_safe = 0.1", 500, Set.of(),
                (k, steps) -> new CartPoleSafe(steps, 0.1)))) {
            for (long seed = 1; seed <= 2; seed++) {
                double safe = evaluatedCost("ctrpo", TRPO_SETTINGS + "cost_limit: " + LIMIT + "\n", seed);
                double free = evaluatedCost("trpo", TRPO_SETTINGS, seed);
                assertTrue(safe <= LIMIT, "seed " + seed + ": C-TRPO's evaluated episode cost " + safe + " > " + LIMIT);
                assertFalse(free <= LIMIT, "seed " + seed + ": TRPO's episode cost " + free + " meets the limit too");
            }
        }
    }

    private static final String TRPO_SETTINGS = "n_envs: 8\nn_steps: 64\nbatch_size: 128\nlearning_rate: 0.001\n"
            + "gamma: 0.98\ngae_lambda: 0.8\n";
}
