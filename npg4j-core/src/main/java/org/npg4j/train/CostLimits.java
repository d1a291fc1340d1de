package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * The {@code cost_limit} hyperparameter of the constrained algorithms: per-episode limits b_i on the undiscounted
 * episode cost, written as one number (the same limit for every constraint) or a list with one number per cost
 * signal of the env.
 */
final class CostLimits {
    private CostLimits() {
    }

    /** The limits as written: one number gives a one-element array. */
    static double[] parse(Hyperparameters h) {
        JsonNode n = h.raw("cost_limit");
        if (n != null && n.isNumber()) {
            return new double[] {n.doubleValue()};
        }
        if (n != null && n.isArray() && n.size() > 0) {
            double[] limits = new double[n.size()];
            for (int i = 0; i < limits.length; i++) {
                if (!n.get(i).isNumber()) {
                    throw new IllegalArgumentException("hyperparameter cost_limit[" + i + "]: expected a number, found "
                            + Hyperparameters.describe(n.get(i)));
                }
                limits[i] = n.get(i).doubleValue();
            }
            return limits;
        }
        throw new IllegalArgumentException("hyperparameter cost_limit: expected a number or a list of numbers, found "
                + Hyperparameters.describe(n));
    }

    /** One limit per cost signal: a single limit is repeated, a list must have one entry per signal. */
    static double[] forCosts(double[] limits, int costCount, String envId) {
        if (limits.length == costCount) {
            return limits;
        }
        if (limits.length == 1) {
            double[] all = new double[costCount];
            Arrays.fill(all, limits[0]);
            return all;
        }
        throw new IllegalArgumentException("hyperparameter cost_limit: " + limits.length + " limits, but " + envId
                + " has " + costCount + (costCount == 1 ? " cost signal" : " cost signals"));
    }
}
