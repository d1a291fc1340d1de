package org.npg4j.mujoco.safety;

import java.util.Map;
import org.npg4j.env.Env;
import org.npg4j.env.Space;
import org.npg4j.env.StepResult;
import org.npg4j.math.StateMap;

/**
 * A Safety-Gymnasium velocity task: a Gymnasium MuJoCo locomotion task under its v4 rules (observation, reward,
 * termination, info and time limit unchanged) plus one cost per step, 1 when the robot's velocity exceeds the
 * robot's threshold and 0 otherwise. The velocity is the one the task itself computes for its reward and reports in
 * its info ({@code x_velocity}, and {@code y_velocity} for the planar speed), so the cost is exactly Safety-Gymnasium's
 * {@code float(velocity > threshold)} of the same step. After a reset the cost is 0.
 *
 * <p>With an effort threshold (npg4j's two-constraint variant, {@code HopperVelocityEffort-v0}) a second cost
 * follows: 1 when the step's control effort Σa² (the action as given, the quantity the control cost charges)
 * exceeds the threshold, else 0.
 *
 * <p>The task is owned: closing this env closes it. Checkpoints and {@code state()}/{@code setState} are the task's
 * (this env keeps no state of its own).
 */
public final class SafetyVelocityEnv implements Env {
    private final String id;
    private final Env task;
    private final SafetyVelocityTasks.Robot robot;
    private final StepResult result;
    /** The effort threshold of the second cost, NaN for the single velocity cost. */
    private final double effortThreshold;

    /**
     * @param id    the registry id ({@code SafetyHopperVelocity-v1})
     * @param task  the underlying v4 task, owned from here on
     * @param robot the robot's threshold and velocity measure
     */
    SafetyVelocityEnv(String id, Env task, SafetyVelocityTasks.Robot robot) {
        this(id, task, robot, Double.NaN);
    }

    /** With a second cost, 1[Σa² &gt; effortThreshold], unless the threshold is NaN. */
    SafetyVelocityEnv(String id, Env task, SafetyVelocityTasks.Robot robot, double effortThreshold) {
        if (task.costCount() != 0) {
            throw new IllegalArgumentException(id + ": the underlying task " + task.id() + " already reports costs");
        }
        if (!Double.isNaN(effortThreshold) && !(effortThreshold >= 0 && Double.isFinite(effortThreshold))) {
            task.close();
            throw new IllegalArgumentException(id + ": effort_threshold must be finite and >= 0, got "
                    + effortThreshold);
        }
        this.id = id;
        this.task = task;
        this.robot = robot;
        this.effortThreshold = effortThreshold;
        this.result = new StepResult(task.observationSpace().dim(), Double.isNaN(effortThreshold) ? 1 : 2);
    }

    /** The velocity threshold above which a step costs 1. */
    public double velocityThreshold() {
        return robot.threshold();
    }

    /**
     * The velocity the cost compares with the threshold, from a step's info: {@code x_velocity}, or the planar speed
     * {@code sqrt(x_velocity² + y_velocity²)} for the robots whose cost uses it (Ant, Humanoid).
     */
    public double velocity(Map<String, Object> info) {
        double vx = number(info, "x_velocity");
        if (!robot.planar()) {
            return vx;
        }
        double vy = number(info, "y_velocity");
        return Math.sqrt(vx * vx + vy * vy);
    }

    private double number(Map<String, Object> info, String key) {
        Object v = info.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException(id + ": the step info of " + task.id() + " has no number '" + key + "'");
        }
        return n.doubleValue();
    }

    private StepResult copy(StepResult r, boolean stepped) {
        return copy(r, stepped, null);
    }

    private StepResult copy(StepResult r, boolean stepped, double[] action) {
        System.arraycopy(r.observation(), 0, result.observation(), 0, result.observation().length);
        result.setReward(r.reward());
        result.setTerminated(r.terminated());
        result.setTruncated(r.truncated());
        result.setInfo(r.info());
        result.costs()[0] = stepped && velocity(r.info()) > robot.threshold() ? 1.0 : 0.0;
        if (result.costs().length > 1) {
            double effort = 0;
            if (stepped) {
                for (double a : action) {
                    effort += a * a;
                }
            }
            result.costs()[1] = stepped && effort > effortThreshold ? 1.0 : 0.0;
        }
        return result;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Space observationSpace() {
        return task.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return task.actionSpace();
    }

    @Override
    public int maxEpisodeSteps() {
        return task.maxEpisodeSteps();
    }

    @Override
    public int costCount() {
        return result.costs().length;
    }

    @Override
    public StepResult reset(long seed) {
        return copy(task.reset(seed), false);
    }

    @Override
    public StepResult reset() {
        return copy(task.reset(), false);
    }

    @Override
    public StepResult step(int action) {
        return copy(task.step(action), true);
    }

    @Override
    public StepResult step(double[] action) {
        return copy(task.step(action), true, action);
    }

    @Override
    public int elapsedSteps() {
        return task.elapsedSteps();
    }

    @Override
    public double[] state() {
        return task.state();
    }

    @Override
    public StepResult setState(double[] state, int elapsedSteps) {
        return copy(task.setState(state, elapsedSteps), false);
    }

    @Override
    public void writeCheckpoint(StateMap out) {
        task.writeCheckpoint(out);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        task.readCheckpoint(in);
    }

    @Override
    public void close() {
        task.close();
    }

    @Override
    public String toString() {
        return id + "<" + task + ">";
    }
}
