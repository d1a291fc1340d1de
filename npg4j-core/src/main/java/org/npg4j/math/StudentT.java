package org.npg4j.math;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Quantiles of Student's t distribution, for confidence intervals over seeds. Computed by inverting the regularized
 * incomplete beta function (Apache Commons Math), so they are exact to about 1e-9 for every number of degrees of
 * freedom: no table with a normal approximation behind it.
 */
public final class StudentT {
    /** Absolute accuracy of the inversion. */
    private static final double ACCURACY = 1e-12;

    private StudentT() {
    }

    /** The {@code p} quantile of Student's t with {@code df} ≥ 1 degrees of freedom. */
    public static double quantile(double p, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        return new TDistribution(null, df, ACCURACY).inverseCumulativeProbability(p);
    }

    /**
     * t<sub>0.975, df</sub>, the half-width factor of the two-sided 95% interval mean ± t·s/√n with df = n - 1.
     */
    public static double quantile975(int df) {
        return quantile(0.975, df);
    }
}
