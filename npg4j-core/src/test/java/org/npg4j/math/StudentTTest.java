package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void oneAndTwoDegreesOfFreedomMatchTheClosedForms() {
        for (double p : new double[] {0.6, 0.9, 0.975, 0.995}) {
            // df = 1 is the Cauchy distribution: F⁻¹(p) = tan(π(p - 1/2)).
            assertEquals(Math.tan(Math.PI * (p - 0.5)), StudentT.quantile(p, 1), 1e-9 * StudentT.quantile(p, 1));
            // df = 2: F⁻¹(p) = (2p - 1) / √(2p(1 - p)).
            assertEquals((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), StudentT.quantile(p, 2), 1e-9);
        }
    }

    @Test
    void quantile975MatchesScipyOnBothSidesOfTheOldTableEnd() {
        // scipy.stats.t.ppf(0.975, df), scipy 1.x.
        int[] df = {4, 29, 30, 31, 50, 100, 1_000_000};
        double[] expected = {2.7764451051977934, 2.045229642132703, 2.0422724563012378, 2.039513446396408,
            2.008559112100761, 1.9839715185235518, 1.959966356814107};
        for (int i = 0; i < df.length; i++) {
            assertEquals(expected[i], StudentT.quantile975(df[i]), 1e-9, "df " + df[i]);
        }
    }

    @Test
    void quantilesDecreaseTowardTheNormalQuantile() {
        double previous = Double.POSITIVE_INFINITY;
        for (int df = 1; df <= 200; df++) {
            double t = StudentT.quantile975(df);
            assertTrue(t < previous && t > 1.959963984540054, "df " + df + ": " + t);
            previous = t;
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("degrees of freedom must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> StudentT.quantile975(0)).getMessage());
        assertEquals("probability must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 3)).getMessage());
    }
}
