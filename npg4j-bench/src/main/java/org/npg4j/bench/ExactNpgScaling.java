package org.npg4j.bench;

import java.util.Arrays;
import org.npg4j.exact.ExactProblem;
import org.npg4j.exact.NaturalPolicyGradient;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.TabularPolicy;

/**
 * How one exact softmax NPG iteration (closed-form update, then the exact evaluation of the new policy warm-started
 * from the previous one, as {@link ExactNpgBench} times it) grows with the number of states S, at A = 10 actions and
 * branching 10 (so S·A·10 transitions), γ = 0.9, step size 0.1. Prints a markdown table of the median CPU time per
 * iteration (one thread) and the least-squares exponent k of t ∝ S^k.
 * <pre>
 *   java -Xmx3g -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.ExactNpgScaling [S ...]
 * </pre>
 * Per S: 2 warm-up iterations, then iterations until 2 s of CPU time (at least 5); default S = 100, 300, 1,000,
 * 3,000, 10,000, 30,000, 100,000.
 */
public final class ExactNpgScaling {
    private ExactNpgScaling() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {100, 300, 1_000, 3_000, 10_000, 30_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("Exact NPG iteration vs S (Garnet, A = 10, branching 10, γ = 0.9; " + Scaling.machine()
                + ")\n");
        System.out.println("| S | transitions | iterations timed | CPU ms / iteration (median) | wall ms / iteration "
                + "(median) | iterations / s |");
        System.out.println("|---|---|---|---|---|---|");
        double[] cpu = new double[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            int s = sizes[k];
            FiniteMdp mdp = Garnet.of(s, 10, 10, 0).generate();
            ExactProblem problem = ExactProblem.of(mdp);
            NaturalPolicyGradient npg = NaturalPolicyGradient.constant(problem, TabularPolicy.uniform(s, 10), 0.1);
            Evaluation current = problem.evaluate(npg.policy(), null);
            for (int w = 0; w < 2; w++) {
                npg.step(current);
                current = problem.evaluate(npg.policy(), current);
            }
            double[] c = new double[10_000];
            double[] wall = new double[10_000];
            int n = 0;
            long cpuStart = Scaling.threadCpuNanos();
            while (n < c.length && (n < 5 || Scaling.threadCpuNanos() - cpuStart < 2_000_000_000L)) {
                long t0 = Scaling.threadCpuNanos();
                long w0 = System.nanoTime();
                npg.step(current);
                current = problem.evaluate(npg.policy(), current);
                c[n] = (Scaling.threadCpuNanos() - t0) * 1e-6;
                wall[n++] = (System.nanoTime() - w0) * 1e-6;
            }
            cpu[k] = median(c, n);
            System.out.println(Scaling.f("| %,d | %,d | %d | %.3f | %.3f | %.1f |", s, (long) s * 10 * 10, n, cpu[k],
                    median(wall, n), 1000 / cpu[k]));
        }
        double[] x = Arrays.stream(sizes).asDoubleStream().toArray();
        double[] fit = Scaling.logLogFit(x, cpu);
        System.out.println(Scaling.f("%nFitted: CPU time per iteration ≈ %.3g ms · S^%.2f (least squares of log t on "
                + "log S over the %d sizes).", Math.exp(fit[1]), fit[0], sizes.length));
    }

    static double median(double[] v, int n) {
        double[] s = Arrays.copyOf(v, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
