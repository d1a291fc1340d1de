package org.npg4j.train;

import java.util.SplittableRandom;

/**
 * The seeds of one run's components, derived from the run seed by {@link SplittableRandom#split()} in a fixed
 * order (envs, policy initialization, action sampling, minibatch shuffling, evaluation), so that each component
 * has its own generator and the same run seed reproduces a run bit for bit.
 *
 * @param run                the run seed
 * @param env                reset seed of the training envs (env i gets {@code env + i})
 * @param policyInit         seed of the orthogonal initialization
 * @param actionSampling     seed of the action-sampling generator of the rollout collector
 * @param minibatchShuffling seed of the algorithm's minibatch shuffling
 * @param evaluation         reset seed of the final evaluation episodes (episode k gets {@code evaluation + k})
 */
public record RunSeeds(long run, long env, long policyInit, long actionSampling, long minibatchShuffling,
                       long evaluation) {
    /** The component seeds of run seed {@code run}. */
    public static RunSeeds derive(long run) {
        SplittableRandom root = new SplittableRandom(run);
        long env = root.split().nextLong();
        long init = root.split().nextLong();
        long action = root.split().nextLong();
        long shuffle = root.split().nextLong();
        // Evaluation seeds stay non-negative and far from the training seeds' neighbourhood.
        long eval = root.split().nextLong() >>> 1;
        return new RunSeeds(run, env, init, action, shuffle, eval);
    }

    /** Seed of the cost critics' minibatch shuffling of a constrained algorithm, split off the shuffling seed. */
    public long costShuffling() {
        return new SplittableRandom(minibatchShuffling).split().nextLong();
    }

    /**
     * Base reset seed of the evaluations during training ({@link EvaluationCallback}), split off the evaluation seed
     * so that they neither touch a training generator nor repeat the final evaluation's episodes; kept below 2^62 so
     * that adding episode numbers cannot overflow.
     */
    public long periodicEvaluation() {
        return new SplittableRandom(evaluation).split().nextLong() >>> 2;
    }

    /** Seed of the cost critics' initialization, split off the policy-initialization seed. */
    public long costCriticInit() {
        return new SplittableRandom(policyInit).split().nextLong();
    }
}
