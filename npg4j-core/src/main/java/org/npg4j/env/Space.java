package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * A set of observations or actions, as Gymnasium's {@code spaces}: either {@link Discrete} (actions 0..n-1) or a
 * float64 {@link Box}. Elements are carried in flat {@code double[]} buffers of length {@link #dim()} (a discrete
 * observation is one double holding the integer); discrete actions are plain {@code int}s.
 */
public sealed interface Space permits Discrete, Box {
    /** Gymnasium's {@code flatdim}: n for {@code Discrete(n)} (its one-hot size), the product of the shape for a Box. */
    int flatDim();

    /** Number of doubles holding one element in a flat buffer: 1 for Discrete, the product of the shape for a Box. */
    int dim();

    /** Whether the element stored in {@code x} (length {@link #dim()}) belongs to this space. */
    boolean contains(double[] x);

    /** Writes a sample of this space into {@code out} (length {@link #dim()}), drawn with {@code rng}. */
    void sample(SplittableRandom rng, double[] out);
}
