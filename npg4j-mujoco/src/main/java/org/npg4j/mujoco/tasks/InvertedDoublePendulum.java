package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's InvertedDoublePendulum (v5, and v4): keep two stacked poles upright on a cart (Gymnasium
 * {@code inverted_double_pendulum_v5.py}). qpos = (cart position, hinge 1, hinge 2), nq = nv = 3, nu = 1.
 *
 * <p>With (x, y) the x and z of the tip site ({@code site_xpos[0]}, read as Gymnasium reads it right after the step:
 * the last RK4 stage point): terminated when {@code y <= 1}; reward = alive bonus (v5: only when not terminated; v4:
 * always 10) − {@code (0.01 x² + (y − 2)²)} − {@code (0.001 v1² + 0.005 v2²)}.
 *
 * <p>Observation: {@code qpos[0]}, {@code sin(qpos[1:])}, {@code cos(qpos[1:])}, {@code clip(qvel, ±10)} and the clipped
 * constraint forces {@code clip(qfrc_constraint, ±10)}: the first one (v5, 9 values) or all three (v4, 11 values).
 */
final class InvertedDoublePendulum extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "healthy_reward", "reset_noise_scale");
    private static final Range CLIP = new Range(-10.0, 10.0);

    private final Version version;
    private final double healthyReward;
    private final double resetNoiseScale;
    private final double[] constraintForces = new double[3];

    InvertedDoublePendulum(Version version, Kwargs k, int maxEpisodeSteps) {
        super("InvertedDoublePendulum" + version.suffix(), "inverted_double_pendulum.xml",
                version == Version.V5 ? k.getInt("frame_skip", 5) : 5, version == Version.V5 ? 9 : 11,
                maxEpisodeSteps);
        this.version = version;
        this.healthyReward = version == Version.V5 ? k.getDouble("healthy_reward", 10.0) : 10.0;
        this.resetNoiseScale = version == Version.V5 ? k.getDouble("reset_noise_scale", 0.1) : 0.1;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniformGaussian(rng, resetNoiseScale, resetNoiseScale);
    }

    @Override
    protected void writeObservation(double[] out) {
        out[0] = qpos[0];
        out[1] = StrictMath.sin(qpos[1]);
        out[2] = StrictMath.sin(qpos[2]);
        out[3] = StrictMath.cos(qpos[1]);
        out[4] = StrictMath.cos(qpos[2]);
        for (int i = 0; i < 3; i++) {
            out[5 + i] = CLIP.clip(qvel[i]);
        }
        data.qfrcConstraint(constraintForces);
        int forces = version == Version.V5 ? 1 : 3;
        for (int i = 0; i < forces; i++) {
            out[8 + i] = CLIP.clip(constraintForces[i]);
        }
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        simulate(action);
        double x = siteXpos(0, 0);
        double y = siteXpos(0, 2);
        writeObservation(out.observation());
        boolean terminated = y <= 1;
        double v1 = qvel[1];
        double v2 = qvel[2];
        double distancePenalty = 0.01 * (x * x) + (y - 2) * (y - 2);
        double velocityPenalty = 0.001 * (v1 * v1) + 0.005 * (v2 * v2);
        double alive = version == Version.V5 ? healthyReward * (terminated ? 0 : 1) : 10.0;
        out.setReward(alive - distancePenalty - velocityPenalty);
        out.setTerminated(terminated);
        out.setInfo(version == Version.V5
                ? Map.of("reward_survive", alive, "distance_penalty", -distancePenalty,
                        "velocity_penalty", -velocityPenalty)
                : Map.of());
    }
}
