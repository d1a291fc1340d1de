package org.npg4j.algo;

/** Validation of per-episode cost limits b_i, shared by every constrained algorithm. */
public final class CostLimit {
    private CostLimit() {
    }

    /** A copy of {@code limits}, each finite and non-negative, at least one. */
    static double[] check(double[] limits) {
        if (limits == null || limits.length == 0) {
            throw new IllegalArgumentException("cost_limit needs at least one limit");
        }
        for (int i = 0; i < limits.length; i++) {
            if (!(limits[i] >= 0) || !Double.isFinite(limits[i])) {
                throw new IllegalArgumentException("cost_limit[" + i + "] must be finite and non-negative, got "
                        + limits[i]);
            }
        }
        return limits.clone();
    }

    /** Fails unless there is one limit per cost signal: {@code cost_limit has N limits, the env reports M ...}. */
    public static void requireOnePerSignal(double[] limits, int costSignals) {
        if (limits.length != costSignals) {
            throw new IllegalArgumentException("cost_limit has " + limits.length + " limits, the env reports "
                    + costSignals + (costSignals == 1 ? " cost signal" : " cost signals"));
        }
    }
}
