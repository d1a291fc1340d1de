package org.npg4j.bench;

import java.util.concurrent.TimeUnit;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.TabularPolicy;
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
 * Exact evaluation (V, Q, d^π, R) of a random policy on a Garnet MDP to 1e-10. Target: S = 10,000, A = 10,
 * branching 10 in under 1 s on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class PolicyEvaluationBench {
    @Param({"100", "1000", "10000"})
    int states;

    @Param({"0.9", "0.99"})
    double gamma;

    FiniteMdp mdp;
    TabularPolicy policy;

    @Setup
    public void setup() {
        mdp = new Garnet(states, 10, 10, gamma, Garnet.RewardDistribution.UNIFORM, 0).generate();
        double[] logits = new double[states * 10];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < logits.length; i++) {
            logits[i] = rng.nextGaussian();
        }
        policy = TabularPolicy.softmax(states, 10, logits);
    }

    @Benchmark
    public Evaluation evaluate() {
        return PolicyEvaluation.evaluate(mdp, policy);
    }
}
