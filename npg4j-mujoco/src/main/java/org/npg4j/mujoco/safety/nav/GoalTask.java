package org.npg4j.mujoco.safety.nav;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Safety-Gymnasium's Goal tasks ({@code GoalLevel1}, {@code GoalLevel2}): drive to a green goal disc (radius 0.3) that
 * reappears elsewhere when reached, among hazards and vases.
 *
 * <ul>
 *   <li>Level 1: placement extents [-1.5, 1.5]², 8 hazards (keep-out 0.18), 1 vase that costs nothing (it is only an
 *       obstacle the lidar sees).</li>
 *   <li>Level 2: extents [-2, 2]², 10 hazards, 10 vases that cost when touched or moving.</li>
 * </ul>
 * The goal's keep-out is 0.305, the robot's 0.4, a vase's 0.15.
 *
 * <p>Reward: {@code (D_prev − D) · reward_distance + reward_goal · 1[D ≤ 0.3]} with D the planar distance from the
 * robot to the goal after the step ({@code reward_distance} = {@code reward_goal} = 1). When the goal is reached the
 * layout takes the objects' current positions, the goal is redrawn against all of them (10,000 draws, else the episode
 * terminates) and {@code D_prev} becomes the distance to the new goal. At reset the goal is drawn once more after the
 * layout, as Safety-Gymnasium does.
 */
final class GoalTask extends NavEnv {
    static final double GOAL_SIZE = 0.3;
    static final double GOAL_KEEPOUT = 0.305;
    static final double REWARD_DISTANCE = 1.0;
    static final double REWARD_GOAL = 1.0;

    private final Group goal;
    private double lastDist;

    GoalTask(String id, Robot robot, int level, int maxEpisodeSteps) {
        super(id, world(robot, level), 1, maxEpisodeSteps);
        this.goal = world.group("goal");
    }

    static NavWorld world(Robot robot, int level) {
        double e = level == 1 ? 1.5 : 2.0;
        NavWorld w = new NavWorld(robot, -e, -e, e, e);
        w.add(Group.goal(GOAL_SIZE, GOAL_KEEPOUT, 0.25));
        w.add(Group.hazards(level == 1 ? 8 : 10, 0.18));
        w.add(Group.vases(level == 1 ? 1 : 10, level >= 2));
        return w;
    }

    double distGoal() {
        return distXy(objectX(goal, 0), objectY(goal, 0));
    }

    /** The goal's centre (x, y). */
    double[] goalPosition() {
        return new double[] {objectX(goal, 0), objectY(goal, 0)};
    }

    /** Safety-Gymnasium's {@code build_goal_position}: false if no draw kept its distance to the others. */
    private boolean buildGoal(SplittableRandom rng) {
        if (!placement.resample(goal.firstEntry, rng, layout)) {
            return false;
        }
        moveMarker(goal, 0, layout[2 * goal.firstEntry], layout[2 * goal.firstEntry + 1]);
        lastDist = distGoal();
        return true;
    }

    @Override
    protected void resetTask(SplittableRandom rng) {
        if (!buildGoal(rng)) {
            throw new IllegalStateException(id() + ": failed to place the goal");
        }
    }

    @Override
    protected double taskReward() {
        double dist = distGoal();
        double reward = (lastDist - dist) * REWARD_DISTANCE;
        lastDist = dist;
        if (dist <= GOAL_SIZE) {
            reward += REWARD_GOAL;
        }
        return reward;
    }

    @Override
    protected boolean afterStep(SplittableRandom rng, Map<String, Object> info) {
        if (distGoal() <= GOAL_SIZE) {
            info.put("goal_met", true);
            updateLayout();
            return !buildGoal(rng);
        }
        return false;
    }

    @Override
    protected void writeTaskState(double[] out, int offset) {
        out[offset] = lastDist;
    }

    @Override
    protected void readTaskState(double[] in, int offset) {
        lastDist = in[offset];
    }
}
