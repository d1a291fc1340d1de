package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JmhSuiteTest {
    @Test
    void scoresAreGroupedOrRoundedToFourDigits() {
        assertEquals("1,746,000", JmhSuite.score(1.746e6));
        assertEquals("35.35", JmhSuite.score(35.3512));
        assertEquals("0.9113", JmhSuite.score(0.91131));
        assertEquals("120", JmhSuite.score(120.0));
        assertEquals("—", JmhSuite.score(Double.NaN));
    }

    @Test
    void loadAverageIsThreeNumbersOnLinux() {
        String l = JmhSuite.loadAverage();
        if (!l.equals("n/a")) {
            assertTrue(l.matches("[0-9.]+, [0-9.]+, [0-9.]+"), l);
        }
    }
}
