package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTimeSuiteTest {
    @Test
    void combinationsAreTheCartesianProductOfTheParams() {
        List<List<String[]>> c = CpuTimeSuite.combinations(MlpBench.class);
        assertEquals(6, c.size());
        assertEquals("shape=4-64-64-2, batch=256", String.join(", ", c.get(0).stream().map(p -> p[0] + "=" + p[1])
                .toList()));
        assertEquals(13, CpuTimeSuite.combinations(EnvStepBench.class).size());
        assertEquals(1, CpuTimeSuite.combinations(TanhBench.class).size());
    }

    @Test
    void timesABenchmarkMethodWithItsParamsSet() throws Exception {
        CpuTimeSuite.Timing t = CpuTimeSuite.time(GaeBench.class, GaeBench.class.getMethod("gae"),
                List.<String[]>of(new String[] {"channels", "1"}));
        assertEquals("GaeBench.gae", t.name());
        assertEquals("channels=1", t.params());
        // 16,384 transitions: between 1 ns and 1 ms of CPU per call.
        assertTrue(t.threadCpuNanos() > 16_384 * 0.1 && t.threadCpuNanos() < 1e6, t.toString());
        assertTrue(t.operations() >= 3);
    }

    @Test
    void forkTimesInAChildJvm() throws Exception {
        CpuTimeSuite.Timing t = CpuTimeSuite.fork(GaeBench.class, GaeBench.class.getMethod("gae"),
                List.<String[]>of(new String[] {"channels", "2"}));
        assertEquals("GaeBench.gae", t.name());
        assertEquals("channels=2", t.params());
        assertTrue(t.threadCpuNanos() > 16_384 * 2 * 0.1 && t.threadCpuNanos() < 2e6, t.toString());
    }

    @Test
    void durationsPickAUnit() {
        assertEquals("850.0 ns", CpuTimeSuite.duration(850));
        assertEquals("12.3 µs", CpuTimeSuite.duration(12_345));
        assertEquals("4.57 ms", CpuTimeSuite.duration(4_567_000));
        assertEquals("1.23 s", CpuTimeSuite.duration(1.234e9));
    }
}
