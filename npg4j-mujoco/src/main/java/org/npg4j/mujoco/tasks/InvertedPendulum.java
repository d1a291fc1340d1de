package org.npg4j.mujoco.tasks;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.npg4j.env.Kwargs;
import org.npg4j.env.StepResult;

/**
 * Gymnasium 1.0's InvertedPendulum (v5, and v4): keep a pole upright on a cart moved by a force in [-3, 3]
 * (Gymnasium {@code inverted_pendulum_v5.py}, after Barto, Sutton and Anderson's cart-pole, IEEE SMC 1983). qpos =
 * (cart position, pole angle), nq = nv = 2, nu = 1.
 *
 * <p>Observation: {@code qpos ++ qvel}. Terminated when the observation is not finite or {@code |angle| > 0.2}.
 * Reward: v5 pays 1 on every step that does not terminate and 0 on the one that does; v4 pays 1 on every step.
 */
final class InvertedPendulum extends GymnasiumMujocoEnv {
    static final Set<String> KWARGS_V5 = Set.of("frame_skip", "reset_noise_scale");

    private final Version version;
    private final double resetNoiseScale;

    InvertedPendulum(Version version, Kwargs k, int maxEpisodeSteps) {
        super("InvertedPendulum" + version.suffix(), "inverted_pendulum.xml",
                version == Version.V5 ? k.getInt("frame_skip", 2) : 2, 4, maxEpisodeSteps);
        this.version = version;
        this.resetNoiseScale = version == Version.V5 ? k.getDouble("reset_noise_scale", 0.01) : 0.01;
    }

    @Override
    protected void sampleInitialState(SplittableRandom rng) {
        resetUniform(rng, resetNoiseScale, resetNoiseScale);
    }

    @Override
    protected void writeObservation(double[] out) {
        observePositionsAndVelocities(0, out);
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        simulate(action);
        double[] obs = out.observation();
        writeObservation(obs);
        boolean finite = true;
        for (double o : obs) {
            finite &= Double.isFinite(o);
        }
        boolean terminated = !finite || Math.abs(obs[1]) > 0.2;
        out.setTerminated(terminated);
        if (version == Version.V5) {
            double survive = terminated ? 0.0 : 1.0;
            out.setReward(survive);
            out.setInfo(Map.of("reward_survive", survive));
        } else {
            out.setReward(1.0);
            out.setInfo(Map.of());
        }
    }
}
