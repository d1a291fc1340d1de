package org.npg4j.math;

import java.util.SplittableRandom;

/**
 * Exports and imports the state of a {@link SplittableRandom} exactly, so that checkpoints can hold every generator
 * of a run without Java serialization and without replacing the generators the envs, policies and algorithms use.
 *
 * <p>Why this works: {@code new SplittableRandom(seed)} is Steele, Lea and Flood's SplitMix64 with the state
 * {@code s = seed} and the increment γ = {@value #GOLDEN_GAMMA_HEX}; each {@code nextLong()} is
 * {@code mix64(s += γ)}, and every other draw ({@code nextInt}, {@code nextDouble}, bounded draws) advances
 * {@code s} by γ once per 64-bit value it consumes. {@code mix64} (Stafford's variant 13) is a bijection, so one
 * output gives back the state; {@code new SplittableRandom(s)} then continues exactly where the generator was.
 * {@link #capture} reads two outputs and checks that they are γ apart, so a generator made otherwise (by
 * {@code split()}, from entropy) or a JDK with another algorithm is refused rather than restored wrongly.
 *
 * <p>Reading the state consumes draws: the caller discards the generator it captured and continues with
 * {@link #restore}{@code (state)}, which behaves as the captured generator did before the capture.
 */
public final class RandomState {
    /** SplittableRandom's increment for generators made by {@code new SplittableRandom(long)}. */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    static final String GOLDEN_GAMMA_HEX = "0x9e3779b97f4a7c15";
    private static final long M1 = 0xbf58476d1ce4e5b9L;
    private static final long M2 = 0x94d049bb133111ebL;
    private static final long M1_INVERSE = inverse(M1);
    private static final long M2_INVERSE = inverse(M2);

    private RandomState() {
    }

    /**
     * The state of {@code rng} before this call. Consumes two values of {@code rng}: continue with
     * {@code restore(state)}, not with {@code rng}.
     *
     * @throws IllegalStateException if {@code rng} was not made by {@code new SplittableRandom(long)}
     */
    public static long capture(SplittableRandom rng) {
        long s1 = unmix64(rng.nextLong());
        long s2 = unmix64(rng.nextLong());
        if (s2 - s1 != GOLDEN_GAMMA) {
            throw new IllegalStateException("cannot read the state of a SplittableRandom not made by "
                    + "new SplittableRandom(seed) (increment " + Long.toHexString(s2 - s1) + ")");
        }
        return s1 - GOLDEN_GAMMA;
    }

    /** A generator in the given state: its draws continue those of the generator {@link #capture} read. */
    public static SplittableRandom restore(long state) {
        return new SplittableRandom(state);
    }

    /** SplitMix64's output function (as in {@code SplittableRandom.mix64}). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * M1;
        z = (z ^ (z >>> 27)) * M2;
        return z ^ (z >>> 31);
    }

    /** The inverse of {@link #mix64}: each xor-shift and each multiplication by an odd constant is undone. */
    static long unmix64(long z) {
        z = unshift(z, 31);
        z *= M2_INVERSE;
        z = unshift(z, 27);
        z *= M1_INVERSE;
        return unshift(z, 30);
    }

    /** x such that x ^ (x >>> k) = y: the top k bits are y's, each further block follows from the one above. */
    private static long unshift(long y, int k) {
        long x = y;
        for (int covered = k; covered < 64; covered += k) {
            x = y ^ (x >>> k);
        }
        return x;
    }

    /** The inverse of an odd a modulo 2^64 by Newton's iteration x ← x(2 - ax), which doubles the correct bits. */
    private static long inverse(long a) {
        long x = a; // correct to 3 bits for odd a
        for (int i = 0; i < 5; i++) {
            x *= 2 - a * x;
        }
        return x;
    }
}
