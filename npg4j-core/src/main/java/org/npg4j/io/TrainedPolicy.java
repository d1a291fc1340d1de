package org.npg4j.io;

import java.nio.file.Path;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.RunningMeanStd;
import org.npg4j.policy.ActorCriticPolicy;

/**
 * A trained policy loaded from a model file, acting deterministically (the distribution's mode) on raw env
 * observations: the saved observation normalization, if any, is applied first. Not thread-safe (one per thread).
 *
 * <pre>{@code
 * TrainedPolicy policy = TrainedPolicy.load(Path.of("runs/ppo-CartPole-v1-s0-.../model.npg"));
 * int a = policy.act(obs);
 * }</pre>
 */
public final class TrainedPolicy {
    private final ModelFile.Model model;
    private final ActorCriticPolicy policy;
    private final double[] normalized;
    private final double[] action;
    private final double[] mean;
    private final double[] scale;

    private TrainedPolicy(ModelFile.Model model) {
        this.model = model;
        this.policy = model.architecture().build(model.observationSpace(), model.actionSpace(), model.parameters());
        this.normalized = new double[policy.observationSize()];
        this.action = new double[policy.distribution().actionSize()];
        RunningMeanStd.Snapshot s = model.observationStatistics();
        if (s == null) {
            mean = null;
            scale = null;
        } else {
            mean = s.mean();
            scale = s.var();
            for (int i = 0; i < scale.length; i++) {
                scale[i] = 1.0 / Math.sqrt(scale[i] + 1e-8);
            }
        }
    }

    /** Reads a model file (checked: signature, format, length, checksum, architecture). */
    public static TrainedPolicy load(Path file) {
        return new TrainedPolicy(ModelFile.read(file));
    }

    /** The policy of an in-memory model. */
    public static TrainedPolicy of(ModelFile.Model model) {
        return new TrainedPolicy(model);
    }

    public ModelFile.Model model() {
        return model;
    }

    /** The underlying network (acting on normalized observations when the model normalizes). */
    public ActorCriticPolicy network() {
        return policy;
    }

    /** The deterministic action of a discrete policy for a raw observation. */
    public int act(double[] obs) {
        if (model.actionSpace() instanceof Box) {
            throw new IllegalStateException("act: the model has continuous actions " + model.actionSpace()
                    + "; use actContinuous");
        }
        return (int) mode(obs)[0];
    }

    /** The deterministic action (the Gaussian's mean, clipped to the action space) for a raw observation. */
    public double[] actContinuous(double[] obs) {
        if (!(model.actionSpace() instanceof Box box)) {
            throw new IllegalStateException("actContinuous: the model has discrete actions " + model.actionSpace()
                    + "; use act");
        }
        double[] a = mode(obs).clone();
        for (int j = 0; j < a.length; j++) {
            a[j] = Math.min(Math.max(a[j], box.low(j)), box.high(j));
        }
        return a;
    }

    private double[] mode(double[] obs) {
        if (obs.length != normalized.length) {
            throw new IllegalArgumentException("observation has " + obs.length + " entries, the model expects "
                    + normalized.length);
        }
        for (int i = 0; i < obs.length; i++) {
            normalized[i] = mean == null ? obs[i] : Math.min(Math.max((obs[i] - mean[i]) * scale[i], -10.0), 10.0);
        }
        policy.actDeterministic(normalized, 0, action, 0);
        return action;
    }

    /** Refuses an env whose spaces differ from the model's. */
    public void checkCompatible(Env env) {
        ModelFile.checkCompatible(model, env, "model");
    }

    /** A fresh env of the model's id, wrapped as in training for evaluation (frozen normalization). */
    public Env evaluationEnv() {
        return ModelFile.evaluationEnv(model.envId(), model.observationStatistics());
    }

    /**
     * As {@link #evaluationEnv()}, the env made with the constructor arguments the model was trained with (its run's
     * {@code env_kwargs}).
     */
    public Env evaluationEnv(java.util.Map<String, Object> envKwargs) {
        return ModelFile.evaluationEnv(model.envId(), envKwargs, model.observationStatistics());
    }
}
