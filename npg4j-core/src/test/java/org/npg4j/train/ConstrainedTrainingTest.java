package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.npg4j.algo.ConstrainedAlgorithm;
import org.npg4j.env.CartPole;
import org.npg4j.env.CartPoleSafe;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.VectorEnv;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.CostCritic;
import org.npg4j.policy.Policies;
import org.npg4j.rollout.RolloutConfig;
import org.npg4j.rollout.RolloutBuffer;

class ConstrainedTrainingTest {
    /** 64 steps of each of the two envs, γ = 0.99, λ = 0.95. */
    private static final RolloutConfig ROLLOUT = new RolloutConfig(64, 2, 0.99, 0.95, false);

    /** A constrained update that changes nothing and records what the trainer hands it. */
    static final class Recorder implements ConstrainedAlgorithm {
        final CostCritic critic;
        final double[] limits;
        final List<Double> observed = new ArrayList<>();
        double maxCostValueError;
        double maxIdentityError;
        int rollouts;
        double nonZeroCosts;

        Recorder(CostCritic critic, double limit) {
            this.critic = critic;
            this.limits = new double[] {limit};
        }

        @Override
        public CostCritic costCritic() {
            return critic;
        }

        @Override
        public double[] costLimits() {
            return limits;
        }

        @Override
        public void observeEpisodeCosts(double[] episodeCosts) {
            observed.add(episodeCosts[0]);
        }

        @Override
        public Map<String, Double> train(RolloutBuffer buffer, double progressRemaining) {
            rollouts++;
            double[] v = new double[buffer.size()];
            critic.predict(buffer.observations(), buffer.size(), v);
            for (int i = 0; i < buffer.size(); i++) {
                maxCostValueError = Math.max(maxCostValueError, Math.abs(v[i] - buffer.costValues()[i]));
                // λ-return = advantage + value, for the cost as for the reward.
                maxIdentityError = Math.max(maxIdentityError, Math.abs(buffer.costReturns()[i]
                        - buffer.costAdvantages()[i] - buffer.costValues()[i]));
                nonZeroCosts += buffer.costs()[i] != 0 ? 1 : 0;
            }
            return Map.of();
        }
    }

    private static VectorEnv envs(double xSafe) {
        List<RecordEpisodeStatistics> list = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            list.add(new RecordEpisodeStatistics(new CartPoleSafe(500, xSafe)));
        }
        SyncVectorEnv env = new SyncVectorEnv(list);
        env.reset(3);
        return env;
    }

    @Test
    void costCriticValuesFeedCostGaeAndViolationsAccumulate() {
        VectorEnv env = envs(0.02);
        ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                new int[] {16}, new int[] {16}, Activation.TANH, 0.0, 1);
        CostCritic critic = new CostCritic(4, 1, new int[] {16}, Activation.TANH, 2);
        Recorder algo = new Recorder(critic, 2.0);
        InMemoryLogger log = new InMemoryLogger();
        Trainer trainer = new Trainer(env, policy, algo, ROLLOUT, 5).addLogger(log);
        trainer.learn(64 * 2 * 6);

        assertEquals(6, algo.rollouts);
        assertEquals(0.0, algo.maxCostValueError, 0.0, "the buffer holds the critic's cost values");
        assertTrue(algo.maxIdentityError < 1e-12, "R_c = Â_c + V_c, error " + algo.maxIdentityError);
        assertTrue(algo.nonZeroCosts > 0, "the cart leaves |x| <= 0.02 at some point");
        double expected = 0;
        for (int k = 0; k < log.rows().size(); k++) {
            Map<String, Double> row = log.rows().get(k);
            double jc = algo.observed.get(k);
            assertEquals(jc, row.get("safety/episode_cost"), 0.0);
            assertEquals(2.0, row.get("safety/cost_limit"), 0.0);
            if (!Double.isNaN(jc)) {
                expected += Math.max(0, jc - 2.0);
            }
            assertEquals(expected, row.get("safety/cumulative_violation"), 1e-12);
        }
        assertTrue(expected > 0, "random CartPole episodes exceed a cost of 2 at x_safe 0.02");
        env.close();
    }

    @Test
    void withAWindowTheAlgorithmSeesTheMeanOfTheLastEpisodesWhileTheMetricsKeepTheRollout() {
        VectorEnv env = envs(0.02);
        ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                new int[] {8}, new int[] {8}, Activation.TANH, 0.0, 1);
        Recorder algo = new Recorder(new CostCritic(4, 1, new int[] {8}, Activation.TANH, 2), 2.0);
        InMemoryLogger log = new InMemoryLogger();
        Trainer trainer = new Trainer(env, policy, algo, ROLLOUT, 5).addLogger(log).episodeCostWindow(7);
        List<Double> expected = new ArrayList<>();
        trainer.addCallback(new Callback() {
            @Override
            public boolean onRolloutEnd(Trainer t) {
                var recent = new ArrayList<>(t.collector().recentEpisodes());
                double sum = 0;
                int k = Math.min(7, recent.size());
                for (int i = recent.size() - k; i < recent.size(); i++) {
                    sum += recent.get(i).costReturns()[0];
                }
                expected.add(k == 0 ? Double.NaN : sum / k);
                return true;
            }
        });
        trainer.learn(64 * 2 * 5);
        assertEquals(expected, algo.observed);
        double violation = 0;
        for (Map<String, Double> row : log.rows()) {
            violation += Math.max(0, row.get("safety/episode_cost") - 2.0);
            assertEquals(violation, row.get("safety/cumulative_violation"), 1e-12);
        }
        assertTrue(log.rows().stream().anyMatch(r -> !r.get("safety/episode_cost").equals(
                algo.observed.get(log.rows().indexOf(r)))), "the window differs from the rollout's mean somewhere");
        assertEquals("cost_window must be in 0..100 (0: the rollout's episodes), got 101",
                assertThrows(IllegalArgumentException.class, () -> trainer.episodeCostWindow(101)).getMessage());
        env.close();
    }

    @Test
    void episodeCostOfARolloutIsTheMeanOverEpisodesThatEndedInIt() {
        VectorEnv env = envs(0.05);
        ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                new int[] {8}, new int[] {8}, Activation.TANH, 0.0, 1);
        RolloutCollector collector = new RolloutCollector(env, policy, 9);
        RolloutBuffer buffer = new RolloutBuffer(200, 2, 4, 1, 1);
        for (int round = 0; round < 3; round++) {
            long before = collector.episodes();
            collector.collect(buffer, 0.99, 0.95);
            int k = collector.rolloutEpisodes();
            assertEquals(collector.episodes() - before, k);
            assertTrue(k > 0 && collector.recentEpisodes().size() < 100);
            // The episodes of this rollout are the last k of the recent ones.
            var recent = new ArrayList<>(collector.recentEpisodes());
            double sum = 0;
            for (int i = recent.size() - k; i < recent.size(); i++) {
                sum += recent.get(i).costReturns()[0];
            }
            assertEquals(sum / k, collector.rolloutEpisodeCost(0), 1e-12);
        }
        assertTrue(collector.rolloutEpisodeCost(0) > 0);
        env.close();
    }

    @Test
    void aConstrainedAlgorithmNeedsAnEnvWithCostsAndOneLimitPerCost() {
        List<RecordEpisodeStatistics> list = List.of(new RecordEpisodeStatistics(new CartPole()));
        SyncVectorEnv plain = new SyncVectorEnv(list);
        plain.reset(0);
        ActorCriticPolicy policy = Policies.actorCritic(plain.singleObservationSpace(), plain.singleActionSpace(),
                new int[] {8}, new int[] {8}, Activation.TANH, 0.0, 1);
        CostCritic critic = new CostCritic(4, 1, new int[] {8}, Activation.TANH, 2);
        assertEquals("a constrained algorithm needs an env with costs (see npg4j envs), not "
                + "SyncVectorEnv", assertThrows(IllegalArgumentException.class,
                () -> new Trainer(plain, policy, new Recorder(critic, 1.0), ROLLOUT.withEnvs(plain.numEnvs()), 0)).getMessage());
        VectorEnv safe = envs(1.0);
        CostCritic two = new CostCritic(4, 2, new int[] {8}, Activation.TANH, 2);
        Recorder wrong = new Recorder(two, 1.0);
        assertEquals("the env reports 1 cost signals, the cost critic has 2",
                assertThrows(IllegalArgumentException.class, () -> new Trainer(safe, policy, wrong, ROLLOUT, 0)).getMessage());
        plain.close();
        safe.close();
    }
}
