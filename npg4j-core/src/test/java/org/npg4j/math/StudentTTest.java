package org.npg4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void quantileMatchesTablesAndTendsToTheNormal() {
        assertEquals(12.706204736, StudentT.quantile975(1));
        assertEquals(2.093024054, StudentT.quantile975(19));
        // past the table, the Cornish-Fisher expansion against scipy.stats.t.ppf(0.975, df) for df = 31, 99, 499
        assertEquals(2.039513446, StudentT.quantile975(31), 1e-6);
        assertEquals(1.984216952, StudentT.quantile975(99), 1e-6);
        assertEquals(1.964729391, StudentT.quantile975(499), 1e-6);
        assertEquals(1.959963985, StudentT.quantile975(100_000_000), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile975(0));
    }
}
