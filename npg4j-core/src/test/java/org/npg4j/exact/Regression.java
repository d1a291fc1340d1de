package org.npg4j.exact;

import java.util.List;

/** Least-squares fits for the rate tests. */
final class Regression {
    private Regression() {
    }

    /** The least-squares slope of y against x over the points (x, y). */
    static double slope(List<double[]> points) {
        double mx = 0, my = 0;
        for (double[] p : points) {
            mx += p[0] / points.size();
            my += p[1] / points.size();
        }
        double sxy = 0, sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }
}
