package org.npg4j.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.npg4j.math.LinearOperator;
import org.npg4j.math.StateMap;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.rollout.Minibatch;
import org.npg4j.rollout.RolloutBuffer;
import org.npg4j.rollout.RolloutConfig;

class CTrpoTest {
    private static final double GAMMA = 0.99;

    private static CTrpo ctrpo(ActorCriticPolicy p, CTrpoConfig.Builder b, int n) {
        CostCritic critic = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 1);
        return new CTrpo(b.trpo(t -> t.batchSize(32).nCriticUpdates(1)).build(), RolloutConfig.of(n, GAMMA, 0.95), p,
                critic, 0, 1);
    }

    /** The independent reference: θ_k's snapshot, the centred cost advantages and ∇D(θ), α(θ) at any θ. */
    private static final class Divergence {
        final ActorCriticPolicy p;
        final Minibatch mb;
        final double[] costAdv;
        final double[] oldPhi;
        final double[] oldPsi;
        final SlackDivergence phi;
        final double beta;
        final double slack;
        final int n;

        Divergence(ActorCriticPolicy p, RolloutBuffer buf, SlackDivergence phi, double beta, double slack) {
            this.p = p;
            this.n = buf.size();
            this.mb = Minibatch.forBuffer(buf, n).gatherAll(buf);
            this.costAdv = mb.costAdvantages.clone();
            double mean = 0;
            for (double c : costAdv) {
                mean += c / n;
            }
            for (int r = 0; r < n; r++) {
                costAdv[r] -= mean;
            }
            this.oldPhi = new double[n * p.distribution().parameterSize()];
            this.oldPsi = new double[p.distribution().sharedParameterSize()];
            p.distributionParameters(mb.observations, n, oldPhi, oldPsi);
            this.phi = phi;
            this.beta = beta;
            this.slack = slack;
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

        double kl() {
            return p.meanKl(mb.observations, n, oldPhi, oldPsi);
        }

        /** ∇D(θ) = ∇KL(π_k‖π_θ) + β φ'(α(θ)) ∇α(θ). */
        double[] gradient() {
            double[] g = new double[p.parameterCount()];
            p.klGradient(mb.observations, n, oldPhi, oldPsi, g);
            double dphi = beta * phi.derivative(alpha(), slack);
            double[] ratio = ratios();
            double[] w = new double[n];
            for (int r = 0; r < n; r++) {
                w[r] = dphi * costAdv[r] * ratio[r] / (n * (1 - GAMMA));
            }
            p.gradient(mb.observations, mb.actions, n, w, null, g);
            return g;
        }
    }

    private static double norm(double[] x) {
        return Math.sqrt(NaturalGradient.dot(x, x));
    }

    @ParameterizedTest
    @CsvSource({"ENTROPY, false", "BARRIER, false", "ENTROPY, true", "BARRIER, true"})
    void hessianVectorProductIsTheFiniteDifferenceHessianOfTheDivergence(SlackDivergence mode, boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 3);
        RolloutBuffer buf = SafeRollouts.rollout(p, 64, 5, 1.0, 0.0);
        double b = 5.0;
        double jc = 3.5;
        CTrpo algo = ctrpo(p, CTrpoConfig.builder().divergence(mode).beta(0.5).costLimits(b), 64);
        algo.observeEpisodeCosts(new double[] {jc});
        algo.chooseMode();
        assertTrue(algo.safeMode());
        Minibatch mb = algo.prepare(buf);
        LinearOperator h = algo.hessianOperator(mb, 0.0);
        Divergence d = new Divergence(p, buf, mode, 0.5, b - jc);
        assertEquals(0.0, d.alpha(), 1e-15, "α(θ_k) = 0");

        double[] theta = p.parameters();
        double[] saved = theta.clone();
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 3; trial++) {
            double[] v = new double[theta.length];
            for (int i = 0; i < p.actorParameterCount(); i++) {
                v[i] = rng.nextGaussian();
            }
            double[] hv = new double[theta.length];
            h.apply(v, hv);
            double eps = 1e-5;
            for (int i = 0; i < theta.length; i++) {
                theta[i] = saved[i] + eps * v[i];
            }
            double[] plus = d.gradient();
            for (int i = 0; i < theta.length; i++) {
                theta[i] = saved[i] - eps * v[i];
            }
            double[] minus = d.gradient();
            System.arraycopy(saved, 0, theta, 0, theta.length);
            double[] diff = new double[theta.length];
            double[] fv = new double[theta.length];
            p.fisherVectorProduct(mb.observations, 64, v, 0.0, fv);
            double[] rankOne = new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                diff[i] = (plus[i] - minus[i]) / (2 * eps) - hv[i];
                rankOne[i] = hv[i] - fv[i];
            }
            assertTrue(norm(diff) < 1e-5 * norm(hv), "|FD - Hv| = " + norm(diff) + ", |Hv| = " + norm(hv));
            // The cost term is a real part of the product, not a rounding error on top of the Fisher's.
            assertTrue(norm(rankOne) > 0.05 * norm(hv), "rank-one part " + norm(rankOne) + " of " + norm(hv));
        }
        // With damping the operator adds damping·v.
        double[] v = new double[theta.length];
        v[0] = 1;
        double[] a = new double[theta.length];
        double[] c = new double[theta.length];
        algo.hessianOperator(mb, 0.1).apply(v, a);
        algo.hessianOperator(mb, 0.0).apply(v, c);
        assertEquals(c[0] + 0.1, a[0], 1e-12);
    }

    @Test
    void phiVanishesToFirstOrderAtZeroAndIsInfiniteBeyondTheSlack() {
        double s = 2.0;
        for (SlackDivergence mode : SlackDivergence.values()) {
            assertEquals(0.0, mode.phi(0, s), 0.0, mode.key());
            assertEquals(0.0, mode.derivative(0, s), 0.0, mode.key());
            assertEquals(mode == SlackDivergence.ENTROPY ? 1 / s : 1 / (s * s), mode.secondDerivative(0, s), 1e-15);
            assertEquals(Double.POSITIVE_INFINITY, mode.phi(s, s));
            assertEquals(Double.POSITIVE_INFINITY, mode.phi(s + 1, s));
            assertEquals(Double.POSITIVE_INFINITY, mode.derivative(s, s));
            assertEquals(Double.POSITIVE_INFINITY, mode.secondDerivative(3 * s, s));
            for (double a : new double[] {-3.0, -0.5, 0.7, 1.9}) {
                double h = 1e-5;
                assertTrue(mode.phi(a, s) > 0, "φ > 0 away from 0 (Bregman divergence of a strictly convex function)");
                assertEquals((mode.phi(a + h, s) - mode.phi(a - h, s)) / (2 * h), mode.derivative(a, s),
                        1e-6 * Math.max(1, Math.abs(mode.derivative(a, s))), mode.key() + " φ' at " + a);
                assertEquals((mode.derivative(a + h, s) - mode.derivative(a - h, s)) / (2 * h),
                        mode.secondDerivative(a, s), 1e-5 * Math.max(1, mode.secondDerivative(a, s)),
                        mode.key() + " φ'' at " + a);
            }
        }
        assertEquals(SlackDivergence.BARRIER, SlackDivergence.parse("Barrier"));
        assertEquals("divergence must be entropy or barrier, got \"kl\"",
                assertThrows(IllegalArgumentException.class, () -> SlackDivergence.parse("kl")).getMessage());
    }

    @Test
    void modeFollowsTheEpisodeCostWithHysteresis() {
        ActorCriticPolicy p = PpoTest.policy(false, 4);
        RolloutBuffer buf = SafeRollouts.rollout(p, 64, 6, 0.0, 0.0);
        CTrpo algo = ctrpo(p, CTrpoConfig.builder().hystFrac(0.8).costLimits(10), 64);
        double[] costs = {9, Double.NaN, 5, 12, 9, 7, 9.5, 11, 10, 7.9};
        // Starts as if recovering: 9 >= 0.8·10. NaN: no information, safe with the whole limit as slack.
        double[] modes = {0, 1, 1, 0, 0, 1, 1, 0, 0, 1};
        for (int k = 0; k < costs.length; k++) {
            algo.observeEpisodeCosts(new double[] {costs[k]});
            Map<String, Double> m = algo.train(buf, 1.0);
            assertEquals(modes[k], m.get("train/ctrpo_mode"), "update " + k + " at cost " + costs[k]);
            assertEquals(Double.isNaN(costs[k]) ? 10 : 10 - costs[k], m.get("train/slack"), 1e-12);
        }
        // A limit of 0 has no slack even before any episode: recovery.
        CTrpo zero = ctrpo(p, CTrpoConfig.builder().costLimits(0), 64);
        zero.observeEpisodeCosts(new double[] {Double.NaN});
        assertEquals(0.0, zero.train(buf, 1.0).get("train/ctrpo_mode"));
    }

    @ParameterizedTest
    @CsvSource({"ENTROPY, false", "BARRIER, false", "ENTROPY, true", "BARRIER, true"})
    void anAcceptedSafeStepHasDivergenceWithinTheRadiusAndImprovesTheSurrogate(SlackDivergence mode,
                                                                                boolean continuous) {
        // The reward pulls towards cost, and the slack is small: the cost term shapes the step.
        double b = 2.0;
        double jc = 1.9;
        double[] alphaOf = new double[2];
        for (int run = 0; run < 2; run++) {
            double beta = run == 0 ? 0.0 : 1.0;
            ActorCriticPolicy p = PpoTest.policy(continuous, 7);
            RolloutBuffer buf = SafeRollouts.rollout(p, 128, 8, 2.0, 0.0);
            CTrpo algo = ctrpo(p, CTrpoConfig.builder().divergence(mode).beta(beta).costLimits(b), 128);
            Divergence d = new Divergence(p, buf, mode, beta, b - jc);
            double[] adv = d.mb.advantages.clone();
            RolloutBuffer.normalizeInPlace(adv, 0, 128);
            double before = surrogate(d, adv);
            algo.observeEpisodeCosts(new double[] {jc});
            Map<String, Double> m = algo.train(buf, 1.0);
            assertEquals(1.0, m.get("train/ctrpo_mode"));
            assertEquals(1.0, m.get("train/is_line_search_success"), mode + " β " + beta);
            double alpha = d.alpha();
            double div = d.kl() + (beta == 0 ? 0 : beta * mode.phi(alpha, b - jc));
            assertTrue(div <= 0.01 + 1e-12, "D = " + div);
            assertEquals(div, m.get("train/divergence"), 1e-12);
            assertEquals(alpha, m.get("train/cost_surrogate"), 1e-12);
            if (beta > 0) {
                assertTrue(alpha < b - jc, "α " + alpha + " stays below the slack");
            }
            assertTrue(surrogate(d, adv) > before, "surrogate improves");
            assertEquals(before, m.get("train/policy_objective"), 1e-12);
            alphaOf[run] = alpha;
        }
        // Plain TRPO (β = 0) raises the cost surrogate more than the safe trust region lets C-TRPO.
        assertTrue(alphaOf[0] > 0 && alphaOf[1] < alphaOf[0], "α TRPO " + alphaOf[0] + ", C-TRPO " + alphaOf[1]);
    }

    private static double surrogate(Divergence d, double[] adv) {
        double[] ratio = d.ratios();
        double s = 0;
        for (int r = 0; r < d.n; r++) {
            s += adv[r] * ratio[r];
        }
        return s / d.n;
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void recoveryDecreasesTheCostSurrogateWithinTheKlRadius(boolean continuous) {
        ActorCriticPolicy p = PpoTest.policy(continuous, 2);
        RolloutBuffer buf = SafeRollouts.rollout(p, 128, 3, 2.0, 0.0);
        CTrpo algo = ctrpo(p, CTrpoConfig.builder().costLimits(5), 128);
        Divergence d = new Divergence(p, buf, SlackDivergence.ENTROPY, 1.0, 1.0);
        algo.observeEpisodeCosts(new double[] {6.0});
        Map<String, Double> m = algo.train(buf, 1.0);
        assertEquals(0.0, m.get("train/ctrpo_mode"));
        assertEquals(-1.0, m.get("train/slack"), 0.0);
        assertEquals(1.0, m.get("train/is_line_search_success"));
        double alpha = d.alpha();
        assertTrue(alpha < 0, "cost surrogate change " + alpha);
        assertEquals(alpha, m.get("train/cost_surrogate"), 1e-12);
        double kl = d.kl();
        assertTrue(kl > 0 && kl <= 0.01, "KL " + kl);
        assertEquals(kl, m.get("train/divergence"), 1e-12);
    }

    @Test
    void degenerateCasesHaveDefinedSteps() {
        // g_c = 0 (no cost anywhere): H = F + damping, the rank-one term vanishes.
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        RolloutBuffer buf = PpoTest.rollout(p, 64, 6, 0.0);
        RolloutBuffer costFree = new RolloutBuffer(64, 1, 4, 1, 1);
        for (int t = 0; t < 64; t++) {
            costFree.add(java.util.Arrays.copyOfRange(buf.observations(), 4 * t, 4 * t + 4),
                    new double[] {buf.actions()[t]}, new double[] {buf.logProbs()[t]}, new double[] {buf.values()[t]},
                    new double[] {buf.rewards()[t]}, new boolean[] {buf.episodeStarts()[t]}, new double[] {0},
                    new double[] {0});
        }
        costFree.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {false}, new double[] {0}, GAMMA, 0.95);
        CTrpo algo = ctrpo(p, CTrpoConfig.builder().costLimits(1), 64);
        algo.observeEpisodeCosts(new double[] {0.5});
        algo.chooseMode();
        Minibatch mb = algo.prepare(costFree);
        assertEquals(0.0, norm(algo.costGradient(0)), 0.0);
        double[] v = new double[p.parameterCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i);
        }
        double[] hv = new double[v.length];
        double[] fv = new double[v.length];
        algo.hessianOperator(mb, 0.1).apply(v, hv);
        p.fisherVectorProduct(mb.observations, 64, v, 0.1, fv);
        org.junit.jupiter.api.Assertions.assertArrayEquals(fv, hv, 1e-12);

        // A vanishing slack: the curvature is clamped, the step stays finite and inside the safe set.
        ActorCriticPolicy q = PpoTest.policy(true, 6);
        RolloutBuffer risky = SafeRollouts.rollout(q, 128, 2, 2.0, 0.0);
        CTrpo tight = ctrpo(q, CTrpoConfig.builder().costLimits(3), 128);
        Divergence d = new Divergence(q, risky, SlackDivergence.ENTROPY, 1.0, 1e-12);
        tight.observeEpisodeCosts(new double[] {3 - 1e-12});
        Map<String, Double> m = tight.train(risky, 1.0);
        assertEquals(1.0, m.get("train/ctrpo_mode"));
        assertTrue(d.alpha() < tight.slack(0), "α " + d.alpha() + " below the slack " + tight.slack(0));
        assertTrue(Double.isFinite(m.get("train/divergence")) && m.get("train/divergence") <= 0.01);
    }

    @Test
    void aNanStopsTheUpdateNamingItAndTheQuantity() {
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        RolloutBuffer buf = SafeRollouts.rollout(p, 64, 6, 1.0, 0.0);
        buf.rewards()[3] = Double.NaN;
        buf.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[] {0}, GAMMA, 0.95);
        CTrpo algo = ctrpo(p, CTrpoConfig.builder().costLimits(5), 64);
        algo.observeEpisodeCosts(new double[] {1});
        assertEquals("C-TRPO update 0: policy objective is NaN",
                assertThrows(ArithmeticException.class, () -> algo.train(buf, 1.0)).getMessage());

        // A fresh policy: the failed update's critic fit (beside the actor's step) has fitted NaN returns.
        ActorCriticPolicy fresh = PpoTest.policy(false, 5);
        RolloutBuffer costly = SafeRollouts.rollout(fresh, 64, 6, 1.0, 0.0);
        costly.costs()[5] = Double.NaN;
        costly.computeReturnsAndAdvantage(new double[] {0}, new boolean[] {true}, new double[] {0}, GAMMA, 0.95);
        CTrpo other = ctrpo(fresh, CTrpoConfig.builder().costLimits(5), 64);
        other.observeEpisodeCosts(new double[] {1});
        assertEquals("C-TRPO update 0: cost surrogate gradient is NaN",
                assertThrows(ArithmeticException.class, () -> other.train(costly, 1.0)).getMessage());
    }

    @Test
    void aCheckpointedUpdateContinuesBitForBit() {
        double[] after = new double[2];
        ActorCriticPolicy p = PpoTest.policy(true, 5);
        RolloutBuffer buf = SafeRollouts.rollout(p, 64, 6, 1.0, 0.0);
        CTrpo a = ctrpo(p, CTrpoConfig.builder().costLimits(5).hystFrac(0.5), 64);
        a.observeEpisodeCosts(new double[] {7});
        a.train(buf, 1.0);
        StateMap state = new StateMap();
        a.writeCheckpoint(state);
        ActorCriticPolicy q = PpoTest.policy(true, 5);
        System.arraycopy(p.parameters(), 0, q.parameters(), 0, p.parameterCount());
        CostCritic other = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 77);
        CTrpo b = new CTrpo(a.config(), RolloutConfig.of(64, GAMMA, 0.95), q, other, 123, 124);
        b.readCheckpoint(state);
        assertEquals(false, b.safeMode(), "recovering, restored");
        // 4 < 5 but not < 0.5·5: only a run that remembers the recovery stays in it.
        a.observeEpisodeCosts(new double[] {4});
        b.observeEpisodeCosts(new double[] {4});
        Map<String, Double> ma = a.train(buf, 0.5);
        Map<String, Double> mb = b.train(buf, 0.5);
        assertEquals(0.0, ma.get("train/ctrpo_mode"));
        assertEquals(ma, mb);
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.parameters(), q.parameters(), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.costCritic().parameters(), other.parameters(), 0.0);
    }

    /** The critics' fits beside the actor's step: the same parameters and metrics, bit for bit, as in turn. */
    @Test
    void criticFitsBesideTheActorStepGiveTheBitsOfSequentialUpdates() {
        double[][] actor = new double[2][];
        double[][] cost = new double[2][];
        List<Map<String, Double>> metrics = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            ActorCriticPolicy p = PpoTest.policy(true, 5);
            RolloutBuffer buf = SafeRollouts.rollout(p, 64, 6, 1.0, 0.0);
            CostCritic critic = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 1);
            CTrpo algo = new CTrpo(CTrpoConfig.builder().costLimits(5).hystFrac(0.5)
                    .trpo(t -> t.batchSize(32).nCriticUpdates(2)).build(), RolloutConfig.of(64, GAMMA, 0.95), p,
                    critic, 0, 1, new org.npg4j.util.SideThread("test-critic-fit", run == 1));
            for (double c : new double[] {7, 1, 4}) {
                algo.observeEpisodeCosts(new double[] {c});
                metrics.add(algo.train(buf, 1.0));
            }
            actor[run] = p.parameters().clone();
            cost[run] = critic.parameters().clone();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(actor[0], actor[1], 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(cost[0], cost[1], 0.0);
        assertEquals(metrics.subList(0, 3), metrics.subList(3, 6));
        assertEquals(List.of(0.0, 1.0, 1.0), metrics.subList(0, 3).stream().map(m -> m.get("train/ctrpo_mode"))
                .toList(), "recovery, then safe steps: both modes ran beside the fits");
    }

    @Test
    void refusesAMismatchOfLimitsAndCosts() {
        ActorCriticPolicy p = PpoTest.policy(false, 5);
        CostCritic two = new CostCritic(4, 2, new int[] {8}, Activation.TANH, 1);
        assertEquals("cost_limit has 1 limits, the env reports 2 cost signals", assertThrows(
                IllegalArgumentException.class, () -> new CTrpo(CTrpoConfig.builder().build(), RolloutConfig.of(8, GAMMA, 0.95), p, two, 0, 1))
                .getMessage());
        assertEquals("hyst_frac must be in (0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> CTrpoConfig.builder().hystFrac(1.5).build()).getMessage());
        assertEquals("cost_limit[0] must be finite and non-negative, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> CTrpoConfig.builder().costLimits(-1).build()).getMessage());
    }
}
