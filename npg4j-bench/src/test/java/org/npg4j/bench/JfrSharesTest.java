package org.npg4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrSharesTest {
    private static final String LEARN = "org.npg4j.train.Trainer.learn";

    @Test
    void envFramesUnderRolloutCollectionAreEnvStepping() {
        assertEquals("rollout: env stepping", JfrShares.phase(List.of("org.jbox2d.dynamics.World.step",
                "org.npg4j.env.LunarLander.advance", "org.npg4j.train.RolloutCollector.collect", LEARN)));
        assertEquals("rollout: policy forward and buffer", JfrShares.phase(List.of(
                "org.npg4j.nn.VectorGemm.combineRows", "org.npg4j.nn.Mlp.forward",
                "org.npg4j.train.RolloutCollector.collect", LEARN)));
    }

    @Test
    void ppoPhasesFollowTheInnermostMatchingCall() {
        List<String> backward = List.of("org.npg4j.nn.VectorGemm.outerBlock", "org.npg4j.nn.Mlp.backward",
                "org.npg4j.policy.ActorCriticPolicy.gradientOfLastEvaluation", "org.npg4j.algo.PpoLoss.evaluate",
                "org.npg4j.algo.Ppo.train", LEARN);
        assertEquals("update: backward", JfrShares.phase(backward));
        assertEquals("update: forward", JfrShares.phase(List.of("org.npg4j.nn.FastTanh.tanhInPlace",
                "org.npg4j.nn.Mlp.forward", "org.npg4j.algo.Ppo.train", LEARN)));
        assertEquals("update: Adam", JfrShares.phase(List.of("org.npg4j.nn.Adam.step", "org.npg4j.algo.Ppo.train")));
    }

    @Test
    void trpoSeparatesCriticConjugateGradientAndLineSearch() {
        assertEquals("conjugate gradient: Fisher-vector products", JfrShares.phase(List.of(
                "org.npg4j.nn.Mlp.jacobianVectorProduct",
                "org.npg4j.policy.ActorCriticPolicy.lambda$fisherOperator$0",
                "org.npg4j.math.ConjugateGradient.solve", "org.npg4j.algo.Trpo.train", LEARN)));
        assertEquals("conjugate gradient: vector updates", JfrShares.phase(List.of(
                "org.npg4j.math.ConjugateGradient.solve", "org.npg4j.algo.Trpo.train")));
        assertEquals("critic: backward", JfrShares.phase(List.of("org.npg4j.nn.Mlp.backward",
                "org.npg4j.policy.ActorCriticPolicy.valueGradient", "org.npg4j.algo.CriticFit.fit",
                "org.npg4j.algo.Trpo.train")));
        assertEquals("line search (forward)", JfrShares.phase(List.of("org.npg4j.nn.Mlp.forward",
                "org.npg4j.algo.NaturalGradient.surrogateAndKl", "org.npg4j.algo.Trpo.train")));
    }

    @Test
    void otherAlgorithmsAndTheRestOfTheRunAreNamed() {
        assertEquals("update (A2c.train)", JfrShares.phase(List.of("org.npg4j.nn.Mlp.forward",
                "org.npg4j.algo.A2c.train", LEARN)));
        assertEquals("trainer: GAE, logging", JfrShares.phase(List.of(
                "org.npg4j.rollout.RolloutBuffer.computeReturnsAndAdvantage", LEARN)));
        assertEquals("outside learn (setup, evaluation)", JfrShares.phase(List.of(
                "org.npg4j.train.EpisodeEvaluation.evaluate")));
    }

    @Test
    void leafKinds() {
        assertEquals("matrix kernels", JfrShares.leaf("org.npg4j.nn.VectorGemm.rowsBlock"));
        assertEquals("matrix kernels", JfrShares.leaf("org.npg4j.nn.Gemm.dots"));
        assertEquals("tanh", JfrShares.leaf("org.npg4j.nn.FastTanh.tanhInPlace"));
        assertEquals("activation derivatives", JfrShares.leaf("org.npg4j.nn.Mlp.multiplyByDerivative"));
        assertEquals("env", JfrShares.leaf("org.jbox2d.dynamics.Island.solve"));
        assertEquals("other: LogSumExp.logSumExp", JfrShares.leaf("org.npg4j.math.LogSumExp.logSumExp"));
        assertTrue(JfrShares.leaf("jdk.incubator.vector.DoubleVector.fma").startsWith("Vector API internals"));
    }

    @Test
    void aMissingRecordingIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("none.jfr");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JfrShares.main(new String[] {missing.toString()}));
        assertTrue(e.getMessage().contains("none.jfr"), e.getMessage());
    }
}
