package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.math.LinearOperator;
import org.npg4j.nn.Activation;
import org.npg4j.nn.FastTanh;
import org.npg4j.nn.Mlp;
import org.npg4j.nn.OrthogonalInitializer;
import org.npg4j.nn.Tape;
import org.npg4j.policy.ActorCriticPolicy;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The 4 → 64 → 64 → 2 tanh MLP (CartPole's actor): forward + backward on a batch (flops per call from
 * {@link Mlp#flopsPerRow}), the actor's Fisher-vector product on the same batch, which should cost at most
 * three forward + backward passes, and one product of the Fisher operator that conjugate gradient applies. Divide
 * {@code flops} by the measured time for GFLOP/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpBench {
    @Param({"256", "2048"})
    int batch;

    Mlp mlp;
    Tape tape;
    double[] theta;
    double[] x;
    double[] y;
    double[] g;
    double[] grad;
    ActorCriticPolicy policy;
    double[] v;
    double[] fv;
    LinearOperator fisher;
    double[] tanhIn;
    double[] tanhOut;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        mlp = Mlp.of(4, new int[] {64, 64}, Activation.TANH, 2);
        theta = new double[mlp.parameterCount()];
        OrthogonalInitializer.initialize(mlp, theta, 0, OrthogonalInitializer.gains(mlp, 1.0), rng);
        tape = mlp.newTape(batch);
        x = rng.doubles(batch * 4L, -1, 1).toArray();
        y = new double[batch * 2];
        g = rng.doubles(batch * 2L, -1, 1).toArray();
        grad = new double[mlp.parameterCount()];
        policy = ActorCriticPolicy.builder(4).discrete(2).seed(1).build();
        for (int i = 0; i < policy.parameterCount(); i++) {
            policy.parameters()[i] += 0.1 * rng.nextGaussian();
        }
        v = rng.doubles(policy.parameterCount(), -1, 1).toArray();
        fv = new double[policy.parameterCount()];
        fisher = policy.fisherOperator(x, batch, 0.1);
        tanhIn = rng.doubles(batch * 64L, -3, 3).toArray();
        tanhOut = new double[tanhIn.length];
        System.out.printf("%nflops per forward+backward call: %d%n", mlp.flopsPerRow(true) * batch);
    }

    @Benchmark
    public double[] forwardBackward() {
        mlp.forward(theta, 0, x, 0, batch, y, 0, tape);
        mlp.backward(theta, 0, g, 0, batch, grad, 0, null, 0, tape);
        return grad;
    }

    @Benchmark
    public double[] forward() {
        mlp.forward(theta, 0, x, 0, batch, y, 0, tape);
        return y;
    }

    @Benchmark
    public double[] fisherVectorProduct() {
        policy.fisherVectorProduct(x, batch, v, 0.1, fv);
        return fv;
    }

    /** One product of the Fisher operator at a fixed θ, as conjugate gradient applies it (forward pass excluded). */
    @Benchmark
    public double[] fisherOperatorApply() {
        fisher.apply(v, fv);
        return fv;
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
