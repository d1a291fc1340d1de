package org.npg4j.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.nn.Activation;
import org.npg4j.nn.Mlp;
import org.npg4j.nn.OrthogonalInitializer;
import org.npg4j.nn.Tape;
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
 * The tanh MLPs of the presets' 64-64 actors on a batch: forward, forward + backward (reverse mode, the VJP of a
 * loss gradient) and forward + JVP (forward mode: J_θ v alongside the outputs, the first half of a Fisher-vector
 * product). Shapes: CartPole 4 → 64 → 64 → 2, LunarLander 8 → 64 → 64 → 4, Pendulum 3 → 64 → 64 → 1. Flops per
 * forward + backward call are printed at setup ({@link Mlp#flopsPerRow}); divide by the time for GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpBench {
    @Param({"4-64-64-2", "8-64-64-4", "3-64-64-1"})
    String shape;

    @Param({"256", "2048"})
    int batch;

    Mlp mlp;
    Tape tape;
    double[] theta;
    double[] v;
    double[] x;
    double[] y;
    double[] dy;
    double[] g;
    double[] grad;

    @Setup
    public void setup() {
        int[] sizes = Arrays.stream(shape.split("-")).mapToInt(Integer::parseInt).toArray();
        int in = sizes[0];
        int out = sizes[sizes.length - 1];
        SplittableRandom rng = new SplittableRandom(0);
        mlp = Mlp.of(in, Arrays.copyOfRange(sizes, 1, sizes.length - 1), Activation.TANH, out);
        theta = new double[mlp.parameterCount()];
        OrthogonalInitializer.initialize(mlp, theta, 0, OrthogonalInitializer.gains(mlp, 1.0), rng);
        v = rng.doubles(mlp.parameterCount(), -1, 1).toArray();
        tape = mlp.newTape(batch);
        x = rng.doubles((long) batch * in, -1, 1).toArray();
        y = new double[batch * out];
        dy = new double[batch * out];
        g = rng.doubles((long) batch * out, -1, 1).toArray();
        grad = new double[mlp.parameterCount()];
        System.out.printf("%nflops per forward+backward call: %d%n", mlp.flopsPerRow(true) * batch);
    }

    @Benchmark
    public double[] forward() {
        mlp.forward(theta, 0, x, 0, batch, y, 0, tape);
        return y;
    }

    @Benchmark
    public double[] forwardBackward() {
        mlp.forward(theta, 0, x, 0, batch, y, 0, tape);
        mlp.backward(theta, 0, g, 0, batch, grad, 0, null, 0, tape);
        return grad;
    }

    @Benchmark
    public double[] forwardJvp() {
        mlp.forwardTangent(theta, 0, v, 0, x, 0, batch, y, 0, dy, 0, tape);
        return dy;
    }
}
