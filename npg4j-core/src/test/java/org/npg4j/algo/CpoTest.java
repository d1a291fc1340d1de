package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

class CpoTest {
    static final double GAMMA = 0.99;

    private static Cpo cpo(ActorCriticPolicy p, double limit, int n) {
        CostCritic critic = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 1);
        CpoConfig config = CpoConfig.builder().trpo(t -> t.batchSize(32).nCriticUpdates(1)).costLimits(limit).build();
        return new Cpo(config, RolloutConfig.of(n, GAMMA, 0.95), p, critic, 0, 1);
    }

    /** α(θ) = (1−γ)^{-1} mean((r_θ − 1) Ā_c) at the policy's current θ, from θ_k's log-probs; written independently. */
    static final class CostSurrogateReference {
        final ActorCriticPolicy p;
        final Minibatch mb;
        final double[] costAdv;
        final double[] oldPhi;
        final double[] oldPsi;
        final int n;

        CostSurrogateReference(ActorCriticPolicy p, RolloutBuffer buf) {
            this.p = p;
            this.n = buf.size();
            this.mb = Minibatch.forBuffer(buf, n).gatherAll(buf);
            this.costAdv = mb.costAdvantages.clone();
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += costAdv[r] / n;
            }
            for (int r = 0; r < n; r++) {
                costAdv[r] -= mean;
            }
            this.oldPhi = new double[n * p.distribution().parameterSize()];
            this.oldPsi = new double[p.distribution().sharedParameterSize()];
            p.distributionParameters(mb.observations, n, oldPhi, oldPsi);
        }

        double[] ratios() {
            double[] lp = new double[n];
            p.evaluateActions(mb.observations, mb.actions, n, lp, null);
            for (int r = 0; r < n; r++) {
                lp[r] = Math.exp(lp[r] - mb.oldLogProbs[r]);
            }
            return lp;
        }

        double alpha() {
            double[] ratio = ratios();
            double a = 0;
            for (int r = 0; r < n; r++) {
                a += (ratio[r] - 1) * costAdv[r];
            }
            return a / (n * (1 - GAMMA));
        }

        double surrogate(double[] advantages) {
            double[] ratio = ratios();
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += advantages[r] * ratio[r];
            }
            return s / n;
        }

        double kl() {
            return p.meanKl(mb.observations, n, oldPhi, oldPsi);
        }
    }

    /**
     * The closed-form step against a generic solver of max gᵀx s.t. ½xᵀHx ≤ δ, bᵀx + c ≤ 0 on an explicit 5×5 H,
     * with c = cFactor·√(2δs) placing the half-space relative to the trust region and b leaning towards (+1) or away
     * from (−1) the reward gradient.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "whole trust region feasible, -1.5, 1, FEASIBLE",
        "feasible start: constraint inactive, -0.5, -1, PARTLY_FEASIBLE",
        "feasible start: constraint active, -0.5, 1, PARTLY_FEASIBLE",
        "on the boundary, 0.0, 1, INFEASIBLE_START",
        "infeasible start with a feasible part, 0.5, 1, INFEASIBLE_START",
        "infeasible start moving away, 0.5, -1, INFEASIBLE_START",
        "nothing feasible (recovery), 1.5, 1, INFEASIBLE"})
    void closedFormDualSolvesTheStepProblem(String name, double cFactor, double lean, CpoDual.Case expected) {
        double delta = 0.02;
        for (long seed = 1; seed <= 4; seed++) {
            SmallQp qp = new SmallQp(5, seed);
            SplittableRandom rng = new SplittableRandom(100 + seed);
            double[] g = SmallQp.gaussian(5, rng);
            double[] noise = SmallQp.gaussian(5, rng);
            double[] b = new double[5];
            for (int i = 0; i < 5; i++) {
                b[i] = lean * g[i] + 0.7 * noise[i];
            }
            double[] v = qp.solve(g);
            double[] w = qp.solve(b);
            double q = SmallQp.dot(g, v);
            double r = SmallQp.dot(g, w);
            double s = SmallQp.dot(b, w);
            double c = cFactor * Math.sqrt(2 * delta * s);
            CpoDual.Step step = CpoDual.solve(q, r, s, c, delta, SmallQp.dot(b, b));
            assertEquals(expected, step.kind(), name + " seed " + seed);
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) {
                x[i] = step.vCoef() * v[i] + step.wCoef() * w[i];
            }
            String at = name + " seed " + seed;
            double[] reference;
            if (expected == CpoDual.Case.INFEASIBLE) {
                // No x is feasible: the recovery step minimizes bᵀx over the trust region.
                double[] minusB = b.clone();
                for (int i = 0; i < 5; i++) {
                    minusB[i] = -b[i];
                }
                reference = qp.maximize(minusB, b, c, delta, false);
                assertTrue(SmallQp.dot(b, reference) + c > 0, at + ": the half-space misses the trust region");
            } else {
                reference = qp.maximize(g, b, c, delta, true);
                assertTrue(SmallQp.dot(b, x) + c <= 1e-12 * Math.sqrt(SmallQp.dot(b, b)), at + ": bᵀx + c = " + (SmallQp.dot(b, x) + c));
                assertEquals(SmallQp.dot(g, reference), SmallQp.dot(g, x), 1e-7 * Math.abs(SmallQp.dot(g, reference)),
                        at + ": objective");
                assertTrue(step.lambda() > 0 && step.nu() >= 0, at + ": λ " + step.lambda() + ", ν " + step.nu());
                boolean active = Math.abs(SmallQp.dot(b, reference) + c) < 1e-6;
                assertEquals(active, step.nu() > 0, at + ": ν > 0 exactly when the constraint binds");
            }
            assertTrue(0.5 * SmallQp.dot(x, qp.times(x)) <= delta * (1 + 1e-9), at + ": inside the trust region");
            for (int i = 0; i < 5; i++) {
                assertEquals(reference[i], x[i], 1e-5 * Math.sqrt(SmallQp.dot(reference, reference)), at + " x_" + i);
            }
        }
    }

    @Test
    void degenerateStepProblemsHaveDefinedSteps() {
        // No cost gradient while feasible: TRPO's step, λ = √(q/2δ).
        CpoDual.Step trpo = CpoDual.solve(4.0, 0.0, 0.0, -1.0, 0.02, 0.0);
        assertEquals(CpoDual.Case.NO_COST_GRADIENT, trpo.kind());
        assertEquals(Math.sqrt(2 * 0.02 / 4.0), trpo.vCoef(), 1e-15);
        // No cost gradient while infeasible: nothing can lower the linearized cost, θ_k stays.
        CpoDual.Step stuck = CpoDual.solve(4.0, 0.0, 0.0, 1.0, 0.02, 0.0);
        assertEquals(0.0, stuck.vCoef());
        assertEquals(0.0, stuck.wCoef());
        // No reward gradient while feasible: no step at all.
        CpoDual.Step still = CpoDual.solve(0.0, 0.0, 1.0, -1.0, 0.02, 1.0);
        assertEquals(CpoDual.Case.FEASIBLE, still.kind());
        assertEquals(0.0, still.vCoef());
        // g parallel to b (A = 0) with an active constraint: the step runs to the boundary bᵀx + c = 0, finite.
        CpoDual.Step parallel = CpoDual.solve(1.0, 1.0, 1.0, -0.1, 0.02, 1.0);
        double bx = parallel.vCoef() * 1.0 + parallel.wCoef() * 1.0; // bᵀx with x = vCoef·v + wCoef·w, v = w
        assertEquals(0.1, bx, 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void costSurrogateGradientMatchesFiniteDifferences(boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 3);
        // Old log-probs are the policy's own: the gradient is taken at θ_k, where every ratio is 1.
        RolloutBuffer buf = SafeRollouts.rollout(p, 64, 5, 1.0, 0.0);
        NaturalGradient natural = new NaturalGradient(p, 64);
        LinearizedCost cost = new LinearizedCost(p, natural, GAMMA, 64);
        FullBatch full = new FullBatch();
        Minibatch mb = full.gather(buf, true);
        natural.surrogateGradient(mb, full.advantages());
        cost.prepare(mb);
        double[] b = cost.gradient().clone();
        CostSurrogateReference ref = new CostSurrogateReference(p, buf);
        double[] theta = p.parameters();
        double[] saved = theta.clone();
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 3; trial++) {
            double[] u = new double[theta.length];
            for (int i = 0; i < p.actorParameterCount(); i++) {
                u[i] = rng.nextGaussian();
            }
            double eps = 1e-6;
            for (int i = 0; i < theta.length; i++) {
                theta[i] = saved[i] + eps * u[i];
            }
            double plus = ref.alpha();
            double plusTrial = cost.trial(mb, full.advantages()).alpha();
            for (int i = 0; i < theta.length; i++) {
                theta[i] = saved[i] - eps * u[i];
            }
            double minus = ref.alpha();
            System.arraycopy(saved, 0, theta, 0, theta.length);
            double fd = (plus - minus) / (2 * eps);
            double bu = NaturalGradient.dot(b, u);
            assertEquals(fd, bu, 1e-6 * Math.max(1, Math.abs(fd)), "bᵀu against the central difference of α");
            assertEquals(plus, plusTrial, 1e-12, "the trial's α is the reference's");
        }
    }

    @ParameterizedTest
    @CsvSource({"false, 6.0", "true, 6.0", "false, 100.0", "true, 100.0"})
    void aViolatedConstraintLowersTheCostSurrogateWithinTheTrustRegion(boolean continuous, double episodeCost) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 2);
        // The reward pulls towards cost: without the constraint the step would raise α.
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 3, 2.0, 0.0);
        Cpo algo = cpo(p, 5, 128);
        CostSurrogateReference ref = new CostSurrogateReference(p, buf);
        algo.observeEpisodeCosts(new double[] {episodeCost});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(5 - episodeCost, m.get("train/slack"), 0.0);
        if (episodeCost == 100.0) {
            assertEquals(CpoDual.Case.INFEASIBLE.ordinal(), m.get("train/cpo_case"), "recovery");
        }
        assertTrue(m.get("train/cpo_case") <= 1, "infeasible start: case " + m.get("train/cpo_case"));
        assertEquals(1.0, m.get("train/is_line_search_success"));
        double alpha = ref.alpha();
        assertTrue(alpha < 0, "cost surrogate change " + alpha);
        assertEquals(alpha, m.get("train/cost_surrogate"), 1e-12);
        double kl = ref.kl();
        assertTrue(kl > 0 && kl <= 0.01, "KL " + kl);
        assertEquals(kl, m.get("train/kl_divergence_loss"), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void aNearlyActiveConstraintHoldsTheCostSurrogateBelowTheSlack(boolean continuous) {
        double limit = 2.0;
        double jc = 1.9;
        ActorCriticPolicy p = PpoTest.policy(continuous, 7);
        ActorCriticPolicy q = PpoTest.policy(continuous, 7);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 8, 2.0, 0.0);
        CostSurrogateReference ref = new CostSurrogateReference(p, buf);
        double[] adv = ref.mb.advantages.clone();
        RolloutBuffer.normalizeInPlace(adv, 0, 128);
        double before = ref.surrogate(adv);
        Cpo algo = cpo(p, limit, 128);
        algo.observeEpisodeCosts(new double[] {jc});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(CpoDual.Case.PARTLY_FEASIBLE.ordinal(), m.get("train/cpo_case"));
        assertTrue(m.get("train/cost_multiplier") > 0, "the constraint binds: ν " + m.get("train/cost_multiplier"));
        assertEquals(1.0, m.get("train/is_line_search_success"));
        double alpha = ref.alpha();
        assertTrue(alpha <= limit - jc, "α " + alpha + " within the slack");
        assertTrue(ref.surrogate(adv) > before, "the reward surrogate improves");
        assertTrue(ref.kl() <= 0.01, "KL " + ref.kl());
        // TRPO on the same rollout raises the cost surrogate beyond the slack.
        Trpo trpo = new Trpo(TrpoConfig.builder().batchSize(32).nCriticUpdates(1).build(), q, 128, 0);
        CostSurrogateReference refQ = new CostSurrogateReference(q, buf);
        trpo.train(buf, 1.0);
        assertTrue(refQ.alpha() > limit - jc, "TRPO's α " + refQ.alpha());
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void aConstraintFarFromBindingGivesTrposStep(boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 4);
        ActorCriticPolicy q = PpoTest.policy(continuous, 4);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 9, 1.0, 0.0);
        Cpo algo = cpo(p, 1e6, 128);
        algo.observeEpisodeCosts(new double[] {0.0});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(CpoDual.Case.FEASIBLE.ordinal(), m.get("train/cpo_case"));
        assertEquals(0.0, m.get("train/cost_multiplier"));
        Trpo trpo = new Trpo(TrpoConfig.builder().batchSize(32).nCriticUpdates(1).build(), q, 128, 0);
        Map<String, Double> t = trpo.train(buf, 1.0);
        // gᵀv = vᵀHv after CG from zero (the residual is orthogonal to the Krylov space): the same step up to rounding.
        assertArrayEquals(q.parameters(), p.parameters(), 1e-10);
        assertEquals(t.get("train/kl_divergence_loss"), m.get("train/kl_divergence_loss"), 1e-10);
    }

    @Test
    void refusesLimitsThatDoNotMatchTheCostSignals() {
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        CostCritic two = new CostCritic(4, 2, new int[] {8}, Activation.TANH, 1);
        assertEquals("cost_limit has 1 limits, the env reports 2 cost signals", assertThrows(
                IllegalArgumentException.class, () -> new Cpo(CpoConfig.builder().costLimits(1).build(),
                        RolloutConfig.of(8, GAMMA, 0.95), p, two, 0, 1)).getMessage());
        CostCritic one = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 1);
        assertEquals("cost_limit has 2 limits, the env reports 1 cost signal", assertThrows(
                IllegalArgumentException.class, () -> new Cpo(CpoConfig.builder().costLimits(1, 2).build(),
                        RolloutConfig.of(8, GAMMA, 0.95), p, one, 0, 1)).getMessage());
        assertEquals("cost_limit[0] must be finite and non-negative, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> CpoConfig.builder().costLimits(-1).build()).getMessage());
        assertEquals("gamma must be in [0, 1) (the cost surrogate carries a factor 1/(1-gamma)), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Cpo(CpoConfig.builder().costLimits(1).build(),
                        RolloutConfig.of(8, 1.0, 0.95), p, one, 0, 1)).getMessage());
    }

    @Test
    void aNanStopsTheUpdateNamingItAndTheQuantity() {
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        RolloutBuffer costly = SafeRollouts.rollout(p, 64, 6, 1.0, 0.0);
        costly.costs()[5] = Double.NaN;
        costly.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[] {0}, GAMMA, 0.95);
        Cpo algo = cpo(p, 5, 64);
        algo.observeEpisodeCosts(new double[] {1});
        assertEquals("CPO update 0: cost surrogate gradient is NaN",
                assertThrows(ArithmeticException.class, () -> algo.train(costly, 1.0)).getMessage());
    }
}
