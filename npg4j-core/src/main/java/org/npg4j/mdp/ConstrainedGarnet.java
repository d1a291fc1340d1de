package org.npg4j.mdp;

import java.util.SplittableRandom;

/**
 * A random constrained MDP: a {@link Garnet} (uniform rewards in [0, 1)) with one cost "cost" per state-action pair,
 * <pre>
 *   c(s,a) = w·r(s,a) + (1 - w)·u(s,a),   u(s,a) ~ U[0, 1) i.i.d.,   w = costCorrelation ∈ [0, 1],
 * </pre>
 * so c ∈ [0, 1) and, for w &gt; 0, rewarding actions tend to be costly (the constraint binds). The limit b applies to
 * the normalized discounted cost C(π) = c·d^π ≤ b. The cost draws come from a generator seeded with
 * {@code seed ^ COST_STREAM}, independent of the Garnet's own stream, so the underlying Garnet is exactly
 * {@code new Garnet(states, actions, branching, gamma, UNIFORM, seed)}. The same parameters give the same CMDP.
 *
 * @param states          S ≥ 1
 * @param actions         A ≥ 1
 * @param branching       successors per pair, in [1, S]
 * @param gamma           discount in [0, 1)
 * @param costCorrelation the weight w of the reward in the cost, in [0, 1]
 * @param costLimit       the limit b on C(π), finite
 * @param seed            the generator's seed
 */
public record ConstrainedGarnet(int states, int actions, int branching, double gamma, double costCorrelation,
                                double costLimit, long seed) {
    /** XOR-ed into the seed for the cost stream (the golden-ratio constant of SplitMix64). */
    static final long COST_STREAM = 0x9E3779B97F4A7C15L;

    public ConstrainedGarnet {
        // The Garnet's own checks (states, actions, branching, gamma) with its messages.
        new Garnet(states, actions, branching, gamma, Garnet.RewardDistribution.UNIFORM, seed);
        if (!(costCorrelation >= 0 && costCorrelation <= 1)) {
            throw new IllegalArgumentException("garnet cost_correlation " + costCorrelation + " must be in [0, 1]");
        }
        if (!Double.isFinite(costLimit)) {
            throw new IllegalArgumentException("garnet cost_limit " + costLimit + " must be finite");
        }
    }

    /** The underlying Garnet. */
    public Garnet garnet() {
        return new Garnet(states, actions, branching, gamma, Garnet.RewardDistribution.UNIFORM, seed);
    }

    /** Generates the CMDP. */
    public FiniteMdp generate() {
        FiniteMdp base = garnet().generate();
        SplittableRandom rng = new SplittableRandom(seed ^ COST_STREAM);
        double[] cost = new double[base.pairs()];
        double[] r = base.rewards();
        for (int sa = 0; sa < cost.length; sa++) {
            cost[sa] = costCorrelation * r[sa] + (1.0 - costCorrelation) * rng.nextDouble();
        }
        return base.toBuilder().cost("cost", cost, costLimit).build();
    }
}
