package org.npg4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.env.Discrete;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
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
 * Raw single-thread step throughput of every registered env (as {@code Envs.make} builds it, time limit included)
 * with random actions (pre-generated, cycled) and
 * auto-reset at the end of each episode; one op = one step (auto-resets included in the op that ends an episode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EnvStepBench {
    private static final int ACTIONS = 1 << 12;

    /** Every id of the env registry ({@code EnvStepBenchTest} checks that the list is complete). */
    @Param({"Acrobot-v1", "CartPole-v1", "CartPoleSafe-v0", "CartPoleSafeTwoCosts-v0", "ConstrainedGarnet-v0", "HazardGrid-v0",
            "KinematicPointCircle-v0", "KinematicPointGoal-v0", "LunarLander-v3", "LunarLanderContinuous-v3",
            "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1"})
    String envId;

    Env env;
    boolean discrete;
    int[] discreteActions;
    double[][] boxActions;
    int next;

    @Setup
    public void setup() {
        env = Envs.make(envId);
        SplittableRandom rng = new SplittableRandom(0);
        discrete = env.actionSpace() instanceof Discrete;
        discreteActions = new int[ACTIONS];
        boxActions = new double[ACTIONS][env.actionSpace().dim()];
        for (int i = 0; i < ACTIONS; i++) {
            if (env.actionSpace() instanceof Discrete d) {
                discreteActions[i] = d.sample(rng);
            } else {
                env.actionSpace().sample(rng, boxActions[i]);
            }
        }
        env.reset(0);
    }

    @Benchmark
    public double step() {
        int i = next;
        next = (i + 1) & (ACTIONS - 1);
        StepResult r = discrete ? env.step(discreteActions[i]) : env.step(boxActions[i]);
        double reward = r.reward();
        if (r.done()) {
            env.reset();
        }
        return reward;
    }
}
