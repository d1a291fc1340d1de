package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KwargsTest {
    private static Kwargs of(Map<String, Object> values) {
        return new Kwargs("Test-v0", values, Set.of("healthy_z_range"));
    }

    @Test
    void numberListsBecomeArraysAndInfStringsBecomeInfinities() {
        double[] fallback = {0.7, Double.POSITIVE_INFINITY};
        assertSame(fallback, of(Map.of()).getDoubles("healthy_z_range", 2, fallback));
        assertArrayEquals(new double[] {0.5, 2.0},
                of(Map.of("healthy_z_range", List.of(0.5, 2))).getDoubles("healthy_z_range", 2, fallback));
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                of(Map.of("healthy_z_range", List.of("-inf", "inf"))).getDoubles("healthy_z_range", 2, fallback));
    }

    @Test
    void wrongLengthOrNonNumbersNameTheKeyAndTheExpectedShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("healthy_z_range", List.of(1.0))).getDoubles("healthy_z_range", 2, null));
        assertEquals("Test-v0: kwarg 'healthy_z_range' must be a list of 2 numbers, got list [1.0]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> of(Map.of("healthy_z_range", 0.7)).getDoubles("healthy_z_range", 2, null));
        assertEquals("Test-v0: kwarg 'healthy_z_range' must be a list of 2 numbers, got Double 0.7", e.getMessage());
    }
}
