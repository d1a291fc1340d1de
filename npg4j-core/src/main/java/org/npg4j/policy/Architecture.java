package org.npg4j.policy;

import org.npg4j.env.Space;
import org.npg4j.nn.Activation;

/**
 * The architecture of an actor-critic policy: separate pi and vf MLPs with one hidden activation.
 *
 * @param pi         hidden layer sizes of the actor
 * @param vf         hidden layer sizes of the critic
 * @param activation hidden activation
 * @param logStdInit initial log σ of a Gaussian policy (used only to rebuild the network; θ holds log σ)
 * @param orthoInit  SB3's {@code ortho_init}: orthogonal initialization (true) or PyTorch's default (false) of the
 *                   policy and of the cost critics shaped like its value network; a trained model does not depend
 *                   on it, so model files do not record it
 */
public record Architecture(int[] pi, int[] vf, Activation activation, double logStdInit, boolean orthoInit) {
    public Architecture {
        pi = pi.clone();
        vf = vf.clone();
    }

    /** An orthogonally initialized architecture (SB3's default, {@code ortho_init=True}). */
    public Architecture(int[] pi, int[] vf, Activation activation, double logStdInit) {
        this(pi, vf, activation, logStdInit, true);
    }

    @Override
    public int[] pi() {
        return pi.clone();
    }

    @Override
    public int[] vf() {
        return vf.clone();
    }

    /** A policy of this architecture for the spaces, with the given parameters. */
    public ActorCriticPolicy build(Space observationSpace, Space actionSpace, double[] parameters) {
        ActorCriticPolicy p = Policies.actorCritic(observationSpace, actionSpace, pi, vf, activation, logStdInit,
                orthoInit, 0);
        if (p.parameterCount() != parameters.length) {
            throw new IllegalArgumentException("the architecture has " + p.parameterCount() + " parameters, found "
                    + parameters.length);
        }
        System.arraycopy(parameters, 0, p.parameters(), 0, parameters.length);
        return p;
    }
}
