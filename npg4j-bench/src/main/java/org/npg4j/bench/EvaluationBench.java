package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.mdp.FiniteMdp;
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

/** The sparse transition kernel's matrix-vector products, the inner loop of every exact evaluation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EvaluationBench {
    @Param({"10000"})
    int states;

    FiniteMdp mdp;
    double[] v;
    double[] q;

    @Setup
    public void setup() {
        int actions = 10;
        int branching = 10;
        SplittableRandom rng = new SplittableRandom(0);
        FiniteMdp.Builder b = FiniteMdp.builder(states, actions).gamma(0.99).initialState(0);
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                for (int k = 0; k < branching; k++) {
                    b.transition(s, a, rng.nextInt(states), 1.0 / branching);
                }
                b.reward(s, a, rng.nextDouble());
            }
        }
        mdp = b.build();
        v = new double[states];
        q = new double[mdp.pairs()];
    }

    @Benchmark
    public double[] expectedNext() {
        mdp.expectedNext(v, q);
        return q;
    }
}
