package org.npg4j.exact;

import java.util.ArrayList;
import java.util.List;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * Iterates an {@link ExactOptimizer} and records its {@link Trace}: each iterate is evaluated exactly under ρ (for
 * the trace) and under μ (for the optimizer; the same evaluation when μ = ρ), warm-started from the previous one.
 * V*(ρ) comes from the LP, solved once per {@link ExactProblem}.
 *
 * <p>The run stops after {@code iterations} steps, or as soon as the suboptimality V*(ρ) - V^{π_k}(ρ) is at most
 * {@code tolerance} (by default it never stops early).
 */
public final class ExactRunner {
    private final int iterations;
    private final double tolerance;

    private ExactRunner(Builder b) {
        this.iterations = b.iterations;
        this.tolerance = b.tolerance;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int iterations() {
        return iterations;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Sees every iterate of a run (for trajectories and pictures); must not modify {@code pi}. */
    @FunctionalInterface
    public interface Observer {
        void iterate(int k, double[] pi, Evaluation underRho);
    }

    /** Runs the optimizer on the problem it was built for. */
    public Trace run(ExactProblem problem, ExactOptimizer optimizer) {
        return run(problem, optimizer, (k, pi, ev) -> { });
    }

    /** Runs the optimizer, showing each iterate π_0, π_1, ... and its exact evaluation under ρ to {@code observer}. */
    public Trace run(ExactProblem problem, ExactOptimizer optimizer, Observer observer) {
        FiniteMdp mdp = problem.mdp();
        int S = mdp.states();
        int A = mdp.actions();
        double vStar = problem.optimalValueRho();
        List<TraceRow> rows = new ArrayList<>(iterations + 1);
        double[] pi = optimizer.policy();
        Evaluation ev = problem.evaluate(pi, null);
        Evaluation evMu = problem.evaluateUnderMu(pi, ev, null);
        double klPrevious = 0.0;
        for (int k = 0; ; k++) {
            double gap = vStar - ev.valueRho();
            double entropy = 0.0;
            for (int s = 0; s < S; s++) {
                entropy += ev.stateDistribution(s) * PolicyMath.entropy(A, pi, s);
            }
            double klOptimal = problem.klFromOptimalSet(pi);
            observer.iterate(k, pi, ev);
            if (k == iterations || gap <= tolerance) {
                rows.add(new TraceRow(k, ev.valueRho(), ev.expectedReturn(), gap, entropy, klOptimal,
                        Double.NaN, Double.NaN, klPrevious, ev.costReturns()));
                break;
            }
            StepReport report = optimizer.step(evMu);
            rows.add(new TraceRow(k, ev.valueRho(), ev.expectedReturn(), gap, entropy, klOptimal,
                    report.gradientNorm(), report.stepSize(), klPrevious, ev.costReturns()));
            double[] next = optimizer.policy();
            klPrevious = PolicyMath.weightedKl(S, A, ev.stateDistribution(), pi, next);
            pi = next;
            Evaluation previousMu = evMu;
            ev = problem.evaluate(pi, ev);
            evMu = problem.evaluateUnderMu(pi, ev, previousMu);
        }
        List<String> costNames = new ArrayList<>();
        for (int i = 0; i < mdp.costCount(); i++) {
            costNames.add(mdp.cost(i).name());
        }
        return new Trace(optimizer.name(), vStar, costNames, rows, TabularPolicy.trusted(S, A, pi));
    }

    /** Configuration of a run. */
    public static final class Builder {
        private int iterations = 100;
        private double tolerance = Double.NEGATIVE_INFINITY;

        private Builder() {
        }

        /** Number of steps (default 100). */
        public Builder iterations(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("iterations " + n + " must be non-negative");
            }
            this.iterations = n;
            return this;
        }

        /** Stop once V*(ρ) - V^{π_k}(ρ) ≤ tolerance (default: run all iterations). */
        public Builder tolerance(double tol) {
            if (!(tol >= 0) || !Double.isFinite(tol)) {
                throw new IllegalArgumentException("tolerance " + tol + " must be finite and non-negative");
            }
            this.tolerance = tol;
            return this;
        }

        public ExactRunner build() {
            return new ExactRunner(this);
        }
    }
}
