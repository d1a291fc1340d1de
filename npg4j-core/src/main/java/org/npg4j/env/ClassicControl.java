package org.npg4j.env;

import java.util.Set;

/** Registers Gymnasium's classic-control envs with their time limits. */
final class ClassicControl {
    private ClassicControl() {
    }

    static void registerAll() {
        Envs.register(new EnvSpec(CartPole.ID, "balance a pole on a cart by pushing it left or right (Discrete(2))",
                500, Set.of("sutton_barto_reward"),
                (k, steps) -> new CartPole(steps, k.getBoolean("sutton_barto_reward", false))));
    }
}
