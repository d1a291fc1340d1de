package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.env.Env;
import org.npg4j.env.LunarLander;
import org.npg4j.env.StepResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * LunarLander steps per second under a uniform random policy, resets included (an episode lasts about 100 steps
 * under that policy). Run with {@code -prof gc} to see the allocation per step, most of it Box2D's world built at
 * each reset.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LunarLanderBench {
    @Param({"false", "true"})
    boolean continuous;

    Env env;
    SplittableRandom rng;
    double[] action;
    StepResult last;
    long episodes;

    @Setup
    public void setup() {
        env = new LunarLander(continuous);
        rng = new SplittableRandom(0);
        action = new double[2];
        last = env.reset(0);
    }

    @Benchmark
    public StepResult randomStep() {
        if (last.done()) {
            last = env.reset(++episodes);
        }
        if (continuous) {
            env.actionSpace().sample(rng, action);
            last = env.step(action);
        } else {
            last = env.step(rng.nextInt(4));
        }
        return last;
    }
}
