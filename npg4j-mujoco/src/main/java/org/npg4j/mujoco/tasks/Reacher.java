package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's Reacher (v5, and v4): move the fingertip of a two-link planar arm to a random target (Gymnasium
 * {@code reacher_v5.py}). qpos = (joint 0, joint 1, target x, target y), nq = nv = 4, nu = 2; it never terminates.
 *
 * <p>Observation: {@code cos(qpos[0:2])}, {@code sin(qpos[0:2])}, the target {@code qpos[2:4]}, {@code qvel[0:2]} and
 * the fingertip − target vector from the bodies' {@code xpos} (as Gymnasium reads it after the step: the last RK4
 * stage point), its x and y (v5) or all three coordinates (v4). Reward: {@code −w_d * ‖fingertip − target‖ −
 * w_c * Σa²}; v5 measures the distance after the step, v4 before it (from the {@code xpos} the previous step left).
 *
 * <p>Reset: joint angles qpos0 + U(±0.1); the target uniform in the disc of radius 0.2 (rejection sampling from the
 * square, as Gymnasium); joint velocities U(±0.005), the target at rest.
 */
final class Reacher extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "reward_dist_weight", "reward_control_weight");
    private static final int FINGERTIP = 3;
    private static final int TARGET = 4;

    private final Version version;
    private final double rewardDistWeight;
    private final double rewardControlWeight;

    Reacher(Version version, Kwargs k, int maxEpisodeSteps) {
        super("Reacher" + version.suffix(), "reacher.xml", version == Version.V5 ? k.getInt("frame_skip", 2) : 2,
                version == Version.V5 ? 10 : 11, maxEpisodeSteps);
        this.version = version;
        this.rewardDistWeight = version == Version.V5 ? k.getDouble("reward_dist_weight", 1.0) : 1.0;
        this.rewardControlWeight = version == Version.V5 ? k.getDouble("reward_control_weight", 1.0) : 1.0;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        double[] q = initQpos.clone();
        for (int i = 0; i < q.length; i++) {
            q[i] = uniform(rng, -0.1, 0.1) + q[i];
        }
        double gx;
        double gy;
        do {
            gx = uniform(rng, -0.2, 0.2);
            gy = uniform(rng, -0.2, 0.2);
        } while (!(NumpySums.norm(gx, gy) < 0.2));
        q[2] = gx;
        q[3] = gy;
        double[] v = new double[q.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = uniform(rng, -0.005, 0.005);
        }
        v[2] = 0.0;
        v[3] = 0.0;
        setPhysicsState(q, v);
    }

    @Override
    protected void writeObservation(double[] out) {
        out[0] = StrictMath.cos(qpos[0]);
        out[1] = StrictMath.cos(qpos[1]);
        out[2] = StrictMath.sin(qpos[0]);
        out[3] = StrictMath.sin(qpos[1]);
        out[4] = qpos[2];
        out[5] = qpos[3];
        out[6] = qvel[0];
        out[7] = qvel[1];
        int axes = version == Version.V5 ? 2 : 3;
        for (int a = 0; a < axes; a++) {
            out[8 + a] = xpos(FINGERTIP, a) - xpos(TARGET, a);
        }
    }

    private double distance() {
        return NumpySums.norm(xpos(FINGERTIP, 0) - xpos(TARGET, 0), xpos(FINGERTIP, 1) - xpos(TARGET, 1),
                xpos(FINGERTIP, 2) - xpos(TARGET, 2));
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double rewardDist;
        if (version == Version.V4) {
            rewardDist = -distance();
            simulate(action);
        } else {
            simulate(action);
            rewardDist = -distance() * rewardDistWeight;
        }
        double rewardCtrl = -NumpySums.float32SumOfSquares(action) * rewardControlWeight;
        out.setReward(rewardDist + rewardCtrl);
        out.setTerminated(false);
        writeObservation(out.observation());
        out.setInfo(Map.of("reward_dist", rewardDist, "reward_ctrl", rewardCtrl));
    }
}
