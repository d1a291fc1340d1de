package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CPO's step and PCPO's projection with m ≥ 2 linearized constraints, against solvers that know nothing of duals
 * ({@link SmallQp}: projected gradient ascent and Dykstra's alternating projections in whitened coordinates) on small
 * random problems, and against the closed forms with one constraint.
 */
class SeveralConstraintsStepTest {
    private static final int N = 5;

    /** A random problem: H, g, the b_i and the c_i, with c_i = factor_i·√(2δ s_ii). */
    private record Problem(SmallQp qp, double[] g, double[][] b, double[] c, double delta) {
        static Problem random(long seed, int m) {
            SmallQp qp = new SmallQp(N, seed);
            SplittableRandom rng = new SplittableRandom(1000 + seed);
            double delta = 0.01 + 0.5 * rng.nextDouble();
            double[] g = SmallQp.gaussian(N, rng);
            double[][] b = new double[m][];
            double[] c = new double[m];
            for (int i = 0; i < m; i++) {
                b[i] = SmallQp.gaussian(N, rng);
                double s = SmallQp.dot(b[i], qp.solve(b[i]));
                c[i] = (-1.5 + 2.9 * rng.nextDouble()) * Math.sqrt(2 * delta * s);
            }
            return new Problem(qp, g, b, c, delta);
        }

        int m() {
            return c.length;
        }

        CpoDual.MultiStep solve() {
            double[] v = qp.solve(g);
            int m = m();
            double[] r = new double[m];
            double[][] s = new double[m][m];
            double[] bb = new double[m];
            for (int i = 0; i < m; i++) {
                double[] w = qp.solve(b[i]);
                r[i] = SmallQp.dot(g, w);
                bb[i] = SmallQp.dot(b[i], b[i]);
                for (int j = 0; j < m; j++) {
                    s[j][i] = SmallQp.dot(b[j], w);
                }
            }
            return CpoDual.solve(SmallQp.dot(g, v), r, s, c, delta, bb);
        }

        double[] step(CpoDual.MultiStep step) {
            double[] v = qp.solve(g);
            double[] x = new double[N];
            for (int k = 0; k < N; k++) {
                x[k] = step.vCoef() * v[k];
            }
            for (int i = 0; i < m(); i++) {
                double[] w = qp.solve(b[i]);
                for (int k = 0; k < N; k++) {
                    x[k] += step.wCoefs()[i] * w[k];
                }
            }
            return x;
        }

        /** The least-H-norm point of {x : b_iᵀx + c_i ≤ 0 for all i}, by Dykstra in whitened coordinates. */
        double[] nearestFeasible() {
            double[][] by = new double[m()][];
            for (int i = 0; i < m(); i++) {
                by[i] = qp.whiten(b[i]);
            }
            return qp.unwhiten(SmallQp.dykstra(new double[N], by, c, Double.POSITIVE_INFINITY, 20000));
        }

        double kl(double[] x) {
            return 0.5 * SmallQp.dot(x, qp.times(x));
        }
    }

    @Test
    void twoAndThreeConstraintsMatchABruteForceSolveOfTheStepProblem() {
        int feasible = 0;
        int infeasible = 0;
        int binding = 0;
        for (long seed = 1; seed <= 16; seed++) {
            Problem pr = Problem.random(seed, seed % 3 == 0 ? 3 : 2);
            String at = "seed " + seed;
            double[] nearest = pr.nearestFeasible();
            double minimalKl = pr.kl(nearest);
            if (Math.abs(minimalKl - pr.delta()) < 1e-3 * pr.delta()) {
                continue;
            }
            CpoDual.MultiStep step = pr.solve();
            double[] x = pr.step(step);
            assertTrue(pr.kl(x) <= pr.delta() * (1 + 1e-9), at + ": inside the trust region");
            if (minimalKl > pr.delta()) {
                infeasible++;
                assertEquals(CpoDual.Case.INFEASIBLE, step.kind(), at);
                // Recovery: toward the nearest point of the linearized constraint set, on the trust region's boundary.
                double f = Math.sqrt(pr.delta() / minimalKl);
                for (int k = 0; k < N; k++) {
                    assertEquals(f * nearest[k], x[k], 1e-6 * Math.sqrt(SmallQp.dot(nearest, nearest)), at + " x_" + k);
                }
                continue;
            }
            feasible++;
            assertTrue(step.kind() != CpoDual.Case.INFEASIBLE, at);
            double[] reference = pr.qp().maximizeSeveral(pr.g(), pr.b(), pr.c(), pr.delta());
            for (int i = 0; i < pr.m(); i++) {
                double excess = SmallQp.dot(pr.b()[i], x) + pr.c()[i];
                assertTrue(excess <= 1e-9 * Math.sqrt(SmallQp.dot(pr.b()[i], pr.b()[i])), at + ": constraint " + i
                        + " violated by " + excess);
                assertTrue(step.nus()[i] >= 0, at + ": ν_" + i);
                if (step.nus()[i] > 1e-6) {
                    binding++;
                }
            }
            double best = SmallQp.dot(pr.g(), reference);
            StringBuilder diag = new StringBuilder(" ref kl " + pr.kl(reference) + " delta " + pr.delta() + " x kl "
                    + pr.kl(x) + " kind " + step.kind() + " nus " + java.util.Arrays.toString(step.nus()));
            for (int i = 0; i < pr.m(); i++) {
                diag.append(" ref excess ").append(SmallQp.dot(pr.b()[i], reference) + pr.c()[i]).append(" x excess ")
                        .append(SmallQp.dot(pr.b()[i], x) + pr.c()[i]);
            }
            // The reference's projections are inexact: it may exceed a constraint slightly, which is worth up to
            // ν_i per unit (the multiplier is the objective's sensitivity to the constraint's offset).
            double slack = 0;
            for (int i = 0; i < pr.m(); i++) {
                slack += 2 * step.nus()[i] * Math.max(0, SmallQp.dot(pr.b()[i], reference) + pr.c()[i]);
            }
            assertEquals(best, SmallQp.dot(pr.g(), x), 1e-7 * Math.abs(best) + slack, at + ": objective" + diag);
            // The KKT conditions certify x exactly: g − Σν_ib_i = λHx, ν_i(b_iᵀx + c_i) = 0, λ(½xᵀHx − δ) = 0.
            double[] hx = pr.qp().times(x);
            double gNorm = Math.sqrt(SmallQp.dot(pr.g(), pr.g()));
            for (int k = 0; k < N; k++) {
                double residual = pr.g()[k] - step.lambda() * hx[k];
                for (int i = 0; i < pr.m(); i++) {
                    residual -= step.nus()[i] * pr.b()[i][k];
                }
                assertEquals(0, residual, 1e-9 * gNorm * (1 + sum(step.nus())), at + ": stationarity " + k);
            }
            for (int i = 0; i < pr.m(); i++) {
                double excess = SmallQp.dot(pr.b()[i], x) + pr.c()[i];
                assertEquals(0, step.nus()[i] * excess, 1e-9 * (1 + sum(step.nus())), at + ": complementarity " + i);
            }
            assertEquals(0, step.lambda() * (pr.kl(x) - pr.delta()), 1e-9 * step.lambda(), at + ": trust region");
            for (int k = 0; k < N; k++) {
                assertEquals(reference[k], x[k], 2e-2 * Math.sqrt(SmallQp.dot(reference, reference)), at + " x_" + k);
            }
        }
        // The cases cover every regime.
        assertTrue(feasible >= 5 && infeasible >= 2 && binding >= 3,
                feasible + " feasible, " + infeasible + " infeasible, " + binding + " binding multipliers");
    }

    @Test
    void oneConstraintAgreesWithTheClosedForm() {
        for (long seed = 1; seed <= 40; seed++) {
            Problem pr = Problem.random(seed, 1);
            double[] v = pr.qp().solve(pr.g());
            double[] w = pr.qp().solve(pr.b()[0]);
            double q = SmallQp.dot(pr.g(), v);
            double r = SmallQp.dot(pr.g(), w);
            double s = SmallQp.dot(pr.b()[0], w);
            double bb = SmallQp.dot(pr.b()[0], pr.b()[0]);
            CpoDual.Step closed = CpoDual.solve(q, r, s, pr.c()[0], pr.delta(), bb);
            CpoDual.MultiStep general = CpoDual.solve(q, new double[] {r}, new double[][] {{s}},
                    new double[] {pr.c()[0]}, pr.delta(), new double[] {bb});
            String at = "seed " + seed + " " + closed;
            assertEquals(closed.kind(), general.kind(), at);
            assertEquals(closed.vCoef(), general.vCoef(), 1e-9 * Math.abs(closed.vCoef()) + 1e-12, at);
            assertEquals(closed.wCoef(), general.wCoefs()[0], 1e-9 * Math.abs(closed.wCoef()) + 1e-12, at);
            assertEquals(closed.nu(), general.nus()[0], 1e-9 * Math.abs(closed.nu()) + 1e-12, at);
        }
    }

    @Test
    void aViolatedConstraintWithoutGradientKeepsTheParametersAndASatisfiedOneIsIgnored() {
        Problem pr = Problem.random(3, 2);
        double[] v = pr.qp().solve(pr.g());
        double q = SmallQp.dot(pr.g(), v);
        double[][] s = {{0, 0}, {0, 0}};
        CpoDual.MultiStep keep = CpoDual.solve(q, new double[2], s, new double[] {-1, 0.5}, 0.01, new double[2]);
        assertEquals(CpoDual.Case.INFEASIBLE, keep.kind());
        assertEquals(0.0, keep.vCoef());
        assertArrayEquals(new double[2], keep.wCoefs());
        CpoDual.MultiStep trpo = CpoDual.solve(q, new double[2], s, new double[] {-1, -0.5}, 0.01, new double[2]);
        assertEquals(CpoDual.Case.NO_COST_GRADIENT, trpo.kind());
        assertEquals(Math.sqrt(2 * 0.01 / q), trpo.vCoef(), 1e-15);
    }

    @Test
    void pcpoProjectsOntoTheIntersectionOfHalfSpaces() {
        for (long seed = 1; seed <= 20; seed++) {
            int m = seed % 2 == 0 ? 2 : 3;
            Problem pr = Problem.random(seed, m);
            double[] xr = pr.qp().solve(pr.g());
            for (boolean kl : new boolean[] {true, false}) {
                double[][] metricInverseA = new double[m][];
                double[][] aw = new double[m][];
                for (int i = 0; i < m; i++) {
                    metricInverseA[i] = kl ? pr.qp().solve(pr.b()[i]) : pr.b()[i].clone();
                    aw[i] = kl ? pr.qp().whiten(pr.b()[i]) : pr.b()[i].clone();
                }
                double[] x = xr.clone();
                double[] t = Pcpo.projectInPlace(x, pr.b(), metricInverseA, pr.c());
                // Reference: Dykstra in the metric's whitened coordinates (H = LLᵀ: y = Lᵀx; I: y = x).
                double[] z = kl ? pr.qp().lt(xr) : xr.clone();
                double[] y = SmallQp.dykstra(z, aw, pr.c(), Double.POSITIVE_INFINITY, 20000);
                double[] reference = kl ? pr.qp().unwhiten(y) : y;
                String at = "seed " + seed + (kl ? " kl" : " l2");
                double scale = Math.sqrt(SmallQp.dot(reference, reference)) + 1e-12;
                for (int k = 0; k < N; k++) {
                    assertEquals(reference[k], x[k], 1e-7 * scale, at + " x_" + k);
                }
                for (int i = 0; i < m; i++) {
                    assertTrue(t[i] >= 0, at);
                    double excess = SmallQp.dot(pr.b()[i], x) + pr.c()[i];
                    assertTrue(excess <= 1e-9 * Math.sqrt(SmallQp.dot(pr.b()[i], pr.b()[i])), at + " " + excess);
                }
            }
        }
        // One half-space: the closed form of the single-constraint method.
        Problem pr = Problem.random(7, 1);
        double[] x1 = pr.qp().solve(pr.g());
        double[] x2 = x1.clone();
        double[] w = pr.qp().solve(pr.b()[0]);
        double t1 = Pcpo.projectInPlace(x1, pr.b()[0], w, pr.c()[0] + 1);
        double[] t2 = Pcpo.projectInPlace(x2, pr.b(), new double[][] {w}, new double[] {pr.c()[0] + 1});
        assertEquals(t1, t2[0], 1e-12 * Math.abs(t1));
        assertArrayEquals(x1, x2, 1e-12 * Math.sqrt(SmallQp.dot(x1, x1)));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += Math.abs(x);
        }
        return s;
    }
}
