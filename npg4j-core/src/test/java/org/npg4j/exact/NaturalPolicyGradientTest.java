package org.npg4j.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.TabularPolicy;

/**
 * Theorem 10.7 and Lemma 10.8 of the lecture notes (Agarwal, Kakade, Lee, Mahajan 2021, Theorem 16 and the NPG
 * improvement lemma), closed form = Fisher form, reparameterization invariance (Kakade 2001), geometric steps (Xiao 2022).
 */
class NaturalPolicyGradientTest {
    @Test
    void npgSatisfiesAgarwalBoundAtEveryIteration() {
        // Theorem 10.7 of the notes (Agarwal et al. 2021, Theorem 16): from the uniform policy, V*(ρ) - V^T(ρ) ≤ log|A|/(ηT) + 1/((1-γ)²T) for every T.
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            for (double eta : new double[] {0.05, 0.5, 5.0}) {
                TabularPolicy uniform = TabularPolicy.uniform(mdp.states(), mdp.actions());
                Trace trace = ExactRunner.builder().iterations(1000).build()
                        .run(problem, NaturalPolicyGradient.constant(problem, uniform, eta));
                for (TraceRow row : trace.rows().subList(1, trace.rows().size())) {
                    double bound = TheoryBounds.npgSuboptimality(mdp.actions(), eta, mdp.gamma(), row.iteration());
                    assertTrue(row.suboptimality() <= bound, "seed " + seed + ", eta " + eta + ", T "
                            + row.iteration() + ": gap " + row.suboptimality() + " > bound " + bound);
                }
                assertTrue(trace.last().suboptimality() < 1e-2, "seed " + seed + " eta " + eta + " did not converge");
            }
        }
    }

    @Test
    void npgImprovesMonotonicallyForEveryStartDistribution() {
        // Lemma 10.8 of the notes (Agarwal et al. 2021): V^{t+1}(s) ≥ V^t(s) in every state s (so for every start distribution), and more precisely
        // V^{t+1}(μ) - V^t(μ) ≥ ((1-γ)/η) E_{s~μ} log Z_t(s), Z_t(s) = Σ_a π_t(a|s) exp(η A_t(s,a)/(1-γ)) ≥ 1.
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            int S = mdp.states(), A = mdp.actions();
            double gamma = mdp.gamma();
            ExactProblem problem = ExactProblem.of(mdp);
            double eta = 0.7;
            NaturalPolicyGradient npg = NaturalPolicyGradient.constant(problem, Fixtures.randomPolicy(mdp, seed, 2.0), eta);
            Evaluation ev = problem.evaluate(npg.policy(), null);
            for (int t = 0; t < 40; t++) {
                double[] pi = npg.policy();
                npg.step(ev);
                Evaluation next = problem.evaluate(npg.policy(), null);
                for (int s = 0; s < S; s++) {
                    double z = 0;
                    for (int a = 0; a < A; a++) {
                        z += pi[s * A + a] * Math.exp(eta * ev.advantage(s, a) / (1 - gamma));
                    }
                    double lower = (1 - gamma) / eta * Math.log(z);
                    assertTrue(Math.log(z) >= -1e-12, "log Z < 0");
                    assertTrue(next.value(s) - ev.value(s) >= lower - 1e-9, "seed " + seed + ", t " + t + ", s " + s
                            + ": improvement " + (next.value(s) - ev.value(s)) + " < " + lower);
                }
                ev = next;
            }
        }
    }

    @Test
    void closedFormEqualsFisherPseudoinverseOnSoftmax() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.uniformMu(mdp);
            TabularPolicy start = Fixtures.randomPolicy(mdp, seed, 1.5);
            double[] theta0 = start.probabilities();
            for (int i = 0; i < theta0.length; i++) {
                theta0[i] = Math.log(theta0[i]);
            }
            ExactOptimizer closed = NaturalPolicyGradient.constant(problem, start, 0.4);
            ExactOptimizer fisher = new FisherNaturalPolicyGradient(problem,
                    LogLinearParameterization.tabular(mdp.states(), mdp.actions()), theta0, 0.4);
            Trace a = ExactRunner.builder().iterations(15).build().run(problem, closed);
            Trace b = ExactRunner.builder().iterations(15).build().run(problem, fisher);
            assertTrue(Fixtures.supDistance(a.finalPolicy().probabilities(), b.finalPolicy().probabilities()) < 1e-7,
                    "seed " + seed);
            for (int k = 0; k <= 15; k++) {
                assertEquals(a.rows().get(k).valueRho(), b.rows().get(k).valueRho(), 1e-7, "seed " + seed + " k " + k);
                assertEquals(a.rows().get(k).gradientNorm(), b.rows().get(k).gradientNorm(), 1e-7);
            }
        }
    }

    @Test
    void npgIsInvariantUnderAffineReparameterizationWhilePgIsNot() {
        int dim = 6;
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.uniformMu(mdp);
            LogLinearParameterization family = PolicyGradientsTest.randomFamily(mdp, dim, seed);
            SplittableRandom rng = new SplittableRandom(seed + 17);
            double[][] m = new double[dim][dim];
            double[] c = rng.doubles(dim, -1, 1).toArray();
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    m[i][j] = (i == j ? 2.0 : 0.0) + 0.5 * rng.nextGaussian();
                }
            }
            LogLinearParameterization reparameterized = family.reparameterized(m, c);
            // ω0 = 0 in the new coordinates is θ0 = M·0 + c in the old ones.
            double[] omega0 = new double[dim];
            Trace original = ExactRunner.builder().iterations(10).build()
                    .run(problem, new FisherNaturalPolicyGradient(problem, family, c, 0.3));
            Trace transformed = ExactRunner.builder().iterations(10).build()
                    .run(problem, new FisherNaturalPolicyGradient(problem, reparameterized, omega0, 0.3));
            for (int k = 0; k <= 10; k++) {
                assertEquals(original.rows().get(k).valueRho(), transformed.rows().get(k).valueRho(), 1e-8,
                        "seed " + seed + " k " + k);
            }
            assertTrue(Fixtures.supDistance(original.finalPolicy().probabilities(),
                    transformed.finalPolicy().probabilities()) < 1e-8, "seed " + seed);

            // Plain PG in the two coordinates: ω moves by η Mᵀ∇_θ, i.e. θ by η MMᵀ∇_θ ≠ η ∇_θ.
            double[] theta = c.clone();
            double[] omega = omega0.clone();
            double[] g = new double[dim];
            for (int k = 0; k < 10; k++) {
                double[] p = family.policy(theta).probabilities();
                PolicyGradients.logLinear(problem.evaluateUnderMu(p, null, null), family, p, g);
                for (int i = 0; i < dim; i++) {
                    theta[i] += 0.3 * g[i];
                }
                double[] q = reparameterized.policy(omega).probabilities();
                PolicyGradients.logLinear(problem.evaluateUnderMu(q, null, null), reparameterized, q, g);
                for (int i = 0; i < dim; i++) {
                    omega[i] += 0.3 * g[i];
                }
            }
            double apart = Fixtures.supDistance(family.policy(theta).probabilities(),
                    reparameterized.policy(omega).probabilities());
            assertTrue(apart > 1e-4, "seed " + seed + ": PG policies only " + apart + " apart");
        }
    }

    @Test
    void geometricStepSizesConvergeLinearly() {
        for (long seed = 0; seed < Fixtures.RANDOM_MDPS; seed++) {
            FiniteMdp mdp = Fixtures.garnet(seed);
            ExactProblem problem = ExactProblem.of(mdp);
            TabularPolicy uniform = TabularPolicy.uniform(mdp.states(), mdp.actions());
            double eta0 = 0.05;
            Trace geometric = ExactRunner.builder().iterations(150).build()
                    .run(problem, NaturalPolicyGradient.geometric(problem, uniform, eta0));
            assertEquals(eta0 / Math.pow(mdp.gamma(), 10), geometric.rows().get(10).stepSize(), 1e-12);
            TraceRow first = geometric.rows().get(0);
            for (TraceRow row : geometric.rows()) {
                double bound = TheoryBounds.geometricNpgSuboptimality(first.suboptimality(), first.klFromOptimal(),
                        eta0, mdp.gamma(), row.iteration());
                assertTrue(row.suboptimality() <= bound + 1e-9, "seed " + seed + ", k " + row.iteration() + ": gap "
                        + row.suboptimality() + " > " + bound);
            }
            assertTrue(geometric.last().suboptimality() < 1e-8, "seed " + seed + ": " + geometric.last());
        }
    }
}
