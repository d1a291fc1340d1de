package org.npg4j.math;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Backtracking along a scaled direction (TRPO's and C-TRPO's line search; sb3-contrib uses a shrinking factor of
 * 0.8 and 10 trials): writes θ = θ_old + c·β·x into the parameters for c = 1, f, f², … and evaluates each candidate
 * in place, until one is accepted; if none is, θ_old is restored.
 */
public final class BacktrackingLineSearch {
    private BacktrackingLineSearch() {
    }

    /**
     * The outcome of a search.
     *
     * @param accepted     whether a candidate was accepted (else θ_old is back in place)
     * @param stepFraction the accepted c (0 if none)
     * @param trials       the candidates evaluated
     * @param value        the last candidate's evaluation (the accepted one's on success), null if none was tried
     * @param <T>          what a trial evaluates
     */
    public record Result<T>(boolean accepted, double stepFraction, int trials, T value) {
    }

    /**
     * Searches along {@code x} from {@code thetaOld}.
     *
     * @param theta     the parameters evaluated in place: entries {@code [0, n)} receive each candidate
     * @param thetaOld  the start θ_old (at least n entries; not modified)
     * @param n         the number of leading parameters that move (e.g. the actor's)
     * @param x         the direction
     * @param maxStep   β, the step of the first candidate (no candidate is tried when β ≤ 0)
     * @param shrink    the factor f in (0, 1)
     * @param maxTrials the number of candidates at most (≥ 1)
     * @param evaluate  evaluates the candidate now in {@code theta}
     * @param accept    whether an evaluated candidate is accepted
     */
    public static <T> Result<T> search(double[] theta, double[] thetaOld, int n, double[] x, double maxStep,
                                       double shrink, int maxTrials, Supplier<T> evaluate, Predicate<T> accept) {
        if (!(shrink > 0 && shrink < 1)) {
            throw new IllegalArgumentException("line search shrink factor must be in (0, 1), got " + shrink);
        }
        if (maxTrials < 1) {
            throw new IllegalArgumentException("line search needs at least one trial, got " + maxTrials);
        }
        double coeff = 1.0;
        T value = null;
        int trial = 0;
        for (; trial < maxTrials && maxStep > 0; trial++) {
            for (int i = 0; i < n; i++) {
                theta[i] = thetaOld[i] + coeff * maxStep * x[i];
            }
            value = evaluate.get();
            if (accept.test(value)) {
                return new Result<>(true, coeff, trial + 1, value);
            }
            coeff *= shrink;
        }
        System.arraycopy(thetaOld, 0, theta, 0, n);
        return new Result<>(false, 0.0, trial, value);
    }
}
