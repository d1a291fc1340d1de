package org.npg4j.mujoco;

import java.util.SplittableRandom;
import org.npg4j.env.StepResult;

/**
 * The env {@link MujocoEnvBuilder} makes: the builder's functions over a {@link MujocoEnv}. A null observation
 * function means the default, {@code qpos ++ qvel}.
 */
final class CustomMujocoEnv extends MujocoEnv {
    private final MujocoEnvBuilder.ObservationFunction observation;
    private final MujocoEnvBuilder.RewardFunction reward;
    private final MujocoEnvBuilder.TerminationFunction termination;
    private final double resetNoise;
    private final MujocoEnvBuilder.Transition transition;
    private final double[] qpos;
    private final double[] qvel;

    CustomMujocoEnv(String id, MjModel model, int frameSkip, int observationDim, int maxEpisodeSteps,
            MujocoEnvBuilder.ObservationFunction observation, MujocoEnvBuilder.RewardFunction reward,
            MujocoEnvBuilder.TerminationFunction termination, double resetNoise) {
        super(id, model, frameSkip, unboundedObservation(observationDim), 0, maxEpisodeSteps);
        this.observation = observation;
        this.reward = reward;
        this.termination = termination;
        this.resetNoise = resetNoise;
        this.transition = new MujocoEnvBuilder.Transition(model.nq(), dt());
        this.transition.data = data;
        this.qpos = new double[model.nq()];
        this.qvel = new double[model.nv()];
    }

    @Override
    protected void resetModel(SplittableRandom rng) {
        uniformNoise(rng, initQpos, -resetNoise, resetNoise, qpos);
        uniformNoise(rng, initQvel, -resetNoise, resetNoise, qvel);
        setPhysicsState(qpos, qvel);
    }

    @Override
    protected void observe(double[] out) {
        if (observation != null) {
            observation.observe(data, out);
            return;
        }
        data.qpos(qpos);
        data.qvel(qvel);
        System.arraycopy(qpos, 0, out, 0, qpos.length);
        System.arraycopy(qvel, 0, out, qpos.length, qvel.length);
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        data.qpos(transition.qposBefore);
        doSimulation(action);
        data.qpos(transition.qpos);
        transition.action = action;
        out.setReward(reward.reward(transition));
        transition.action = null;
        out.setTerminated(termination.terminated(data));
        observe(out.observation());
    }
}
