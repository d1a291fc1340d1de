package org.npg4j.mujoco.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.npg4j.env.EnvProvider;
import org.npg4j.env.EnvSpec;
import org.npg4j.env.Kwargs;

/**
 * Gymnasium 1.0's MuJoCo tasks as registry entries: Hopper, HalfCheetah, Walker2d, Ant, Swimmer, InvertedPendulum,
 * InvertedDoublePendulum, Reacher, Pusher and Humanoid, each as {@code -v5} and {@code -v4}, with Gymnasium's time
 * limits (1000 steps; Reacher 50, Pusher 100) and its constructor arguments as kwargs. Core's registry finds them
 * through {@code META-INF/services/org.npg4j.env.EnvProvider}; listing them needs no MuJoCo, making one does.
 */
public final class GymnasiumTasks implements EnvProvider {

    /** A constructor of a task from its version, checked kwargs and time limit. */
    @FunctionalInterface
    private interface Task {
        GymnasiumMujocoEnv create(Version version, Kwargs kwargs, int maxEpisodeSteps);
    }

    @Override
    public List<EnvSpec> envs() {
        return specs();
    }

    /** The specs of all tasks, v5 and v4. */
    static List<EnvSpec> specs() {
        List<EnvSpec> specs = new ArrayList<>();
        both(specs, "Hopper", "hop forward on one leg without falling (3 torques, MuJoCo)", 1000,
                Hopper.KWARGS_V5, Hopper.KWARGS_V4, Hopper::new);
        both(specs, "HalfCheetah", "run forward with a planar two-legged cheetah (6 torques, MuJoCo)", 1000,
                HalfCheetah.KWARGS_V5, HalfCheetah.KWARGS_V4, HalfCheetah::new);
        both(specs, "Walker2d", "walk forward on two legs without falling (6 torques, MuJoCo)", 1000,
                Walker2d.KWARGS_V5, Walker2d.KWARGS_V4, Walker2d::new);
        both(specs, "Ant", "walk forward with a four-legged ant on a free joint (8 torques, MuJoCo)", 1000,
                Ant.KWARGS_V5, Ant.KWARGS_V4, Ant::new);
        both(specs, "Swimmer", "swim forward with a three-link swimmer in a viscous fluid (2 torques, MuJoCo)", 1000,
                Swimmer.KWARGS_V5, Swimmer.KWARGS_V4, Swimmer::new);
        both(specs, "InvertedPendulum", "balance a pole on a cart (1 force, MuJoCo)", 1000,
                InvertedPendulum.KWARGS_V5, Set.of(), InvertedPendulum::new);
        both(specs, "InvertedDoublePendulum", "balance two stacked poles on a cart (1 force, MuJoCo)", 1000,
                InvertedDoublePendulum.KWARGS_V5, Set.of(), InvertedDoublePendulum::new);
        both(specs, "Reacher", "move a two-link arm's fingertip to a random target (2 torques, MuJoCo)", 50,
                Reacher.KWARGS_V5, Set.of(), Reacher::new);
        both(specs, "Pusher", "push a cylinder to a goal with a seven-joint arm (7 torques, MuJoCo)", 100,
                Pusher.KWARGS_V5, Set.of(), Pusher::new);
        both(specs, "Humanoid", "walk forward with a 3-D humanoid without falling (17 torques, MuJoCo)", 1000,
                Humanoid.KWARGS_V5, Humanoid.KWARGS_V4, Humanoid::new);
        return specs;
    }

    private static void both(List<EnvSpec> specs, String name, String description, int maxEpisodeSteps,
            Set<String> kwargsV5, Set<String> kwargsV4, Task task) {
        specs.add(new EnvSpec(name + "-v5", description, maxEpisodeSteps, kwargsV5,
                (k, steps) -> task.create(Version.V5, k, steps)));
        specs.add(new EnvSpec(name + "-v4", description + ", Gymnasium's v4 rules", maxEpisodeSteps, kwargsV4,
                (k, steps) -> task.create(Version.V4, k, steps)));
    }
}
