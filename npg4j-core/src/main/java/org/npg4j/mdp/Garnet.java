package org.npg4j.mdp;

import java.util.SplittableRandom;

/**
 * Garnet random MDPs (Archibald, McKinnon, Thomas 1995; Bhatnagar et al. 2009): every state-action pair moves to
 * {@code branching} distinct successor states chosen uniformly, with probabilities given by the gaps between
 * sorted uniform cut points; rewards are drawn i.i.d. per pair; ρ is uniform. The same parameters and seed give
 * the same MDP.
 *
 * @param states       S ≥ 1
 * @param actions      A ≥ 1
 * @param branching    successors per pair, in [1, S]
 * @param gamma        discount in [0, 1)
 * @param rewards      the reward distribution
 * @param seed         the generator's seed
 */
public record Garnet(int states, int actions, int branching, double gamma, RewardDistribution rewards, long seed) {
    /** How r(s,a) is drawn. */
    public enum RewardDistribution {
        /** r ~ U[0, 1). */
        UNIFORM,
        /** r ~ N(0, 1). */
        NORMAL,
        /** r = 1 with probability 0.1, else 0: sparse rewards. */
        SPARSE
    }

    public Garnet {
        if (states < 1 || actions < 1) {
            throw new IllegalArgumentException("garnet needs states >= 1 and actions >= 1, got " + states + ", " + actions);
        }
        if (branching < 1 || branching > states) {
            throw new IllegalArgumentException("garnet branching " + branching + " must be in [1, states=" + states + "]");
        }
        if (!(gamma >= 0 && gamma < 1)) {
            throw new IllegalArgumentException("gamma " + gamma + " must be in [0, 1)");
        }
        if (rewards == null) {
            throw new IllegalArgumentException("reward distribution is missing");
        }
    }

    /** A Garnet with γ = 0.9 and uniform rewards. */
    public static Garnet of(int states, int actions, int branching, long seed) {
        return new Garnet(states, actions, branching, 0.9, RewardDistribution.UNIFORM, seed);
    }

    public Garnet withGamma(double g) {
        return new Garnet(states, actions, branching, g, rewards, seed);
    }

    /** Generates the MDP. */
    public FiniteMdp generate() {
        SplittableRandom rng = new SplittableRandom(seed);
        FiniteMdp.Builder b = FiniteMdp.builder(states, actions).gamma(gamma);
        double[] rho = new double[states];
        java.util.Arrays.fill(rho, 1.0 / states);
        b.initial(rho);
        int[] pool = new int[states];
        for (int i = 0; i < states; i++) {
            pool[i] = i;
        }
        double[] cuts = new double[branching + 1];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                // Partial Fisher-Yates: the first `branching` entries of pool are distinct uniform successors.
                for (int i = 0; i < branching; i++) {
                    int j = i + rng.nextInt(states - i);
                    int t = pool[i];
                    pool[i] = pool[j];
                    pool[j] = t;
                }
                cuts[0] = 0.0;
                cuts[branching] = 1.0;
                for (int i = 1; i < branching; i++) {
                    cuts[i] = rng.nextDouble();
                }
                java.util.Arrays.sort(cuts, 1, branching);
                double total = 0.0;
                for (int i = 0; i < branching; i++) {
                    double p = i == branching - 1 ? 1.0 - total : cuts[i + 1] - cuts[i];
                    total += p;
                    b.transition(s, a, pool[i], p);
                }
                b.reward(s, a, switch (rewards) {
                    case UNIFORM -> rng.nextDouble();
                    case NORMAL -> gaussian(rng);
                    case SPARSE -> rng.nextDouble() < 0.1 ? 1.0 : 0.0;
                });
            }
        }
        return b.build();
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; one draw per call keeps the stream simple to reproduce.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
