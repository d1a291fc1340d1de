package org.npg4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.npg4j.env.Env;
import org.npg4j.mujoco.MjData;
import org.npg4j.mujoco.MjModel;
import org.npg4j.mujoco.Mujoco;
import org.npg4j.mujoco.MujocoEnv;
import org.npg4j.mujoco.MujocoEnvBuilder;
import org.npg4j.mujoco.NativeStepLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one MuJoCo env step through the JNI binding against the same loop in C, on npg4j-mujoco's planar
 * hopper (4 bodies, 3 motors, floor contacts, RK4 at 2 ms, {@code frame_skip} 4: the size of Gymnasium's Hopper).
 * One op = one env step = ctrl, 4 × {@code mj_step}, {@code mj_rnePostConstraint}:
 * <ul>
 *   <li>{@code nativeLoop}: {@value #LOOP} env steps per call, looped in C ({@link NativeStepLoop}): the reference;</li>
 *   <li>{@code bindingStep}: one {@link MjData#step(double[], int)} call per env step;</li>
 *   <li>{@code envStep}: a whole {@link Env#step(double[])} of a Hopper-like env built with {@link MujocoEnvBuilder}
 *       (also copies qpos before and after and the observation qpos[1:] ++ clip(qvel, ±10): three more JNI
 *       copies).</li>
 * </ul>
 * All three simulate the same model with random controls in [-1, 1] and never reset, so they average over the same
 * kind of states. Needs libmujoco.
 *
 * <p>On a shared machine JMH's wall-clock scores mostly measure the neighbours; {@link #main} times the same three
 * operations in this thread's CPU time instead, in interleaved rounds, and prints the medians and their ratios:
 * <pre>
 *   java -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.MujocoStepBench [ROUNDS]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MujocoStepBench {
    static final int FRAME_SKIP = 4;
    static final int LOOP = 1000;
    private static final int ROWS = 1024;

    MjModel model;
    MjData binding;
    MjData reference;
    Env env;
    double[][] actions;
    double[] flatActions;
    int next;

    @Setup(Level.Trial)
    public void setup() {
        model = MjModel.fromResource(MjModel.class, "planar_hopper.xml");
        binding = model.makeData();
        reference = model.makeData();
        SplittableRandom rng = new SplittableRandom(0);
        actions = new double[ROWS][3];
        flatActions = new double[ROWS * 3];
        for (int i = 0; i < ROWS; i++) {
            for (int k = 0; k < 3; k++) {
                actions[i][k] = (float) (-1 + 2 * rng.nextDouble());
                flatActions[3 * i + k] = actions[i][k];
            }
        }
        env = hopperLike();
        env.reset(0);
    }

    /** Hopper-v5's observation and reward on the planar hopper, without termination or time limit. */
    static Env hopperLike() {
        double[] qpos = new double[6];
        double[] qvel = new double[6];
        return MujocoEnvBuilder.of("PlanarHopperBench-v0")
                .xmlResource(MjModel.class, "planar_hopper.xml")
                .frameSkip(FRAME_SKIP)
                .observation(m -> 11, (data, out) -> {
                    data.qpos(qpos);
                    System.arraycopy(qpos, 1, out, 0, 5);
                    data.qvel(qvel);
                    for (int i = 0; i < 6; i++) {
                        out[5 + i] = Math.max(-10, Math.min(10, qvel[i]));
                    }
                })
                .reward(t -> (t.qpos()[0] - t.qposBefore()[0]) / t.dt() + 1.0
                        - 1e-3 * MujocoEnvBuilder.squaredNorm(t.action()))
                .resetNoise(5e-3)
                .make(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        env.close();
        binding.close();
        reference.close();
        model.close();
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public long nativeLoop() {
        return NativeStepLoop.run(reference, flatActions, LOOP, FRAME_SKIP);
    }

    @Benchmark
    public void bindingStep() {
        int i = next;
        next = (i + 1) & (ROWS - 1);
        binding.step(actions[i], FRAME_SKIP);
    }

    @Benchmark
    public double envStep() {
        int i = next;
        next = (i + 1) & (ROWS - 1);
        return env.step(actions[i]).reward();
    }

    /**
     * CPU time per env step of the three operations, interleaved over rounds of {@value #LOOP} steps. Every timed run
     * starts from the same saved state (the hopper after 2,000 steps of random controls, lying on the floor) with the
     * same controls, so all three simulate the identical trajectory bit for bit and differ only in overhead.
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MujocoStepBench b = new MujocoStepBench();
        b.setup();
        for (int i = 0; i < 2000; i++) {
            b.bindingStep();
        }
        double[] start = b.binding.saveState();
        MjData envData = ((MujocoEnv) b.env).data();
        double[][] perStep = new double[3][rounds];
        int warmup = Math.max(5, rounds / 5);
        for (int r = -warmup; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                int op = Math.floorMod(r + k, 3); // rotate the order from round to round
                b.next = 0;
                (op == 0 ? b.reference : op == 1 ? b.binding : envData).restoreState(start);
                long t0 = threads.getCurrentThreadCpuTime();
                if (op == 0) {
                    b.nativeLoop();
                } else if (op == 1) {
                    for (int i = 0; i < LOOP; i++) {
                        b.bindingStep();
                    }
                } else {
                    for (int i = 0; i < LOOP; i++) {
                        b.envStep();
                    }
                }
                long t1 = threads.getCurrentThreadCpuTime();
                if (r >= 0) {
                    perStep[op][r] = (t1 - t0) / (double) LOOP;
                }
            }
        }
        double[] q = new double[6];
        if (!Arrays.equals(b.reference.qpos(q).clone(), b.binding.qpos(new double[6]))
                || !Arrays.equals(b.binding.qpos(q).clone(), envData.qpos(new double[6]))) {
            throw new IllegalStateException("the three variants did not simulate the same trajectory");
        }
        b.tearDown();
        double c = median(perStep[0]);
        double j = median(perStep[1]);
        double e = median(perStep[2]);
        System.out.printf(Locale.ROOT, "MuJoCo %s, planar hopper, frame_skip %d; thread CPU time per env step, median of %d "
                + "interleaved rounds of %d steps (same trajectory in each)%n", Mujoco.version(), FRAME_SKIP, rounds,
                LOOP);
        System.out.printf(Locale.ROOT, "  nativeLoop (C)   %8.2f us  [%s]%n", c / 1e3, quartiles(perStep[0]));
        System.out.printf(Locale.ROOT, "  bindingStep      %8.2f us  [%s]  %+.1f%% vs C (median of the rounds' ratios %+.1f%%)%n",
                j / 1e3, quartiles(perStep[1]), 100 * (j / c - 1), 100 * (medianRatio(perStep[1], perStep[0]) - 1));
        System.out.printf(Locale.ROOT, "  envStep          %8.2f us  [%s]  %+.1f%% vs C (median of the rounds' ratios %+.1f%%)%n",
                e / 1e3, quartiles(perStep[2]), 100 * (e / c - 1), 100 * (medianRatio(perStep[2], perStep[0]) - 1));
    }

    /** The median over rounds of x/y measured in the same round (cancels the machine's load drifting between rounds). */
    private static double medianRatio(double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] / y[i];
        }
        return median(r);
    }

    /** The first and third quartiles in microseconds. */
    private static String quartiles(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "IQR %.2f-%.2f", s[s.length / 4] / 1e3, s[3 * s.length / 4] / 1e3);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
