package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.math.ConjugateGradient;
import org.npg4j.math.LinearOperator;
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

/**
 * The TRPO direction on CartPole's actor (4 → 64 → 64 → 2 tanh, categorical): one damped Fisher-vector product
 * (F + λI) v = Jᵀ M J v / N + λ v (one forward pass with JVP, one reverse pass), and 10 conjugate-gradient steps on
 * the Fisher operator (one forward pass, then per step one JVP and one reverse pass), as the TRPO update runs them.
 * Batch 1,024 is the zoo TRPO CartPole rollout (2 envs × 512 steps), 2,048 the default (1 env × 2,048 steps).
 * The CG tolerance is 0 so that every call runs exactly 10 steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FisherBench {
    static final int CG_STEPS = 10;
    static final double DAMPING = 1e-3;

    @Param({"1024", "2048"})
    int batch;

    ActorCriticPolicy policy;
    double[] obs;
    double[] v;
    double[] fv;
    double[] gradient;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        policy = ActorCriticPolicy.builder(4).discrete(2).seed(1).build();
        for (int i = 0; i < policy.parameterCount(); i++) {
            policy.parameters()[i] += 0.1 * rng.nextGaussian();
        }
        obs = rng.doubles(batch * 4L, -1, 1).toArray();
        v = rng.doubles(policy.parameterCount(), -1, 1).toArray();
        gradient = rng.doubles(policy.parameterCount(), -1, 1).toArray();
        fv = new double[policy.parameterCount()];
    }

    @Benchmark
    public double[] fisherVectorProduct() {
        policy.fisherVectorProduct(obs, batch, v, DAMPING, fv);
        return fv;
    }

    @Benchmark
    public ConjugateGradient.Result conjugateGradient10() {
        LinearOperator fisher = policy.fisherOperator(obs, batch, DAMPING);
        ConjugateGradient.Result r = ConjugateGradient.solve(fisher, gradient, CG_STEPS, 0.0);
        if (r.iterations() != CG_STEPS) {
            throw new IllegalStateException("CG ran " + r.iterations() + " steps");
        }
        return r;
    }
}
