package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeedAggregateTest {
    private static SeedAggregate.Curve curve(double[] x, double[] y) {
        return SeedAggregate.Curve.of(x, y);
    }

    @Test
    void threeSeedsOnTheSameTimestepsGiveTheStudentTInterval() {
        double[] x = {10, 20};
        SeedAggregate a = SeedAggregate.of(List.of(curve(x, new double[] {1, 4}), curve(x, new double[] {2, 5}),
                curve(x, new double[] {3, 9})));
        assertArrayEquals(x, a.x());
        assertArrayEquals(new double[] {2, 6}, a.mean(), 1e-15);
        // s = 1 and s = √7 with n = 3: half width t(0.975, 2)·s/√3, with t(p, 2) = (2p - 1)/√(2p(1 - p)).
        double t = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
        assertArrayEquals(new double[] {2 - t / Math.sqrt(3), 6 - t * Math.sqrt(7.0 / 3)}, a.lower(), 1e-12);
        assertArrayEquals(new double[] {2 + t / Math.sqrt(3), 6 + t * Math.sqrt(7.0 / 3)}, a.upper(), 1e-12);
        assertArrayEquals(new int[] {3, 3}, a.n());
    }

    @Test
    void seedsAreInterpolatedOntoTheRangeTheyAllCover() {
        SeedAggregate a = SeedAggregate.of(List.of(curve(new double[] {0, 10, 20}, new double[] {0, 10, 20}),
                curve(new double[] {5, 15, 25}, new double[] {0, 0, 0})));
        assertArrayEquals(new double[] {5, 10, 15, 20}, a.x());
        assertArrayEquals(new double[] {2.5, 5, 7.5, 10}, a.mean(), 1e-15);
    }

    @Test
    void disjointSeedsAreAveragedWhereTheyExistAndOneSeedHasNoBand() {
        SeedAggregate a = SeedAggregate.of(List.of(curve(new double[] {0, 1}, new double[] {1, 2}),
                curve(new double[] {2, 3}, new double[] {5, 6})));
        assertArrayEquals(new double[] {0, 1, 2, 3}, a.x());
        assertArrayEquals(new double[] {1, 2, 5, 6}, a.mean());
        assertArrayEquals(a.mean(), a.lower());
        assertArrayEquals(new int[] {1, 1, 1, 1}, a.n());
    }

    @Test
    void nanPointsAreSkippedAndDecreasingTimestepsRefused() {
        SeedAggregate.Curve c = curve(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3});
        assertArrayEquals(new double[] {1, 3}, c.x());
        assertEquals(2.0, c.at(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> curve(new double[] {2, 1}, new double[] {0, 0}));
        assertEquals("curve x values must increase, got 1.0 after 2.0", e.getMessage());
        assertEquals("no curve has a finite point", assertThrows(IllegalArgumentException.class,
                () -> SeedAggregate.of(List.of(curve(new double[] {1}, new double[] {Double.NaN})))).getMessage());
    }
}
