package org.npg4j.train;

import org.npg4j.policy.Architecture;
import java.util.SplittableRandom;
import org.npg4j.env.VectorEnv;
import org.npg4j.io.ModelFile;
import org.npg4j.policy.CostCritic;

/** The cost critics of a constrained run: one value network per cost signal, shaped as the reward critic. */
final class CostCritics {
    private CostCritics() {
    }

    /**
     * Cost critics for the env's cost signals with the architecture's {@code vf} layers and activation, initialized
     * from a seed derived from the policy's initialization seed (so the run seed fixes them).
     *
     * @throws IllegalArgumentException if the env reports no costs
     */
    static CostCritic forRun(String algo, VectorEnv env, Architecture arch, RunSeeds seeds) {
        if (env.costCount() < 1) {
            throw new IllegalArgumentException(algo + " is a constrained algorithm: it needs an env with costs (see "
                    + "npg4j envs)");
        }
        long seed = new SplittableRandom(seeds.policyInit()).split().nextLong();
        return new CostCritic(env.singleObservationSpace().dim(), env.costCount(), arch.vf(), arch.activation(), seed);
    }
}
