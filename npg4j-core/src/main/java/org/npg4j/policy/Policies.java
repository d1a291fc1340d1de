package org.npg4j.policy;

import org.npg4j.env.Box;
import org.npg4j.env.Discrete;
import org.npg4j.env.Space;
import org.npg4j.nn.Activation;

/** Builds actor-critic policies for env spaces: a {@link Discrete} action space gives a categorical policy, a
 * {@link Box} a diagonal Gaussian; anything else is refused with a message naming the space. */
public final class Policies {
    private Policies() {
    }

    /** SB3's MlpPolicy: separate pi and vf networks of the given sizes (default [64, 64]), tanh. */
    public static ActorCriticPolicy actorCritic(Space observationSpace, Space actionSpace, int[] piLayers,
                                                int[] vfLayers, Activation activation, double logStdInit, long seed) {
        return actorCritic(observationSpace, actionSpace, piLayers, vfLayers, activation, logStdInit, true, seed);
    }

    /**
     * As {@link #actorCritic(Space, Space, int[], int[], Activation, double, long)}, with SB3's {@code ortho_init}:
     * false keeps PyTorch's default initialization of every layer.
     */
    public static ActorCriticPolicy actorCritic(Space observationSpace, Space actionSpace, int[] piLayers,
                                                int[] vfLayers, Activation activation, double logStdInit,
                                                boolean orthoInit, long seed) {
        if (!(observationSpace instanceof Box)) {
            throw new IllegalArgumentException("unsupported observation space " + observationSpace
                    + ": neural policies read Box observations (use a one-hot observation for finite MDPs)");
        }
        ActorCriticPolicy.Builder b = ActorCriticPolicy.builder(observationSpace.dim()).piLayers(piLayers)
                .vfLayers(vfLayers).activation(activation).logStdInit(logStdInit).orthoInit(orthoInit).seed(seed);
        if (actionSpace instanceof Discrete d) {
            return b.discrete(d.n()).build();
        }
        if (actionSpace instanceof Box box) {
            return b.continuous(box.dim()).build();
        }
        throw new IllegalArgumentException("unsupported action space " + actionSpace
                + ": npg4j policies support Discrete and Box action spaces");
    }
}
