package org.npg4j.algo;

/**
 * The closed-form solution of CPO's step problem (Achiam, Held, Tamar, Abbeel, "Constrained Policy Optimization",
 * ICML 2017, section 6.1 and appendix 10.2): with the reward gradient g, the cost gradient b, the curvature H (Fisher
 * plus damping), the trust-region radius δ and the constraint value c = Ĵ_c − d at θ_k,
 * <pre>
 *   max_x gᵀx   subject to   bᵀx + c ≤ 0,   ½ xᵀHx ≤ δ.
 * </pre>
 * Only q = gᵀH⁻¹g, r = gᵀH⁻¹b and s = bᵀH⁻¹b enter. The dual is
 * max_{λ≥0, ν≥0} −(q − 2rν + sν²)/(2λ) + νc − λδ; for fixed λ its maximizer is ν = (λc + r)₊/s, and the remaining
 * one-dimensional problem splits into the intervals Λ_a = {λ ≥ 0 : λc + r &gt; 0} (ν &gt; 0) and
 * Λ_b = {λ ≥ 0 : λc + r ≤ 0} (ν = 0), on which it is
 * <pre>
 *   f_a(λ) = −½ (A/λ + Bλ) + rc/s,   A = q − r²/s,  B = 2δ − c²/s,
 *   f_b(λ) = −½ (q/λ + 2δλ),
 * </pre>
 * each concave, so its maximizer on the interval is the projection of its stationary point (√(A/B), resp. √(q/2δ)).
 * The primal step is x* = (H⁻¹g − ν* H⁻¹b)/λ*. (The paper's appendix writes λc − r and −rc/s: its r is taken with the
 * gradient of the loss −L, as in the authors' code, where r = −gᵀH⁻¹b; here g is the gradient of the objective.)
 * When no x satisfies both constraints strictly (c ≥ 0 and c²/s ≥ 2δ) the problem has no solution and CPO takes the
 * recovery step x = −√(2δ/s) H⁻¹b, the largest decrease of the linearized cost within the trust region (Achiam et
 * al., eq. 14).
 *
 * <p><b>Several constraints</b> (m ≥ 2, {@link #solve(double, double[], double[][], double[], double, double[])}):
 * b becomes the m×p matrix B of the rows b_i, r_i = gᵀH⁻¹b_i and S = BH⁻¹Bᵀ. For fixed ν ≥ 0 the dual's best λ is
 * √(Q(ν)/2δ) with Q(ν) = q − 2rᵀν + νᵀSν, which leaves the convex m-dimensional problem
 * min_{ν≥0} √(2δ Q(ν)) − cᵀν. Its minimizer has some support A; on A the stationarity conditions give
 * ν_A = S_A⁻¹(r_A + λc_A) and λ = √(A_A/B_A) with A_A = q − r_Aᵀ S_A⁻¹ r_A and B_A = 2δ − c_Aᵀ S_A⁻¹ c_A, the
 * one-constraint formulas with the scalars replaced by their Gram-matrix forms. Every support A with B_A &gt; 0 and
 * ν_A ≥ 0 gives a feasible dual point; the one of the smallest dual value is the optimum (the dual is convex and its
 * optimum is the stationary point of its own support), found by enumerating the 2^m supports. Before that, the
 * problem's feasibility is decided by the least-H-norm step onto the linearized constraint set,
 * x_min = −H⁻¹Bᵀμ with μ = argmax_{μ≥0} cᵀμ − ½μᵀSμ ({@link DualQp#maximizeOnOrthant}): when ½x_minᵀHx_min ≥ δ no
 * point of the trust region satisfies every constraint, and the recovery step is x_min scaled to the trust region's
 * boundary, the direction of the nearest point of the linearized constraint set (with one constraint, exactly
 * −√(2δ/s) H⁻¹b). A constraint whose gradient vanishes (|b_i|² ≤ {@link #ZERO_COST_GRADIENT}) is left out when it
 * is satisfied; when it is violated no step can change it, and θ_k is kept, as with one constraint.
 */
final class CpoDual {
    /** Below this |b|² the cost gradient counts as zero (as the authors' code): a TRPO step when feasible. */
    static final double ZERO_COST_GRADIENT = 1e-8;

    private CpoDual() {
    }

    /** Which of the step problem's regimes an update is in (the authors' {@code optim_case} 0 to 4). */
    enum Case {
        /** No point of the trust region satisfies the linearized constraint: the recovery step on the cost. */
        INFEASIBLE,
        /** θ_k violates the constraint (c ≥ 0), but part of the trust region satisfies it. */
        INFEASIBLE_START,
        /** θ_k satisfies the constraint and part of the trust region does not. */
        PARTLY_FEASIBLE,
        /** The whole trust region satisfies the constraint: the TRPO step. */
        FEASIBLE,
        /** The cost gradient vanishes and θ_k satisfies the constraint: the TRPO step. */
        NO_COST_GRADIENT;

        /** Whether θ_k already satisfies the linearized constraint (the line search then also asks for reward gain). */
        boolean startsFeasible() {
            return this == PARTLY_FEASIBLE || this == FEASIBLE || this == NO_COST_GRADIENT;
        }
    }

    /**
     * The step x = vCoef·H⁻¹g + wCoef·H⁻¹b with the dual variables that give it (λ = ν = 0 for the recovery step, which
     * no dual describes).
     */
    record Step(double vCoef, double wCoef, double lambda, double nu, Case kind) {
    }

    /**
     * Solves the step problem.
     *
     * @param q           gᵀH⁻¹g
     * @param r           gᵀH⁻¹b
     * @param s           bᵀH⁻¹b
     * @param c           the constraint value at θ_k, Ĵ_c − d (negative when satisfied)
     * @param delta       the trust region radius δ &gt; 0
     * @param bNormSquare bᵀb (only compared with {@link #ZERO_COST_GRADIENT})
     */
    static Step solve(double q, double r, double s, double c, double delta, double bNormSquare) {
        if (c < 0 && (bNormSquare <= ZERO_COST_GRADIENT || !(s > 0))) {
            return trpoStep(q, delta, Case.NO_COST_GRADIENT);
        }
        if (!(s > 0)) {
            // c ≥ 0 and no cost gradient: no step can change the linearized cost; keep θ_k.
            return new Step(0, 0, 0, 0, Case.INFEASIBLE);
        }
        double b = 2 * delta - c * c / s;
        if (c < 0 && b <= 0) {
            // max_x bᵀx over the trust region is √(2δs) ≤ −c: the constraint cannot bind.
            return trpoStep(q, delta, Case.FEASIBLE);
        }
        if (c >= 0 && b <= 0) {
            // min_x bᵀx over the trust region is −√(2δs) ≥ −c: nothing is feasible (at equality, the one feasible
            // point is the recovery step itself).
            return new Step(0, -Math.sqrt(2 * delta / s), 0, 0, Case.INFEASIBLE);
        }
        double a = Math.max(q - r * r / s, 0.0);
        // Λ_a and Λ_b meet at λc + r = 0; an empty interval's maximum is −∞.
        double aLo;
        double aHi;
        double bLo;
        double bHi;
        if (c < 0) {
            aLo = 0;
            aHi = -r / c;
            bLo = Math.max(-r / c, 0);
            bHi = Double.POSITIVE_INFINITY;
        } else if (c > 0) {
            aLo = Math.max(-r / c, 0);
            aHi = Double.POSITIVE_INFINITY;
            bLo = 0;
            bHi = -r / c;
        } else {
            // ν = r₊/s for every λ: one interval is all of λ ≥ 0, the other empty.
            aLo = r > 0 ? 0 : Double.POSITIVE_INFINITY;
            aHi = r > 0 ? Double.POSITIVE_INFINITY : 0;
            bLo = r > 0 ? Double.POSITIVE_INFINITY : 0;
            bHi = r > 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double lambdaA = clamp(Math.sqrt(a / b), aLo, aHi);
        double lambdaB = clamp(Math.sqrt(q / (2 * delta)), bLo, bHi);
        double fa = aHi >= aLo ? -0.5 * (quotient(a, lambdaA) + b * lambdaA) + r * c / s : Double.NEGATIVE_INFINITY;
        double fb = bHi >= bLo ? -0.5 * (quotient(q, lambdaB) + 2 * delta * lambdaB) : Double.NEGATIVE_INFINITY;
        Case kind = c < 0 ? Case.PARTLY_FEASIBLE : Case.INFEASIBLE_START;
        if (fa >= fb) {
            if (!(lambdaA > 0)) {
                // A = 0: g = (r/s) b, so every feasible point on the boundary bᵀx = −c is optimal (λ → 0 is the limit
                // of the dual); take the one nearest θ_k in H's norm, x = −(c/s) H⁻¹b.
                return new Step(0, -c / s, 0, r / s, kind);
            }
            // ν/λ = c/s + r/(λs) on Λ_a: x = v/λ − (ν/λ) w without forming the ratio of two small numbers.
            double nu = (lambdaA * c + r) / s;
            return new Step(1 / lambdaA, -(c / s + r / (lambdaA * s)), lambdaA, Math.max(nu, 0.0), kind);
        }
        if (!(lambdaB > 0)) {
            // q = 0 (no reward gradient) with ν = 0: θ_k itself is optimal.
            return new Step(0, 0, 0, 0, kind);
        }
        return new Step(1 / lambdaB, 0, lambdaB, 0, kind);
    }

    /** n/λ with 0/0 = 0 (a vanishing numerator at λ = 0 contributes nothing to the dual). */
    private static double quotient(double numerator, double lambda) {
        return numerator == 0 ? 0 : numerator / lambda;
    }

    /** x = √(2δ/q) H⁻¹g, the trust region's boundary along the natural gradient (λ = √(q/2δ), ν = 0). */
    private static Step trpoStep(double q, double delta, Case kind) {
        if (!(q > 0)) {
            return new Step(0, 0, 0, 0, kind);
        }
        double lambda = Math.sqrt(q / (2 * delta));
        return new Step(1 / lambda, 0, lambda, 0, kind);
    }

    /** x clamped to [lo, hi]; lo takes precedence when the interval is empty (hi &lt; lo), as max(lo, min(hi, x)). */
    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    /**
     * The step x = vCoef·H⁻¹g + Σ_i wCoefs[i]·H⁻¹b_i of the m-constraint problem, with the dual variables that give it
     * (λ = 0 and ν = 0 for the recovery step).
     */
    record MultiStep(double vCoef, double[] wCoefs, double lambda, double[] nus, Case kind) {
    }

    /**
     * Solves the step problem with m ≥ 1 constraints b_iᵀx + c_i ≤ 0 from the dual (see the class comment). With m = 1
     * use {@link #solve(double, double, double, double, double, double)}, the closed form, which this agrees with.
     *
     * @param q           gᵀH⁻¹g
     * @param r           r_i = gᵀH⁻¹b_i
     * @param s           S_ij = b_iᵀH⁻¹b_j (symmetric positive semidefinite)
     * @param c           the constraint values at θ_k, Ĵ_{c_i} − d_i (negative when satisfied)
     * @param delta       the trust region radius δ &gt; 0
     * @param bNormSquare b_iᵀb_i (only compared with {@link #ZERO_COST_GRADIENT})
     */
    static MultiStep solve(double q, double[] r, double[][] s, double[] c, double delta, double[] bNormSquare) {
        int m = c.length;
        DualQp.checkSize(m);
        double[] nus = new double[m];
        double[] wCoefs = new double[m];
        boolean startsFeasible = true;
        int kept = 0;
        int[] keep = new int[m];
        for (int i = 0; i < m; i++) {
            boolean noGradient = bNormSquare[i] <= ZERO_COST_GRADIENT || !(s[i][i] > 0);
            if (c[i] >= 0) {
                startsFeasible = false;
                if (noGradient) {
                    // A violated constraint that no step can change: keep θ_k (as with one constraint).
                    return new MultiStep(0, wCoefs, 0, nus, Case.INFEASIBLE);
                }
            }
            if (!noGradient) {
                keep[kept++] = i;
            }
        }
        keep = java.util.Arrays.copyOf(keep, kept);
        if (kept == 0) {
            Step t = trpoStep(q, delta, Case.NO_COST_GRADIENT);
            return new MultiStep(t.vCoef(), wCoefs, t.lambda(), nus, t.kind());
        }
        double[][] sk = DualQp.sub(s, keep);
        double[] ck = DualQp.sub(c, keep);
        double[] rk = DualQp.sub(r, keep);

        // Feasibility: the least-H-norm step onto {x : b_iᵀx + c_i ≤ 0 for all kept i}.
        double[] mu = DualQp.maximizeOnOrthant(sk, ck);
        double minimalKl = 0.5 * DualQp.dot(mu, DualQp.times(sk, mu));
        if (minimalKl >= delta) {
            double f = Math.sqrt(delta / minimalKl);
            for (int a = 0; a < kept; a++) {
                wCoefs[keep[a]] = -f * mu[a];
            }
            return new MultiStep(0, wCoefs, 0, nus, Case.INFEASIBLE);
        }
        boolean whole = startsFeasible;
        for (int a = 0; a < kept && whole; a++) {
            whole = ck[a] * ck[a] / sk[a][a] >= 2 * delta;
        }
        if (whole) {
            // Every constraint's max over the trust region is √(2δ s_ii) ≤ −c_i: none can bind.
            Step t = trpoStep(q, delta, Case.FEASIBLE);
            return new MultiStep(t.vCoef(), wCoefs, t.lambda(), nus, t.kind());
        }
        Case kind = startsFeasible ? Case.PARTLY_FEASIBLE : Case.INFEASIBLE_START;

        // The dual: the best support A of ν.
        double bestValue = Double.POSITIVE_INFINITY;
        MultiStep best = null;
        for (int mask = 0; mask < (1 << kept); mask++) {
            int[] idx = DualQp.members(mask, kept);
            if (idx.length == 0) {
                double value = Math.sqrt(2 * delta * Math.max(q, 0.0));
                if (value < bestValue) {
                    bestValue = value;
                    Step t = trpoStep(q, delta, kind);
                    best = new MultiStep(t.vCoef(), new double[m], t.lambda(), new double[m], kind);
                }
                continue;
            }
            double[][] sa = DualQp.sub(sk, idx);
            double[] sr = DualQp.solve(sa, DualQp.sub(rk, idx));
            double[] sc = DualQp.solve(sa, DualQp.sub(ck, idx));
            if (sr == null || sc == null) {
                continue;
            }
            double aa = Math.max(q - DualQp.dot(DualQp.sub(rk, idx), sr), 0.0);
            double ba = 2 * delta - DualQp.dot(DualQp.sub(ck, idx), sc);
            if (!(ba > 0)) {
                continue;
            }
            double lambda = Math.sqrt(aa / ba);
            double[] nuK = new double[kept];
            boolean nonnegative = true;
            for (int j = 0; j < idx.length; j++) {
                double nu = sr[j] + lambda * sc[j];
                if (nu < -1e-12 * (Math.abs(sr[j]) + Math.abs(lambda * sc[j]))) {
                    nonnegative = false;
                }
                nuK[idx[j]] = Math.max(nu, 0.0);
            }
            if (!nonnegative) {
                continue;
            }
            double quad = q - 2 * DualQp.dot(rk, nuK) + DualQp.dot(nuK, DualQp.times(sk, nuK));
            double value = Math.sqrt(2 * delta * Math.max(quad, 0.0)) - DualQp.dot(ck, nuK);
            if (value < bestValue) {
                bestValue = value;
                double[] w = new double[m];
                double[] n = new double[m];
                double vCoef;
                for (int a = 0; a < kept; a++) {
                    n[keep[a]] = nuK[a];
                }
                if (lambda > 0) {
                    // ν/λ = S_A⁻¹c_A + S_A⁻¹r_A/λ on A: x = v/λ − Σ (ν_i/λ) w_i.
                    vCoef = 1 / lambda;
                    for (int j = 0; j < idx.length; j++) {
                        w[keep[idx[j]]] = -(sc[j] + sr[j] / lambda);
                    }
                } else {
                    // A_A = 0: g lies in the span of the active b_i; the boundary point nearest θ_k in H's norm.
                    vCoef = 0;
                    for (int j = 0; j < idx.length; j++) {
                        w[keep[idx[j]]] = -sc[j];
                    }
                }
                best = new MultiStep(vCoef, w, lambda, n, kind);
            }
        }
        if (best == null) {
            // Round-off at a degenerate problem: the least-norm feasible step.
            for (int a = 0; a < kept; a++) {
                wCoefs[keep[a]] = -mu[a];
            }
            return new MultiStep(0, wCoefs, 0, nus, kind);
        }
        return best;
    }
}
