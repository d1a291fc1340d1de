package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's Pusher (v5, and v4): a seven-joint arm pushes a cylinder to a goal on a table (Gymnasium
 * {@code pusher_v5.py}). qpos = (7 arm joints, object y, object x, goal y, goal x), nq = nv = 11, nu = 7; it never
 * terminates. v5 uses {@code pusher.xml}, v4 {@code pusher_v4.xml} (a lighter object with an extra invisible sphere).
 *
 * <p>Observation (23): {@code qpos[:7]}, {@code qvel[:7]}, and the {@code xpos} of the bodies tips_arm, object and
 * goal. Reward: {@code −w_n ‖object − tips‖ − w_d ‖object − goal‖ − w_c Σa²}; v5 measures after the step, v4 before
 * it with the fixed weights (0.5, 1, 0.1).
 *
 * <p>Reset: the arm at qpos0; the object's (y, x) slides uniform in [-0.3, 0] x [-0.2, 0.2] until it lies farther than 0.17 from the
 * goal at the origin; arm velocities U(±0.005), object and goal at rest.
 */
final class Pusher extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "reward_near_weight", "reward_dist_weight",
            "reward_control_weight");
    private static final int TIPS_ARM = 10;
    private static final int OBJECT = 11;
    private static final int GOAL = 12;

    private final Version version;
    private final double rewardNearWeight;
    private final double rewardDistWeight;
    private final double rewardControlWeight;

    Pusher(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Pusher" + version.suffix(), version == Version.V5 ? "pusher.xml" : "pusher_v4.xml",
                version == Version.V5 ? k.getInt("frame_skip", 5) : 5, 23, maxEpisodeSteps);
        this.version = version;
        this.rewardNearWeight = version == Version.V5 ? k.getDouble("reward_near_weight", 0.5) : 0.5;
        this.rewardDistWeight = version == Version.V5 ? k.getDouble("reward_dist_weight", 1.0) : 1.0;
        this.rewardControlWeight = version == Version.V5 ? k.getDouble("reward_control_weight", 0.1) : 0.1;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        double[] q = initQpos.clone();
        // Gymnasium's first draw goes to the object's y slide (qpos[7]), the second to its x slide (qpos[8]).
        double slideY;
        double slideX;
        do {
            slideY = uniform(rng, -0.3, 0.0);
            slideX = uniform(rng, -0.2, 0.2);
        } while (!(NumpySums.norm(slideY, slideX) > 0.17));
        int n = q.length;
        q[n - 4] = slideY;
        q[n - 3] = slideX;
        q[n - 2] = 0.0;
        q[n - 1] = 0.0;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = uniform(rng, -0.005, 0.005);
        }
        for (int i = n - 4; i < n; i++) {
            v[i] = 0.0;
        }
        setPhysicsState(q, v);
    }

    @Override
    protected void writeObservation(double[] out) {
        System.arraycopy(qpos, 0, out, 0, 7);
        System.arraycopy(qvel, 0, out, 7, 7);
        for (int a = 0; a < 3; a++) {
            out[14 + a] = xpos(TIPS_ARM, a);
            out[17 + a] = xpos(OBJECT, a);
            out[20 + a] = xpos(GOAL, a);
        }
    }

    private double distance(int from, int to) {
        return NumpySums.norm(xpos(from, 0) - xpos(to, 0), xpos(from, 1) - xpos(to, 1),
                xpos(from, 2) - xpos(to, 2));
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        if (version == Version.V4) {
            double rewardNear = -distance(OBJECT, TIPS_ARM);
            double rewardDist = -distance(OBJECT, GOAL);
            double rewardCtrl = -NumpySums.float32SumOfSquares(action);
            out.setReward(rewardDist + 0.1 * rewardCtrl + 0.5 * rewardNear);
            simulate(action);
            out.setInfo(Map.of("reward_dist", rewardDist, "reward_ctrl", rewardCtrl));
        } else {
            simulate(action);
            double rewardNear = -distance(OBJECT, TIPS_ARM) * rewardNearWeight;
            double rewardDist = -distance(OBJECT, GOAL) * rewardDistWeight;
            double rewardCtrl = -NumpySums.float32SumOfSquares(action) * rewardControlWeight;
            out.setReward(rewardDist + rewardCtrl + rewardNear);
            out.setInfo(Map.of("reward_dist", rewardDist, "reward_ctrl", rewardCtrl, "reward_near", rewardNear));
        }
        out.setTerminated(false);
        writeObservation(out.observation());
    }
}
