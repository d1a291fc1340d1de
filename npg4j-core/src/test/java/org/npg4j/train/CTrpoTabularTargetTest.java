package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.algo.CTrpo;
import org.npg4j.algo.CTrpoConfig;
import org.npg4j.env.FiniteMdpEnv;
import org.npg4j.env.GeometricHorizon;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.mdp.ConstrainedGarnet;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.Solution;
import org.npg4j.mdp.TabularPolicy;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;

/**
 * The tabular target of sample-based C-TRPO: on a constrained Garnet (the ConstrainedGarnet-v0 CMDP), trained from
 * samples with geometric episodes ({@link GeometricHorizon}, so the per-episode limit b/(1 − γ) is exactly the LP's
 * limit b on C(π) = c·d^π), the learned policy, read off the network state by state and evaluated exactly, reaches
 * within 5% of the constrained LP optimum's return while satisfying the constraint up to the sampling noise (2% of
 * b). About 20 s per seed of 100,000 steps, so it runs only on request:
 * {@code mvn -pl npg4j-core test -Dtest=CTrpoTabularTargetTest -Dnpg4j.targets=true [-Dctrpo.seeds=3]
 * [-Dctrpo.steps=100000]}.
 */
class CTrpoTabularTargetTest {
    /** Trains and returns {R(π), C(π), R*, b, R_unconstrained}. */
    static double[] run(FiniteMdp mdp, long seed, long steps) {
        double gamma = mdp.gamma();
        double b = mdp.cost(0).limit();
        List<RecordEpisodeStatistics> envs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            envs.add(new RecordEpisodeStatistics(new GeometricHorizon(new FiniteMdpEnv(mdp, 0), gamma)));
        }
        SyncVectorEnv env = new SyncVectorEnv(envs);
        env.reset(seed);
        int s = mdp.states();
        int a = mdp.actions();
        ActorCriticPolicy policy = ActorCriticPolicy.builder(s).discrete(a).piLayers(64, 64).vfLayers(64, 64)
                .seed(seed + 1).build();
        CostCritic critic = new CostCritic(s, 1, new int[] {64, 64}, Activation.TANH, seed + 2);
        CTrpoConfig config = CTrpoConfig.builder().trpo(t -> t.batchSize(128)).costLimits(b / (1 - gamma)).build();
        RolloutConfig rollout = new RolloutConfig(500, 4, gamma, 0.95, false);
        CTrpo algo = new CTrpo(config, rollout, policy, critic, seed + 3, seed + 5);
        new Trainer(env, policy, algo, rollout, seed + 4).learn(steps);
        env.close();

        double[] flat = new double[s * a];
        double[] obs = new double[s];
        double[] act = new double[1];
        double[] lp = new double[1];
        for (int st = 0; st < s; st++) {
            java.util.Arrays.fill(obs, 0.0);
            obs[st] = 1;
            for (int ac = 0; ac < a; ac++) {
                act[0] = ac;
                policy.evaluateActions(obs, act, 1, lp, null);
                flat[st * a + ac] = Math.exp(lp[0]);
            }
        }
        TabularPolicy learned = TabularPolicy.trusted(s, a, flat);
        Evaluation e = PolicyEvaluation.evaluate(mdp, learned);
        Solution opt = LinearProgram.solve(mdp, true);
        Solution free = LinearProgram.solve(mdp, false);
        return new double[] {e.expectedReturn(), e.costReturn(0), opt.expectedReturn(), b, free.expectedReturn()};
    }

    @Test
    @EnabledIfSystemProperty(named = "npg4j.targets", matches = "true")
    void reachesWithinFivePercentOfTheConstrainedOptimum() {
        FiniteMdp mdp = new ConstrainedGarnet(20, 4, 3, 0.9, 0.5, 0.5, 0).generate();
        long steps = Long.getLong("ctrpo.steps", 100_000);
        int seeds = Integer.getInteger("ctrpo.seeds", 1);
        for (int seed = 0; seed < seeds; seed++) {
            long t0 = System.nanoTime();
            double[] r = run(mdp, seed, steps);
            System.out.printf("seed %d steps %d: R %.5f C %.5f R* %.5f b %.3f Rfree %.5f  %.1fs%n", seed, steps, r[0],
                    r[1], r[2], r[3], r[4], (System.nanoTime() - t0) * 1e-9);
            assertTrue(r[4] > 1.05 * r[2], "the constraint is active: unconstrained optimum " + r[4]);
            assertTrue(r[0] >= 0.95 * r[2], "return " + r[0] + " of the constrained optimum " + r[2]);
            assertTrue(r[1] <= 1.02 * r[3], "cost " + r[1] + " against the limit " + r[3]);
        }
    }
}
