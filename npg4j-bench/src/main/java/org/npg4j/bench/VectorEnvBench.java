package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.env.Envs;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.ThreadedVectorEnv;
import org.npg4j.env.VectorEnv;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** One batched step of 8 Acrobot envs with autoreset; threads = 0 means {@link SyncVectorEnv}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class VectorEnvBench {
    private static final int ENVS = 8;

    @Param({"0", "1", "2"})
    int threads;

    VectorEnv vec;
    int[][] actions;
    int next;

    @Setup
    public void setup() {
        vec = threads == 0 ? SyncVectorEnv.of(() -> Envs.make("Acrobot-v1"), ENVS)
                : ThreadedVectorEnv.of(() -> Envs.make("Acrobot-v1"), ENVS, threads);
        SplittableRandom rng = new SplittableRandom(0);
        actions = new int[256][ENVS];
        for (int[] row : actions) {
            for (int i = 0; i < ENVS; i++) {
                row[i] = rng.nextInt(3);
            }
        }
        vec.reset(0);
    }

    @TearDown
    public void tearDown() {
        vec.close();
    }

    @Benchmark
    public double[] step() {
        vec.step(actions[next]);
        next = (next + 1) & 255;
        return vec.rewards();
    }
}
