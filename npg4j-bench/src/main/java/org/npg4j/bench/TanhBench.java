package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.nn.FastTanh;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The MLPs' tanh on one 2048 × 64 hidden layer: {@link FastTanh} against {@code Math.tanh}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TanhBench {
    double[] tanhIn;
    double[] tanhOut;

    @Setup
    public void setup() {
        tanhIn = new SplittableRandom(0).doubles(2048 * 64, -3, 3).toArray();
        tanhOut = new double[tanhIn.length];
    }

    @Benchmark
    public void tanhFast(Blackhole bh) {
        System.arraycopy(tanhIn, 0, tanhOut, 0, tanhIn.length);
        FastTanh.tanhInPlace(tanhOut, 0, tanhOut.length);
        bh.consume(tanhOut);
    }

    @Benchmark
    public void tanhMath(Blackhole bh) {
        for (int i = 0; i < tanhIn.length; i++) {
            tanhOut[i] = Math.tanh(tanhIn[i]);
        }
        bh.consume(tanhOut);
    }
}
