package org.npg4j.bench;

import java.util.concurrent.TimeUnit;
import org.npg4j.exact.ExactProblem;
import org.npg4j.exact.NaturalPolicyGradient;
import org.npg4j.exact.StepReport;
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
 * One exact softmax NPG iteration: the closed-form update from the current evaluation, then the exact evaluation
 * (V, Q, d^π, R to 1e-10) of the new policy, warm-started from the previous one, as the exact runner does. Garnet
 * with A = 10, branching 10, γ = 0.9. Targets: S = 10,000 under 0.5 s; S = 100 over 2,000 iterations per second.
 * Run: {@code java -jar npg4j-bench/target/benchmarks.jar ExactNpgBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ExactNpgBench {
    @Param({"100", "1000", "10000"})
    int states;

    /** The evaluation's linear solver: AUTO (dense LU up to 300 states) or ITERATIVE (GMRES). */
    @Param({"AUTO", "ITERATIVE"})
    String method;

    ExactProblem problem;
    NaturalPolicyGradient npg;
    Evaluation current;

    @Setup
    public void setup() {
        FiniteMdp mdp = Garnet.of(states, 10, 10, 0).generate();
        problem = ExactProblem.of(mdp).withEvaluator(PolicyEvaluation.of(PolicyEvaluation.DEFAULT_TOLERANCE,
                PolicyEvaluation.Method.valueOf(method)));
        npg = NaturalPolicyGradient.constant(problem, TabularPolicy.uniform(states, 10), 0.1);
        current = problem.evaluate(npg.policy(), null);
    }

    @Benchmark
    public StepReport npgIteration() {
        StepReport report = npg.step(current);
        current = problem.evaluate(npg.policy(), current);
        return report;
    }
}
