package org.npg4j.exact;

import java.util.SplittableRandom;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.TabularPolicy;

/** Small random MDPs and policies shared by the exact-lab tests (fixed seeds). */
final class Fixtures {
    /** Number of random Garnets a "random" theory test runs on. */
    static final int RANDOM_MDPS = 20;

    private Fixtures() {
    }

    /** A Garnet with S ∈ [4, 8], A ∈ [2, 4], branching 2..3, γ = 0.9, rewards U[0,1), from the seed. */
    static FiniteMdp garnet(long seed) {
        SplittableRandom rng = new SplittableRandom(1000 + seed);
        int s = 4 + rng.nextInt(5);
        int a = 2 + rng.nextInt(3);
        int b = 2 + rng.nextInt(2);
        return Garnet.of(s, a, b, seed).generate();
    }

    /** A softmax policy with N(0, scale²) logits. */
    static TabularPolicy randomPolicy(FiniteMdp mdp, long seed, double scale) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[mdp.pairs()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = scale * rng.nextGaussian();
        }
        return TabularPolicy.softmax(mdp.states(), mdp.actions(), theta);
    }

    /** A random distribution on n points with full support. */
    static double[] randomDistribution(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed + 99);
        double[] p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += (p[i] = 0.1 + rng.nextDouble());
        }
        for (int i = 0; i < n; i++) {
            p[i] /= total;
        }
        return p;
    }

    static double supDistance(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
