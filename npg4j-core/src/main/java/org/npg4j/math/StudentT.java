package org.npg4j.math;

/** Quantiles of Student's t distribution, for confidence intervals of a mean over a few seeds or many episodes. */
public final class StudentT {
    /** Two-sided 95% quantiles t_{0.975, df} of Student's t distribution for df = 1..30. */
    private static final double[] T975 = {12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836,
        2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656,
        2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845,
        2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642,
        2.042272456};

    private StudentT() {
    }

    /**
     * t_{0.975, df}: tabulated for df ≤ 30, beyond by the Cornish-Fisher expansion of the t quantile around the
     * normal quantile z = 1.959964 (Abramowitz and Stegun 26.7.5), whose error is below 1e-5 for df &gt; 30.
     */
    public static double quantile975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = 1.959963984540054;
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        double v = df;
        return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
    }
}
