package org.npg4j.spark.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.npg4j.math.LogSumExp;

/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio, Kégl 2011, "Algorithms for Hyper-Parameter
 * Optimization"), independent per parameter. The observed trials are split at a quantile: the best
 * {@code γ(n) = min(⌈0.1·n⌉, 25)} (Optuna's default) form the good set, the rest the bad set. Each set gives a density
 * per parameter, l(x) from the good trials and g(x) from the bad ones; of {@value #DEFAULT_CANDIDATES} candidates drawn
 * from l, the one with the largest l(x)/g(x) is proposed (which maximizes the expected improvement under the model).
 *
 * <ul>
 *   <li>Numbers: a Parzen window, one Gaussian truncated to the range per observation plus a prior (centered, as wide as
 *   the range, weight 1); each observation's width is the larger gap to its neighbours (the range's ends count as
 *   neighbours), clipped to [range / min(100, n + 1), range]. Log-uniform ranges are modelled in log space.</li>
 *   <li>Choices: smoothed counts ({@link #smoothed}).</li>
 * </ul>
 * Until {@code nStartup} trials are observed, points are drawn uniformly ({@link Sampler#random()}). Several points
 * asked at once (a round of trials) are proposed one after the other, each earlier one of the round counted among the
 * bad observations (Optuna's "constant liar"), so that the round spreads out instead of repeating one point.
 */
public final class TpeSampler implements Sampler {
    /** Candidates drawn from l(x) per proposal (Optuna's {@code n_ei_candidates}). */
    public static final int DEFAULT_CANDIDATES = 24;
    private static final double PRIOR_WEIGHT = 1.0;

    private final int nStartup;
    private final int candidates;

    public TpeSampler(int nStartup) {
        this(nStartup, DEFAULT_CANDIDATES);
    }

    public TpeSampler(int nStartup, int candidates) {
        if (nStartup < 0 || candidates < 1) {
            throw new IllegalArgumentException("n_startup_trials must be >= 0 and candidates >= 1");
        }
        this.nStartup = nStartup;
        this.candidates = candidates;
    }

    /** The size of the good set among n observations: min(⌈0.1·n⌉, 25), at least 1. */
    public static int goodCount(int n) {
        return Math.max(1, Math.min((int) Math.ceil(0.1 * n), 25));
    }

    @Override
    public List<Map<String, Object>> suggest(SearchSpace space, List<Observation> history, int count,
                                             SplittableRandom rng) {
        if (history.size() < Math.max(1, nStartup)) {
            return Sampler.random().suggest(space, history, count, rng);
        }
        List<Observation> observed = new ArrayList<>(history);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Observation> sorted = new ArrayList<>(observed);
            sorted.sort(Observation.BEST_FIRST);
            int nGood = goodCount(history.size());
            List<Observation> good = sorted.subList(0, nGood);
            List<Observation> bad = sorted.subList(nGood, sorted.size());
            Map<String, Object> point = new LinkedHashMap<>();
            for (SearchSpace.Param p : space.params()) {
                if (p instanceof SearchSpace.Uniform u) {
                    point.put(p.name(), suggestNumber(u, values(u, good), values(u, bad), rng));
                } else {
                    SearchSpace.Categorical c = (SearchSpace.Categorical) p;
                    point.put(p.name(), suggestChoice(c, counts(c, good), counts(c, bad), rng));
                }
            }
            out.add(point);
            // The constant liar: a point proposed in this round counts as a bad result for the next proposals of
            // the round (below every real observation), so one round does not propose the same point again.
            observed.add(new Observation(-1 - i, point, -1, Double.NEGATIVE_INFINITY));
        }
        return out;
    }

    private static double[] values(SearchSpace.Uniform u, List<Observation> obs) {
        double[] x = new double[obs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = u.toInternal(((Number) obs.get(i).point().get(u.name())).doubleValue());
        }
        return x;
    }

    private static double[] counts(SearchSpace.Categorical c, List<Observation> obs) {
        double[] n = new double[c.choices().size()];
        for (Observation o : obs) {
            n[c.index(o.point().get(c.name()))]++;
        }
        return n;
    }

    private double suggestNumber(SearchSpace.Uniform u, double[] good, double[] bad, SplittableRandom rng) {
        Parzen l = new Parzen(good, u.internalLow(), u.internalHigh());
        Parzen g = new Parzen(bad, u.internalLow(), u.internalHigh());
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates; k++) {
            double x = l.sample(rng);
            double s = l.logDensity(x) - g.logDensity(x);
            if (s > bestScore) {
                bestScore = s;
                best = x;
            }
        }
        return u.fromInternal(best);
    }

    private Object suggestChoice(SearchSpace.Categorical c, double[] good, double[] bad, SplittableRandom rng) {
        double[] pl = smoothed(good);
        double[] pg = smoothed(bad);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < candidates; k++) {
            double u = rng.nextDouble();
            int i = 0;
            for (double acc = pl[0]; i < pl.length - 1 && u >= acc; acc += pl[++i]) {
                // walk the cumulative distribution
            }
            double s = Math.log(pl[i]) - Math.log(pg[i]);
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return c.choices().get(best);
    }

    /**
     * The choice probabilities of a Parzen estimator over K choices, as Optuna builds it: one kernel per observation
     * (weight 1 on the observed choice plus a prior weight of 1/n_k spread over the K choices, normalized) and a
     * uniform prior kernel, n_k = observations + 1 kernels of equal weight. With {@code counts} c_j over n
     * observations: p(j) = [Σ_j' c_j'·(𝟙[j=j'] + 1/n_k)/(1 + K/n_k) + 1/K] / n_k.
     */
    static double[] smoothed(double[] counts) {
        int k = counts.length;
        double n = 0;
        for (double c : counts) {
            n += c;
        }
        double kernels = n + 1;
        double spread = PRIOR_WEIGHT / kernels;
        double norm = 1 + k * spread;
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = ((counts[j] + n * spread) / norm + 1.0 / k) / kernels;
        }
        return p;
    }

    /** A mixture of truncated Gaussians on [low, high]: one per observation and the prior, all of weight 1. */
    static final class Parzen {
        final double low;
        final double high;
        final double[] mu;
        final double[] sigma;
        final double[] logWeight;
        final double[] logMass;

        Parzen(double[] points, double low, double high) {
            this.low = low;
            this.high = high;
            int n = points.length;
            double range = high - low;
            double[] sorted = points.clone();
            Arrays.sort(sorted);
            mu = new double[n + 1];
            sigma = new double[n + 1];
            double minSigma = range / Math.min(100.0, n + 1.0);
            for (int i = 0; i < n; i++) {
                double left = sorted[i] - (i == 0 ? low : sorted[i - 1]);
                double right = (i == n - 1 ? high : sorted[i + 1]) - sorted[i];
                mu[i] = sorted[i];
                sigma[i] = Math.min(range, Math.max(minSigma, Math.max(left, right)));
            }
            mu[n] = 0.5 * (low + high);
            sigma[n] = range;
            logWeight = new double[n + 1];
            double total = n + PRIOR_WEIGHT;
            for (int i = 0; i < n; i++) {
                logWeight[i] = Math.log(1.0 / total);
            }
            logWeight[n] = Math.log(PRIOR_WEIGHT / total);
            logMass = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                double mass = Normal.cdf((high - mu[i]) / sigma[i]) - Normal.cdf((low - mu[i]) / sigma[i]);
                logMass[i] = Math.log(Math.max(mass, 1e-300));
            }
        }

        double logDensity(double x) {
            double[] t = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                double z = (x - mu[i]) / sigma[i];
                t[i] = logWeight[i] - 0.5 * z * z - Math.log(sigma[i]) - 0.5 * Math.log(2 * Math.PI) - logMass[i];
            }
            return LogSumExp.logSumExp(t);
        }

        double sample(SplittableRandom rng) {
            double u = rng.nextDouble();
            int i = 0;
            double acc = Math.exp(logWeight[0]);
            while (i < mu.length - 1 && u >= acc) {
                acc += Math.exp(logWeight[++i]);
            }
            // Rejection from the untruncated Gaussian: every component keeps at least a third of its mass inside.
            for (int tries = 0; tries < 1000; tries++) {
                double x = mu[i] + sigma[i] * Normal.gaussian(rng);
                if (x >= low && x <= high) {
                    return x;
                }
            }
            return Math.min(high, Math.max(low, mu[i]));
        }
    }

    /** The standard normal distribution. */
    static final class Normal {
        private Normal() {
        }

        /** Φ(z) through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
        static double cdf(double z) {
            return 0.5 * erfc(-z / Math.sqrt(2));
        }

        static double erfc(double x) {
            double z = Math.abs(x);
            double t = 1.0 / (1.0 + 0.5 * z);
            double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2.0 - r;
        }

        /** A standard normal draw (Box–Muller, using two uniforms). */
        static double gaussian(SplittableRandom rng) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2 * Math.PI * u2);
        }
    }
}
