package org.npg4j.math;

/**
 * Backtracking along a proposed step: tries x0 + β^k · step for k = 0, 1, …, maxBacktracks - 1 and returns the
 * first candidate the caller accepts (TRPO: the surrogate improves and the mean KL stays within {@code max_kl};
 * sb3-contrib uses β = 0.8 and 10 backtracks).
 */
public final class BacktrackingLineSearch {
    private BacktrackingLineSearch() {
    }

    /** Decides whether the candidate point is acceptable; it may evaluate the objective there. */
    @FunctionalInterface
    public interface Acceptance {
        boolean accept(double[] candidate);
    }

    /** The accepted step fraction β^k (0 if none), the number of candidates tried, and whether one was accepted. */
    public record Result(double stepFraction, int trials, boolean accepted) {
    }

    /**
     * Searches along {@code step} from {@code x0}; on success {@code out} holds the accepted point, otherwise
     * {@code x0}. {@code out} may not alias {@code x0}.
     */
    public static Result search(double[] x0, double[] step, double shrink, int maxBacktracks, Acceptance acceptance,
            double[] out) {
        if (!(shrink > 0 && shrink < 1)) {
            throw new IllegalArgumentException("line search shrink factor must be in (0, 1), got " + shrink);
        }
        if (maxBacktracks < 1) {
            throw new IllegalArgumentException("line search needs at least one trial, got " + maxBacktracks);
        }
        double fraction = 1.0;
        for (int k = 0; k < maxBacktracks; k++) {
            for (int i = 0; i < x0.length; i++) {
                out[i] = x0[i] + fraction * step[i];
            }
            if (acceptance.accept(out)) {
                return new Result(fraction, k + 1, true);
            }
            fraction *= shrink;
        }
        System.arraycopy(x0, 0, out, 0, x0.length);
        return new Result(0.0, maxBacktracks, false);
    }
}
