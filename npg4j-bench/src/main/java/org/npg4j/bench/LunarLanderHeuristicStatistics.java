package org.npg4j.bench;

import java.util.Locale;
import org.npg4j.env.LunarLander;
import org.npg4j.env.LunarLanderHeuristic;
import org.npg4j.env.StepResult;
import org.npg4j.math.StudentT;

/**
 * The statistical check of LunarLander's physics: the episode returns of Gymnasium's heuristic controller
 * ({@link LunarLanderHeuristic}) over a range of seeds, against the same statistics measured with Gymnasium 1.0.0 on
 * Box2D 2.3 over seeds 0–499. Trajectories are compared step by step by the golden test as long as they can be; a
 * heuristic landing lasts 150–300 steps, past the point where float32 rounding alone lets two faithful builds drift
 * apart, so the return distribution is what a port can be held to beyond that. The seeds do not map to Gymnasium's
 * (npg4j's generator is not numpy's PCG64), so only the distributions are compared: they agree when their 95%
 * confidence intervals of the mean overlap.
 *
 * <p>Usage: {@code java -cp npg4j-bench/target/benchmarks.jar org.npg4j.bench.LunarLanderHeuristicStatistics
 * [FROM TO]} (seeds FROM..TO inclusive, default 0 499); prints both variants beside Gymnasium's figures.
 */
public final class LunarLanderHeuristicStatistics {
    /** Return of a landing that "solves" the task (Gymnasium's threshold). */
    static final double SOLVED = 200.0;

    /**
     * Episode-return statistics of a policy over seeded episodes.
     *
     * @param episodes        number of episodes
     * @param mean            mean episode return
     * @param std             sample standard deviation (n - 1) of the returns
     * @param ciHalfWidth     half-width of the 95% Student-t confidence interval of the mean, t_{0.975, n-1}·std/√n
     * @param shareSolved     share of episodes with return ≥ {@value #SOLVED}
     * @param meanLength      mean episode length in steps
     */
    public record Statistics(int episodes, double mean, double std, double ciHalfWidth, double shareSolved,
                             double meanLength) {
        /** Statistics of the given returns and lengths (same length, at least two episodes). */
        public static Statistics of(double[] returns, int[] lengths) {
            int n = returns.length;
            if (n < 2 || lengths.length != n) {
                throw new IllegalArgumentException("need at least two episodes with one length each, got "
                        + n + " returns and " + lengths.length + " lengths");
            }
            double mean = 0;
            double solved = 0;
            double length = 0;
            for (int i = 0; i < n; i++) {
                mean += returns[i];
                solved += returns[i] >= SOLVED ? 1 : 0;
                length += lengths[i];
            }
            mean /= n;
            double ss = 0;
            for (double r : returns) {
                ss += (r - mean) * (r - mean);
            }
            double std = Math.sqrt(ss / (n - 1));
            return new Statistics(n, mean, std, StudentT.quantile975(n - 1) * std / Math.sqrt(n), solved / n,
                    length / n);
        }

        public double ciLow() {
            return mean - ciHalfWidth;
        }

        public double ciHigh() {
            return mean + ciHalfWidth;
        }

        /** The two 95% confidence intervals of the mean overlap: |mean - other.mean| ≤ the sum of the half-widths. */
        public boolean agreesWith(Statistics other) {
            return Math.abs(mean - other.mean) <= ciHalfWidth + other.ciHalfWidth;
        }
    }

    /** Gymnasium 1.0.0, LunarLander-v3, {@code heuristic(env, obs)}, seeds 0–499 (Box2D 2.3). */
    public static final Statistics GYMNASIUM_DISCRETE = new Statistics(500, 238.73, 99.50, 8.74, 0.888, 252.7);
    /** Gymnasium 1.0.0, LunarLander-v3 with {@code continuous=True}, seeds 0–499. */
    public static final Statistics GYMNASIUM_CONTINUOUS = new Statistics(500, 283.01, 26.38, 2.32, 0.998, 203.7);

    private LunarLanderHeuristicStatistics() {
    }

    /** The heuristic's statistics on the default LunarLander (1000-step limit) over seeds {@code from..to}. */
    public static Statistics measure(boolean continuous, long from, long to) {
        if (to < from + 1) {
            throw new IllegalArgumentException("need at least two seeds, got " + from + ".." + to);
        }
        int n = Math.toIntExact(to - from + 1);
        double[] returns = new double[n];
        int[] lengths = new int[n];
        double[] action = new double[2];
        try (LunarLander env = new LunarLander(continuous)) {
            for (int i = 0; i < n; i++) {
                StepResult r = env.reset(from + i);
                double total = 0;
                int steps = 0;
                while (!r.done()) {
                    if (continuous) {
                        LunarLanderHeuristic.continuousAction(r.observation(), action);
                        r = env.step(action);
                    } else {
                        r = env.step(LunarLanderHeuristic.discreteAction(r.observation()));
                    }
                    total += r.reward();
                    steps++;
                }
                returns[i] = total;
                lengths[i] = steps;
            }
        }
        return Statistics.of(returns, lengths);
    }

    public static void main(String[] args) {
        long from = 0;
        long to = 499;
        if (args.length == 2) {
            from = Long.parseLong(args[0]);
            to = Long.parseLong(args[1]);
        } else if (args.length != 0) {
            System.err.println("usage: LunarLanderHeuristicStatistics [FROM TO]  (seeds FROM..TO, default 0 499)");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "Gymnasium's heuristic controller, seeds %d..%d%n", from, to);
        System.out.println("| env | source | episodes | mean | std | 95% CI of the mean | share >= 200 | mean length |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (boolean continuous : new boolean[] {false, true}) {
            String id = continuous ? LunarLander.CONTINUOUS_ID : LunarLander.ID;
            long start = System.nanoTime();
            Statistics ours = measure(continuous, from, to);
            double seconds = (System.nanoTime() - start) / 1e9;
            Statistics gym = continuous ? GYMNASIUM_CONTINUOUS : GYMNASIUM_DISCRETE;
            System.out.println(row(id, "npg4j", ours));
            System.out.println(row(id, "Gymnasium 1.0.0 (seeds 0..499)", gym));
            System.out.printf(Locale.ROOT, "%s: %s (difference of the means %+.2f, combined half-widths %.2f); "
                    + "%.1f s%n", id, ours.agreesWith(gym) ? "agree" : "DISAGREE", ours.mean() - gym.mean(),
                    ours.ciHalfWidth() + gym.ciHalfWidth(), seconds);
        }
    }

    private static String row(String id, String source, Statistics s) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | [%.2f, %.2f] | %.3f | %.1f |", id, source,
                s.episodes(), s.mean(), s.std(), s.ciLow(), s.ciHigh(), s.shareSolved(), s.meanLength());
    }
}
