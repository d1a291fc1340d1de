package org.npg4j.bench;

import java.util.concurrent.TimeUnit;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.Solution;
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

/** The LP over state-action distributions (ojAlgo simplex). Target: S = 500, A = 5 in under 10 s. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class LinearProgramBench {
    @Param({"100", "500"})
    int states;

    @Param({"5"})
    int branching;

    FiniteMdp mdp;

    @Setup
    public void setup() {
        mdp = new Garnet(states, 5, branching, 0.9, Garnet.RewardDistribution.UNIFORM, 0).generate();
    }

    @Benchmark
    public Solution solve() {
        return LinearProgram.solve(mdp);
    }
}
