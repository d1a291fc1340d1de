package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.rollout.Gae;
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
 * Generalized advantage estimation on a 2,048-step × 8-env rollout buffer (16,384 transitions; episodes of about
 * 200 steps), for the reward alone (1 channel) and for reward and one cost (2 channels).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GaeBench {
    static final int STEPS = 2048;
    static final int ENVS = 8;

    @Param({"1", "2"})
    int channels;

    double[] signal;
    double[] values;
    boolean[] starts;
    double[] lastValues;
    boolean[] lastStarts;
    double[] advantages;
    double[] returns;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        int n = STEPS * ENVS * channels;
        signal = rng.doubles(n, -1, 1).toArray();
        values = rng.doubles(n, -10, 10).toArray();
        starts = new boolean[STEPS * ENVS];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = rng.nextInt(200) == 0;
        }
        lastValues = rng.doubles(ENVS * channels, -10, 10).toArray();
        lastStarts = new boolean[ENVS];
        advantages = new double[n];
        returns = new double[n];
    }

    @Benchmark
    public double[] gae() {
        Gae.compute(STEPS, ENVS, channels, signal, values, starts, lastValues, lastStarts, 0.99, 0.95, advantages,
                returns);
        return advantages;
    }
}
