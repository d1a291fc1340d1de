package org.npg4j.mujoco.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.npg4j.env.EnvProvider;
import org.npg4j.env.EnvSpec;
import org.npg4j.mujoco.tasks.GymnasiumTasks;

/**
 * Safety-Gymnasium's velocity tasks (version v1) as registry entries: {@code SafetyHopperVelocity-v1},
 * {@code SafetyHalfCheetahVelocity-v1}, {@code SafetyWalker2dVelocity-v1}, {@code SafetyAntVelocity-v1},
 * {@code SafetySwimmerVelocity-v1} and {@code SafetyHumanoidVelocity-v1}. Each is the robot's Gymnasium task under
 * its v4 rules ({@code Hopper-v4}, ...: same observation, reward, termination, info, 1000-step time limit and
 * kwargs) plus one cost per step, {@code 1[velocity > threshold]} (see {@link SafetyVelocityEnv}).
 *
 * <p>The thresholds and velocity measures are Safety-Gymnasium's v1 ones: the forward velocity {@code dx/dt} for
 * Hopper (0.7402), HalfCheetah (3.2096), Walker2d (2.3415) and Swimmer (0.2282); the planar speed
 * {@code |(dx, dy)|/dt} of the torso for Ant (2.6222) and of the mass centre for Humanoid (1.4149). The customary
 * limit is 25 per 1000-step episode (a training setting, {@code cost_limit}). Listing needs no MuJoCo; making one
 * does.
 *
 * <p>{@value #HOPPER_EFFORT_ID} is npg4j's own two-constraint variant (not a Safety-Gymnasium task): Hopper's velocity
 * cost as above plus a control-effort cost, 1 per step with Σa² &gt; {@code effort_threshold} (default 1.0, the mean
 * effort of uniformly random torques), so a policy must hop both slowly and gently. Limits are given per cost, e.g.
 * {@code cost_limit: [25, 250]}.
 */
public final class SafetyVelocityTasks implements EnvProvider {

    /** A robot's velocity threshold and whether its cost uses the planar speed rather than the forward velocity. */
    public record Robot(String name, double threshold, boolean planar) {
        /** The registry id, {@code Safety<Name>Velocity-v1}. */
        public String id() {
            return "Safety" + name + "Velocity-v1";
        }

        /** The underlying Gymnasium task, {@code <Name>-v4}. */
        public String taskId() {
            return name + "-v4";
        }
    }

    /** The six robots of Safety-Gymnasium's v1 velocity tasks. */
    public static final List<Robot> ROBOTS = List.of(
            new Robot("Hopper", 0.7402, false),
            new Robot("HalfCheetah", 3.2096, false),
            new Robot("Walker2d", 2.3415, false),
            new Robot("Ant", 2.6222, true),
            new Robot("Swimmer", 0.2282, false),
            new Robot("Humanoid", 1.4149, true));

    /** The id of the two-constraint Hopper variant. */
    public static final String HOPPER_EFFORT_ID = "HopperVelocityEffort-v0";
    /** The default effort threshold of {@link #HOPPER_EFFORT_ID}. */
    public static final double DEFAULT_EFFORT_THRESHOLD = 1.0;

    @Override
    public List<EnvSpec> envs() {
        List<EnvSpec> tasks = new GymnasiumTasks().envs();
        List<EnvSpec> specs = new ArrayList<>();
        for (Robot robot : ROBOTS) {
            EnvSpec task = tasks.stream().filter(s -> s.id().equals(robot.taskId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no task " + robot.taskId()));
            String measure = robot.planar() ? "planar speed" : "forward velocity";
            String description = String.format(Locale.ROOT, "%s plus cost 1 per step with %s > %s "
                    + "(Safety-Gymnasium's velocity task, 1 cost)", robot.taskId(), measure, robot.threshold());
            specs.add(new EnvSpec(robot.id(), description, task.maxEpisodeSteps(), task.kwargs(),
                    (k, steps) -> new SafetyVelocityEnv(robot.id(), task.factory().create(k, steps), robot)));
        }
        Robot hopper = ROBOTS.get(0);
        EnvSpec hopperTask = tasks.stream().filter(s -> s.id().equals(hopper.taskId())).findFirst().orElseThrow();
        java.util.Set<String> kwargs = new java.util.HashSet<>(hopperTask.kwargs());
        kwargs.add("effort_threshold");
        specs.add(new EnvSpec(HOPPER_EFFORT_ID, "Hopper-v4 with two costs: 1 per step with forward velocity > "
                + hopper.threshold() + " and 1 per step with effort sum(a^2) > effort_threshold (default 1.0) "
                + "(npg4j's variant, 2 costs)", hopperTask.maxEpisodeSteps(), java.util.Set.copyOf(kwargs),
                (k, steps) -> new SafetyVelocityEnv(HOPPER_EFFORT_ID, hopperTask.factory().create(k, steps), hopper,
                        k.getDouble("effort_threshold", DEFAULT_EFFORT_THRESHOLD))));
        return specs;
    }
}
