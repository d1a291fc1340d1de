package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Envs;
import org.openjdk.jmh.annotations.Param;

class EnvStepBenchTest {
    @Test
    void envStepBenchCoversEveryRegisteredEnv() throws Exception {
        Param p = EnvStepBench.class.getDeclaredField("envId").getAnnotation(Param.class);
        assertEquals(Envs.ids().stream().sorted().toList(), List.of(p.value()));
    }

    @Test
    void everyRegisteredEnvStepsInTheBench() {
        for (String id : Envs.ids()) {
            EnvStepBench b = new EnvStepBench();
            b.envId = id;
            b.setup();
            double sum = 0;
            for (int i = 0; i < 2000; i++) {
                sum += b.step();
            }
            assertTrue(Double.isFinite(sum), id + ": reward sum " + sum);
        }
    }
}
