package org.npg4j.train;

import org.npg4j.policy.Architecture;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.npg4j.algo.ConstrainedAlgorithm;
import org.npg4j.algo.OnPolicyAlgorithm;
import org.npg4j.env.Env;
import org.npg4j.env.RunningMeanStd;
import org.npg4j.env.VecNormalize;
import org.npg4j.env.VectorEnv;
import org.npg4j.io.CheckpointFile;
import org.npg4j.io.ModelFile;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;

/**
 * Everything a run needs, built by {@link Algorithms#build}: the training envs (already reset with the run's env
 * seed), the policy, the algorithm's update and the trainer wiring them, with the resolved hyperparameters and the
 * component seeds. Close it to release the envs (and the worker threads of a threaded vector env).
 *
 * @param algorithm              the algorithm name ({@code ppo}, ...)
 * @param envId                  the registered env id
 * @param hyperparameters        the resolved hyperparameters (defaults filled in)
 * @param seeds                  the component seeds
 * @param env                    the training envs
 * @param policy                 the policy being trained
 * @param update                 the algorithm's update
 * @param trainer                the training loop
 * @param normalization          the shared observation and reward normalization ({@code normalize: true}), else null
 * @param architecture           the network architecture
 * @param envFactory             makes one more env like the training envs (for evaluation and the model's spaces)
 */
public record TrainingSetup(String algorithm, String envId, Hyperparameters hyperparameters, RunSeeds seeds,
                            VectorEnv env, ActorCriticPolicy policy, OnPolicyAlgorithm update, Trainer trainer,
                            VecNormalize normalization,
                            Architecture architecture, Supplier<Env> envFactory) implements AutoCloseable {

    /** The training budget of the configuration ({@code n_timesteps}). */
    public long totalTimesteps() {
        return hyperparameters.longInteger("n_timesteps");
    }

    /** Trains for the configured budget ({@code n_timesteps}). */
    public TrainingSetup learn() {
        trainer.learn(totalTimesteps());
        return this;
    }

    /** Trains until {@code totalTimesteps} env steps. */
    public TrainingSetup learn(long totalTimesteps) {
        trainer.learn(totalTimesteps);
        return this;
    }

    /**
     * The per-episode cost limits b_i of a constrained algorithm, one per cost signal of the env; empty when the
     * algorithm has no constraints (even on an env with costs).
     */
    public double[] costLimits() {
        return update instanceof ConstrainedAlgorithm c ? c.costLimits() : new double[0];
    }

    /** The observation statistics of the run (shared by its envs), or null without observation normalization. */
    public RunningMeanStd.Snapshot observationStatistics() {
        return normalization == null || !normalization.normalizesObservations() ? null
                : normalization.observationStatistics();
    }

    /** A fresh env of the run's id, wrapped for evaluation (frozen observation normalization, if any). */
    public Env evaluationEnv() {
        return ModelFile.evaluationEnv(envFactory.get(), observationStatistics());
    }

    /** Writes the policy as a model file ({@code docs/model-format.md}), atomically. */
    public void save(Path file) {
        ModelFile.write(file, header());
    }

    /** The model of the policy as it is now. */
    public ModelFile.Model header() {
        Env probe = envFactory.get();
        try {
            return new ModelFile.Model(algorithm, envId, probe.observationSpace(), probe.actionSpace(),
                    architecture, observationStatistics(), policy.parameters().clone());
        } finally {
            probe.close();
        }
    }

    /** The training state as it is now, between two updates ({@code docs/checkpoint-format.md}). */
    public CheckpointFile.Checkpoint checkpoint() {
        StateMap state = new StateMap();
        trainer.writeCheckpoint(state);
        return new CheckpointFile.Checkpoint(algorithm, envId, seeds.run(), env.numEnvs(), trainer.iterations(),
                trainer.timesteps(), state);
    }

    /**
     * Continues from a checkpoint of this run: the algorithm, env, run seed and number of envs must be this setup's;
     * afterwards training goes on exactly as the run that wrote it would have.
     *
     * @param source names the checkpoint in errors
     */
    public void restore(CheckpointFile.Checkpoint c, String source) {
        if (!c.algorithm().equals(algorithm) || !c.envId().equals(envId) || c.seed() != seeds.run()
                || c.numEnvs() != env.numEnvs()) {
            throw new IllegalArgumentException(source + ": checkpoint of " + c.algorithm() + " on " + c.envId()
                    + " (seed " + c.seed() + ", " + c.numEnvs() + " envs) does not belong to this run (" + algorithm
                    + " on " + envId + ", seed " + seeds.run() + ", " + env.numEnvs() + " envs)");
        }
        try {
            trainer.readCheckpoint(c.state());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        if (trainer.timesteps() != c.timesteps() || trainer.iterations() != c.iterations()) {
            throw new IllegalArgumentException(source + ": header says " + c.iterations() + " updates and "
                    + c.timesteps() + " timesteps, the state " + trainer.iterations() + " and " + trainer.timesteps());
        }
    }

    /** The activation of the hidden layers. */
    public Activation activation() {
        return architecture.activation();
    }

    @Override
    public void close() {
        env.close();
    }
}
