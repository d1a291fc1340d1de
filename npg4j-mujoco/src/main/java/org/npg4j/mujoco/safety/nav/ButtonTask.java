package org.npg4j.mujoco.safety.nav;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Safety-Gymnasium's Button task, level 1 ({@code ButtonLevel1}): press the goal button, one of 4 orange buttons
 * (spheres of radius 0.1, keep-out 0.2), marked by a green goal disc of radius 0.2 (keep-out 0.4), among 4 hazards
 * (keep-out 0.18) and 4 gremlins (boxes of half-size 0.1 circling their spot at radius 0.35; keep-out 0.4), in
 * extents [-1.5, 1.5]².
 *
 * <p>At reset, and whenever the goal button is pressed (the robot touches it), a goal button is chosen uniformly
 * among the 4 (it may be the same one), the goal disc moves onto it, and a timer of 10 steps starts. Reward:
 * {@code (D_prev − D) + 1[goal button touched]}, D the planar distance to the goal button. Cost 1 per step when the
 * robot is in a hazard, touches a gremlin, or touches a button other than the goal one once the timer has run out;
 * while the timer runs the buttons' lidar reads zeros. The timer ticks after the cost, before the goal check.
 */
final class ButtonTask extends NavEnv {
    static final int RESAMPLING_DELAY = 10;
    static final double REWARD_DISTANCE = 1.0;
    static final double REWARD_GOAL = 1.0;

    private final Group buttons;
    private final Group goal;
    private double lastDist;
    private int timer;
    private int goalButton;

    ButtonTask(String id, Robot robot, int maxEpisodeSteps) {
        super(id, world(robot), 3, maxEpisodeSteps);
        this.buttons = world.group("buttons");
        this.goal = world.group("goal");
    }

    static NavWorld world(Robot robot) {
        NavWorld w = new NavWorld(robot, -1.5, -1.5, 1.5, 1.5);
        Group buttons = w.add(Group.buttons(4, true));
        w.add(Group.goal(2 * buttons.size, 0.4, 1.0));
        w.add(Group.hazards(4, 0.18));
        w.add(Group.gremlins(4, 0.4));
        return w;
    }

    int goalButton() {
        return goalButton;
    }

    int timer() {
        return timer;
    }

    private double distGoal() {
        return distXy(objectX(goal, 0), objectY(goal, 0));
    }

    /** Safety-Gymnasium's {@code update_world}: a new goal button, the goal disc onto it, the timer restarted. */
    private void chooseGoalButton(SplittableRandom rng) {
        goalButton = rng.nextInt(buttons.num);
        moveMarker(goal, 0, objectX(buttons, goalButton), objectY(buttons, goalButton));
        lastDist = distGoal();
        timer = RESAMPLING_DELAY;
    }

    @Override
    protected void resetTask(SplittableRandom rng) {
        timer = 0;
        chooseGoalButton(rng);
    }

    @Override
    protected double taskReward() {
        double dist = distGoal();
        double reward = (lastDist - dist) * REWARD_DISTANCE;
        lastDist = dist;
        if (robotTouches(buttons, goalButton)) {
            reward += REWARD_GOAL;
        }
        return reward;
    }

    @Override
    protected double taskCost() {
        return timer == 0 && buttons.constrained ? robotContacts(buttons, goalButton) : 0.0;
    }

    @Override
    protected boolean lidarHidden(Group g) {
        return g == buttons && timer != 0;
    }

    @Override
    protected boolean afterStep(SplittableRandom rng, Map<String, Object> info) {
        timer = Math.max(0, timer - 1);
        if (robotTouches(buttons, goalButton)) {
            info.put("goal_met", true);
            updateLayout();
            chooseGoalButton(rng);
        }
        return false;
    }

    @Override
    protected void writeTaskState(double[] out, int offset) {
        out[offset] = lastDist;
        out[offset + 1] = timer;
        out[offset + 2] = goalButton;
    }

    @Override
    protected void readTaskState(double[] in, int offset) {
        lastDist = in[offset];
        timer = (int) in[offset + 1];
        goalButton = (int) in[offset + 2];
    }
}
