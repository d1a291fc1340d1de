package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomStateTest {
    /** Draws of every kind the project uses, so that each advances the generator as in the real code. */
    private static long mixedDraws(SplittableRandom r, int count) {
        long h = 0;
        for (int i = 0; i < count; i++) {
            switch (i % 4) {
                case 0 -> h = h * 31 + r.nextLong();
                case 1 -> h = h * 31 + r.nextInt(7);
                case 2 -> h = h * 31 + Double.doubleToLongBits(r.nextDouble());
                default -> h = h * 31 + Double.doubleToLongBits(r.nextGaussian());
            }
        }
        return h;
    }

    @Test
    void restoredGeneratorContinuesExactlyWhereTheCapturedOneWas() {
        SplittableRandom seeds = new SplittableRandom(42);
        for (int trial = 0; trial < 50; trial++) {
            long seed = seeds.nextLong();
            int before = seeds.nextInt(200);
            SplittableRandom captured = new SplittableRandom(seed);
            SplittableRandom untouched = new SplittableRandom(seed);
            mixedDraws(captured, before);
            mixedDraws(untouched, before);
            SplittableRandom restored = RandomState.restore(RandomState.capture(captured));
            for (int k = 0; k < 100; k++) {
                assertEquals(untouched.nextLong(), restored.nextLong(), "seed " + seed + " after " + before + " draws");
            }
        }
    }

    @Test
    void unmixInvertsMix() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            long z = r.nextLong();
            assertEquals(z, RandomState.unmix64(RandomState.mix64(z)));
        }
        // mix64 is the JDK's output function: nextLong() of new SplittableRandom(s) is mix64(s + γ).
        assertEquals(new SplittableRandom(123).nextLong(), RandomState.mix64(123 + RandomState.GOLDEN_GAMMA));
    }

    @Test
    void splitGeneratorsAreRefusedRatherThanRestoredWrongly() {
        SplittableRandom child = new SplittableRandom(1).split();
        String m = assertThrows(IllegalStateException.class, () -> RandomState.capture(child)).getMessage();
        assertTrue(m.startsWith("cannot read the state of a SplittableRandom not made by new SplittableRandom(seed)"),
                m);
    }
}
