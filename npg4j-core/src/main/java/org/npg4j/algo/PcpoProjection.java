package org.npg4j.algo;

import java.util.Locale;

/**
 * The metric L of PCPO's projection onto the linearized constraint set {θ : aᵀ(θ − θ_k) + c ≤ 0} (Yang, Rosca,
 * Narasimhan, Ramadge, "Projection-Based Constrained Policy Optimization", ICLR 2020, eq. 9):
 * min_θ ½(θ − θ_{k+½})ᵀ L (θ − θ_{k+½}), with L = F for the KL projection and L = I for the L2 projection.
 */
public enum PcpoProjection {
    /** L = F (plus damping, as the reward step's metric): the projection in the KL geometry (the default). */
    KL,
    /** L = I: the Euclidean projection in parameter space. */
    L2;

    /** The projection named as in configurations ({@code kl}, {@code l2}), case-insensitive. */
    public static PcpoProjection parse(String name) {
        for (PcpoProjection p : values()) {
            if (p.key().equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("projection must be kl or l2, got \"" + name + "\"");
    }

    /** The configuration name: {@code kl} or {@code l2}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
