package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.npg4j.algo.Ppo;
import org.npg4j.algo.PpoConfig;
import org.npg4j.env.Envs;
import org.npg4j.env.RecordEpisodeStatistics;
import org.npg4j.env.SyncVectorEnv;
import org.npg4j.env.VectorEnv;
import org.npg4j.nn.Activation;
import org.npg4j.nn.Schedule;
import org.npg4j.policy.ActorCriticPolicy;
import org.npg4j.policy.Policies;

class PpoCartPoleTest {
    @Test
    void zooPresetSolvesCartPole() {
        long seed = 0;
        VectorEnv env = SyncVectorEnv.of(() -> new RecordEpisodeStatistics(Envs.make("CartPole-v1")), 8);
        env.reset(seed);
        ActorCriticPolicy policy = Policies.actorCritic(env.singleObservationSpace(), env.singleActionSpace(),
                new int[] {64, 64}, new int[] {64, 64}, Activation.TANH, 0.0, seed);
        PpoConfig cfg = PpoConfig.builder().nSteps(32).batchSize(256).gaeLambda(0.8).gamma(0.98).nEpochs(20)
                .learningRate(Schedule.linear(0.001)).clipRange(Schedule.linear(0.2)).build();
        long t0 = System.nanoTime();
        Trainer trainer = new Trainer(env, policy, new Ppo(cfg, policy, seed + 1), seed + 2);
        trainer.learn(100_000);
        double secs = (System.nanoTime() - t0) * 1e-9;
        PolicyEvaluation.Result r = PolicyEvaluation.evaluate(policy, Envs.make("CartPole-v1"), 20, true, 1000);
        System.out.println("PPO CartPole: " + r + " in " + secs + " s, last " + trainer.lastMetrics());
        assertTrue(r.meanReturn() >= 475, r.toString());
    }
}
