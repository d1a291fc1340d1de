package org.npg4j.env;

import java.util.Set;

/** Registers Gymnasium's classic-control envs with their time limits and kwargs. */
final class ClassicControl {
    private ClassicControl() {
    }

    static void registerAll() {
        Envs.register(new EnvSpec(CartPole.ID, "balance a pole on a cart by pushing it left or right (Discrete(2))",
                500, Set.of("sutton_barto_reward"),
                (k, steps) -> new CartPole(steps, k.getBoolean("sutton_barto_reward", false))));
        Envs.register(EnvSpec.of(Acrobot.ID,
                "swing the tip of a two-link pendulum above a line with torque -1/0/+1 (Discrete(3))", 500,
                Acrobot::new));
        Envs.register(new EnvSpec(MountainCar.ID,
                "drive an underpowered car up a hill by rocking it: left/none/right (Discrete(3))", 200,
                Set.of("goal_velocity"), (k, steps) -> new MountainCar(steps, k.getDouble("goal_velocity", 0.0))));
        Envs.register(new EnvSpec(MountainCarContinuous.ID,
                "mountain car with a continuous force in [-1, 1], reward 100 at the goal minus 0.1 a^2", 999,
                Set.of("goal_velocity"),
                (k, steps) -> new MountainCarContinuous(steps, k.getDouble("goal_velocity", 0.0))));
        Envs.register(new EnvSpec(Pendulum.ID,
                "swing up and hold an inverted pendulum with a torque in [-2, 2]", 200, Set.of("g"),
                (k, steps) -> new Pendulum(steps, k.getDouble("g", 10.0))));
    }
}
