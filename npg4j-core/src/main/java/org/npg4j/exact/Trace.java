package org.npg4j.exact;

import java.util.List;
import java.util.Locale;
import org.npg4j.mdp.TabularPolicy;

/**
 * The trace of one exact optimization run: a {@link TraceRow} per iterate, the optimum it is measured against, and
 * the final policy.
 *
 * @param algorithm       the optimizer's name
 * @param optimalValueRho V*(ρ) from the LP
 * @param costNames       the names of the CMDP's costs, in the order of {@link TraceRow#costs()}
 * @param rows            rows 0..K, one per iterate
 * @param finalPolicy     π_K
 */
public record Trace(String algorithm, double optimalValueRho, List<String> costNames, List<TraceRow> rows,
                    TabularPolicy finalPolicy) {
    /** The CSV columns, stable for scripts: the first four match the keys of the CLI's JSON trace. */
    public static final List<String> COLUMNS = List.of("iter", "value_rho", "expected_return", "gap", "entropy",
            "kl_optimal", "grad_norm", "step_size", "kl_previous");

    public Trace {
        costNames = List.copyOf(costNames);
        rows = List.copyOf(rows);
    }

    /** The last row. */
    public TraceRow last() {
        return rows.get(rows.size() - 1);
    }

    /** Number of steps taken (rows - 1). */
    public int steps() {
        return rows.size() - 1;
    }

    /**
     * The first iteration whose suboptimality is at most {@code gap}, or -1 if none reaches it.
     */
    public int firstIterationWithin(double gap) {
        for (TraceRow r : rows) {
            if (r.suboptimality() <= gap) {
                return r.iteration();
            }
        }
        return -1;
    }

    /** The trace as CSV: header {@link #COLUMNS} then {@code cost_<name>} per cost; numbers in full precision. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS));
        for (String c : costNames) {
            sb.append(",cost_").append(c);
        }
        sb.append('\n');
        for (TraceRow r : rows) {
            sb.append(r.iteration());
            for (double x : new double[] {r.valueRho(), r.expectedReturn(), r.suboptimality(), r.entropy(),
                    r.klFromOptimal(), r.gradientNorm(), r.stepSize(), r.klFromPrevious()}) {
                sb.append(',').append(format(x));
            }
            for (double c : r.costs()) {
                sb.append(',').append(format(c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String format(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.17g", x);
    }
}
