package org.npg4j.algo;

import java.util.Locale;

/**
 * The cost term φ of C-TRPO's divergence D(θ) = KL(π_k‖π_θ) + β φ(α(θ)) (Milosevic, Müller, Scherf 2025, eq. of the
 * safe trust region): the Bregman divergence at α = 0 of a convex function of the slack Δb − α that blows up at the
 * boundary of the safe set. With Δb &gt; 0 the slack of the constraint at π_k and α the predicted cost change,
 * <pre>
 *   ENTROPY (from x ln x):  φ(α) = α + (Δb − α) ln((Δb − α)/Δb),   φ'(α) = −ln((Δb − α)/Δb),   φ''(α) = 1/(Δb − α)
 *   BARRIER (from −ln x):   φ(α) = −ln((Δb − α)/Δb) − α/Δb,        φ'(α) = 1/(Δb − α) − 1/Δb,  φ''(α) = 1/(Δb − α)²
 * </pre>
 * so φ(0) = φ'(0) = 0 and φ''(0) = 1/Δb resp. 1/Δb²; for α ≥ Δb (a step predicted to leave the safe set) φ and its
 * derivatives are +∞.
 */
public enum SlackDivergence {
    /** φ from the negative entropy x ln x of the slack (the default). */
    ENTROPY,
    /** φ from the log barrier −ln x of the slack. */
    BARRIER;

    /** The mode named as in configurations ({@code entropy}, {@code barrier}), case-insensitive. */
    public static SlackDivergence parse(String name) {
        for (SlackDivergence d : values()) {
            if (d.key().equals(name.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("divergence must be entropy or barrier, got \"" + name + "\"");
    }

    /** The configuration name: {@code entropy} or {@code barrier}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** φ(α) at slack Δb &gt; 0; +∞ when α ≥ Δb. */
    public double phi(double alpha, double slack) {
        if (!(alpha < slack)) {
            return Double.POSITIVE_INFINITY;
        }
        double ratio = (slack - alpha) / slack;
        return switch (this) {
            case ENTROPY -> alpha + (slack - alpha) * Math.log(ratio);
            case BARRIER -> -Math.log(ratio) - alpha / slack;
        };
    }

    /** φ'(α) at slack Δb &gt; 0; +∞ when α ≥ Δb. */
    public double derivative(double alpha, double slack) {
        if (!(alpha < slack)) {
            return Double.POSITIVE_INFINITY;
        }
        return switch (this) {
            case ENTROPY -> -Math.log((slack - alpha) / slack);
            case BARRIER -> 1 / (slack - alpha) - 1 / slack;
        };
    }

    /** φ''(α) at slack Δb &gt; 0; +∞ when α ≥ Δb. */
    public double secondDerivative(double alpha, double slack) {
        if (!(alpha < slack)) {
            return Double.POSITIVE_INFINITY;
        }
        double s = slack - alpha;
        return switch (this) {
            case ENTROPY -> 1 / s;
            case BARRIER -> 1 / (s * s);
        };
    }
}
