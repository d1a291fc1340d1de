package org.npg4j.exact;

import java.util.Arrays;

/**
 * One row of an optimization trace: the exact state of iterate π_k and the step taken from it. Every quantity is
 * exact (no sampling) and measured under the reporting distribution ρ unless said otherwise.
 *
 * @param iteration      k (0 is the start policy)
 * @param valueRho       V^{π_k}(ρ), unnormalized
 * @param expectedReturn R(π_k) = (1-γ) V^{π_k}(ρ) = r·d^{π_k}
 * @param suboptimality  V*(ρ) - V^{π_k}(ρ), V* from the LP (negative only for a CMDP policy violating a constraint)
 * @param entropy        Σ_s d^{π_k}_S(s) H(π_k(·|s)), the d-weighted policy entropy
 * @param klFromOptimal  Σ_s d*_S(s) min_{π* optimal} KL(π*(·|s) || π_k(·|s)) (see
 *                       {@link ExactProblem#klFromOptimalSet}); NaN for a CMDP
 * @param gradientNorm   the norm of the gradient the optimizer computed at π_k; NaN on the last row (no step)
 * @param stepSize       the step size used from π_k; NaN on the last row
 * @param klFromPrevious Σ_s d^{π_{k-1}}_S(s) KL(π_{k-1}(·|s) || π_k(·|s)); 0 on row 0
 * @param costs          C_i(π_k) = c_i·d^{π_k} for each cost of a CMDP (empty otherwise)
 */
public record TraceRow(int iteration, double valueRho, double expectedReturn, double suboptimality, double entropy,
                       double klFromOptimal, double gradientNorm, double stepSize, double klFromPrevious,
                       double[] costs) {
    public TraceRow {
        costs = costs.clone();
    }

    @Override
    public double[] costs() {
        return costs.clone();
    }

    /** C_i(π_k). */
    public double cost(int i) {
        return costs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceRow t && iteration == t.iteration && Double.compare(valueRho, t.valueRho) == 0
                && Double.compare(expectedReturn, t.expectedReturn) == 0
                && Double.compare(suboptimality, t.suboptimality) == 0 && Double.compare(entropy, t.entropy) == 0
                && Double.compare(klFromOptimal, t.klFromOptimal) == 0
                && Double.compare(gradientNorm, t.gradientNorm) == 0 && Double.compare(stepSize, t.stepSize) == 0
                && Double.compare(klFromPrevious, t.klFromPrevious) == 0 && Arrays.equals(costs, t.costs);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(iteration) + Double.hashCode(valueRho) + Arrays.hashCode(costs);
    }

    @Override
    public String toString() {
        return "TraceRow[iter=" + iteration + ", valueRho=" + valueRho + ", gap=" + suboptimality
                + ", entropy=" + entropy + ", gradNorm=" + gradientNorm + ", step=" + stepSize
                + ", costs=" + Arrays.toString(costs) + "]";
    }
}
