package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.algo.Trpo;
import org.npg4j.algo.TrpoConfig;
import org.npg4j.env.Envs;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.VectorEnv;
import org.npg4j.nn.Activation;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Policies;

class TrpoCartPoleTest {
    /** rl-baselines3-zoo's trpo.yml for CartPole-v1 (2 envs, n_steps 512, ...), 1e5 steps, as published: 500. */
    @Test
    void zooPresetSolvesCartPole() {
        long seed = 0;
        VectorEnv env = SyncVectorEnv.of(() -> new RecordEpisodeStatistics(Envs.make("CartPole-v1")), 2);
        env.reset(seed);
        ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                new int[] {64, 64}, new int[] {64, 64}, Activation.TANH, 0.0, seed);
        TrpoConfig cfg = TrpoConfig.builder().nSteps(512).batchSize(512).cgDamping(1e-3).gaeLambda(0.98).gamma(0.99)
                .learningRate(1e-3).nCriticUpdates(20).build();
        long t0 = System.nanoTime();
        Trainer trainer = new Trainer(env, policy, new Trpo(cfg, policy, 512 * 2, seed + 1), seed + 2);
        trainer.learn(100_000);
        double secs = (System.nanoTime() - t0) * 1e-9;
        PolicyEvaluation.Result r = PolicyEvaluation.evaluate(policy, Envs.make("CartPole-v1"), 20, true, 1000);
        System.out.println("TRPO CartPole: " + r + " in " + secs + " s, last " + trainer.lastMetrics());
        assertTrue(r.meanReturn() >= 475, r.toString());
    }
}
