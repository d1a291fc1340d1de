package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.env.Env;
import org.npg4j.io.CheckpointFile;
import org.npg4j.io.ModelFile;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.math.StateMap;

/**
 * Evaluation during training: it leaves the trained parameters untouched, its rows fall at the multiples of the
 * zoo's period, best_model.npg is the policy of the best row, the reward threshold stops training, and a resumed
 * run writes the same rows as an uninterrupted one.
 */
class EvaluationCallbackTest {
    /** Three envs, 32 steps each: 96 env steps per update; observation normalization on. */
    private static final String CONFIG = "n_envs: 3\nn_steps: 32\nbatch_size: 32\nn_epochs: 2\nnormalize: true\n";
    private static final long TOTAL = 7 * 96;

    @TempDir
    Path tmp;

    private static TrainingSetup build(long seed) {
        return Algorithms.build("ppo", "CartPole-v1", (ObjectNode) ConfigLayers.parse(CONFIG, "test"), seed, 1);
    }

    @Test
    void evaluationLeavesTheTrainedParametersUnchanged() {
        double[] without;
        try (TrainingSetup a = build(3)) {
            a.learn(TOTAL);
            without = a.policy().parameters().clone();
        }
        try (TrainingSetup b = build(3)) {
            EvaluationCallback eval = new EvaluationCallback(b, EvaluationCallback.Settings.every(50).stochastic(),
                    null);
            b.trainer().addCallback(eval);
            b.learn(TOTAL);
            assertEquals(14, eval.rows().size());
            assertArrayEquals(without, b.policy().parameters(), "evaluation changed the training run");
        }
    }

    @Test
    void rowsFallAtTheMultiplesOfTheZooPeriod() {
        try (TrainingSetup s = build(3)) {
            // The zoo passes eval_freq // n_envs = 33 vector steps to SB3: every 99 env steps.
            EvaluationCallback eval = new EvaluationCallback(s, EvaluationCallback.Settings.every(100), null);
            EvaluationCallback twice = new EvaluationCallback(s, EvaluationCallback.Settings.every(48), null);
            s.trainer().addCallback(eval);
            s.learn(TOTAL);
            assertEquals(99, eval.period());
            assertEquals(List.of(99L, 198L, 297L, 396L, 495L, 594L),
                    eval.rows().stream().map(EvaluationCallback.Row::timesteps).toList());
            assertEquals(48, twice.period());
        }
        try (TrainingSetup s = build(3)) {
            // A period shorter than a rollout: every multiple crossed gets its own row, with new episodes.
            EvaluationCallback eval = new EvaluationCallback(s, EvaluationCallback.Settings.every(50), null);
            s.trainer().addCallback(eval);
            s.learn(2 * 96);
            List<EvaluationCallback.Row> rows = eval.rows();
            assertEquals(List.of(48L, 96L, 144L, 192L), rows.stream().map(EvaluationCallback.Row::timesteps).toList());
            long s0 = s.seeds().periodicEvaluation();
            assertEquals(List.of(s0, s0 + 5, s0 + 10, s0 + 15),
                    rows.stream().map(EvaluationCallback.Row::episodeSeed).toList());
        }
    }

    @Test
    void bestModelIsThePolicyOfTheBestRowAndReplaysIt() throws Exception {
        try (TrainingSetup s = build(1)) {
            List<double[]> evaluated = new ArrayList<>();
            EvaluationCallback eval = new EvaluationCallback(s, EvaluationCallback.Settings.every(96).withEpisodes(3),
                    tmp).onEvaluation(r -> evaluated.add(s.policy().parameters().clone()));
            s.trainer().addCallback(eval);
            s.learn(12 * 96);
            List<EvaluationCallback.Row> rows = eval.rows();
            assertEquals(12, rows.size());
            int best = 0;
            for (int j = 1; j < rows.size(); j++) {
                if (rows.get(j).meanReturn() > rows.get(best).meanReturn()) {
                    best = j;
                }
            }
            assertTrue(best > 0, "training improved on the first evaluation: " + eval.csv());
            assertEquals(rows.get(best), eval.best().orElseThrow());
            ModelFile.Model model = ModelFile.read(tmp.resolve(EvaluationCallback.BEST_MODEL));
            assertArrayEquals(evaluated.get(best), model.parameters());
            // The model file (with its frozen statistics) replays the row from its episode seed.
            TrainedPolicy p = TrainedPolicy.of(model);
            try (Env env = p.evaluationEnv()) {
                EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(p.network(), env, 3, true,
                        rows.get(best).episodeSeed());
                assertEquals(rows.get(best).meanReturn(), r.meanReturn());
                assertEquals(rows.get(best).meanLength(), r.meanLength());
            }
            List<String> lines = Files.readAllLines(tmp.resolve(EvaluationCallback.CSV));
            assertEquals("timesteps,mean_return,std_return,mean_length,episode_seed", lines.get(0));
            assertEquals(13, lines.size());
            assertEquals(96 * (best + 1) + "," + rows.get(best).meanReturn(),
                    lines.get(best + 1).split(",")[0] + "," + lines.get(best + 1).split(",")[1]);
        }
    }

    @Test
    void constrainedRunsReportTheMeanEpisodeCost() throws Exception {
        ObjectNode cfg = (ObjectNode) ConfigLayers.parse("n_envs: 2\nn_steps: 64\nbatch_size: 64\nn_epochs: 2\n"
                + "cost_limit: 1\n", "test");
        try (TrainingSetup s = Algorithms.build("ppo-lag", "CartPoleSafe-v0", cfg, 0, 1)) {
            EvaluationCallback eval = new EvaluationCallback(s, EvaluationCallback.Settings.every(128).withEpisodes(4),
                    tmp);
            s.trainer().addCallback(eval);
            s.learn(3 * 128);
            assertEquals("timesteps,mean_return,std_return,mean_length,mean_cost,episode_seed",
                    Files.readAllLines(tmp.resolve(EvaluationCallback.CSV)).get(0));
            EvaluationCallback.Row best = eval.best().orElseThrow();
            TrainedPolicy p = TrainedPolicy.load(tmp.resolve(EvaluationCallback.BEST_MODEL));
            try (Env env = p.evaluationEnv()) {
                EpisodeEvaluation.Result r = EpisodeEvaluation.evaluate(p.network(), env, 4, true, best.episodeSeed());
                assertArrayEquals(r.meanCosts(), best.meanCosts());
                assertEquals(1, best.meanCosts().length);
            }
        }
    }

    @Test
    void rewardThresholdStopsTrainingAfterTheUpdate() {
        try (TrainingSetup s = build(2)) {
            // Every CartPole episode earns at least 1: the first evaluation, at 150 (in the second rollout), stops.
            EvaluationCallback eval = new EvaluationCallback(s, EvaluationCallback.Settings.every(150).stopAtReward(1),
                    null);
            s.trainer().addCallback(eval);
            s.learn(TOTAL);
            assertTrue(eval.thresholdReached());
            assertEquals(1, eval.rows().size());
            assertEquals(150, eval.rows().get(0).timesteps());
            assertEquals(2 * 96, s.trainer().timesteps(), "training ends with the update of that rollout");
            assertEquals(2, s.trainer().iterations());
        }
        try (TrainingSetup s = build(2)) {
            EvaluationCallback eval = new EvaluationCallback(s, EvaluationCallback.Settings.every(150)
                    .stopAtReward(1e6), null);
            s.trainer().addCallback(eval);
            s.learn(TOTAL);
            assertFalse(eval.thresholdReached());
            assertEquals(TOTAL, s.trainer().timesteps());
        }
    }

    @Test
    void resumedRunWritesTheSameRowsAndBestModel() throws Exception {
        EvaluationCallback.Settings settings = EvaluationCallback.Settings.every(120).withEpisodes(2).stochastic();
        Path a = Files.createDirectories(tmp.resolve("a"));
        double[] uninterrupted;
        try (TrainingSetup s = build(4)) {
            s.trainer().addCallback(new EvaluationCallback(s, settings, a));
            s.learn(TOTAL);
            uninterrupted = s.policy().parameters().clone();
        }
        for (boolean addedFirst : new boolean[] {true, false}) {
            Path b = Files.createDirectories(tmp.resolve("b" + addedFirst));
            StateMap state = new StateMap();
            try (TrainingSetup s = build(4)) {
                s.trainer().addCallback(new EvaluationCallback(s, settings, b));
                s.learn(4 * 96);
                s.trainer().writeCheckpoint(state);
                s.learn(5 * 96); // evaluations after the checkpoint, as by a run killed later
            }
            try (TrainingSetup s = build(4)) {
                EvaluationCallback eval = new EvaluationCallback(s, settings, b);
                if (addedFirst) {
                    s.trainer().addCallback(eval);
                }
                s.trainer().readCheckpoint(state);
                if (!addedFirst) {
                    s.trainer().addCallback(eval);
                }
                assertEquals(3, eval.rows().size(), "the rows up to the checkpoint, at 120, 240 and 360");
                assertEquals(3, Files.readAllLines(b.resolve(EvaluationCallback.CSV)).size() - 1);
                s.learn(TOTAL);
                assertArrayEquals(uninterrupted, s.policy().parameters());
            }
            assertEquals(Files.readString(a.resolve(EvaluationCallback.CSV)),
                    Files.readString(b.resolve(EvaluationCallback.CSV)));
            assertArrayEquals(Files.readAllBytes(a.resolve(EvaluationCallback.BEST_MODEL)),
                    Files.readAllBytes(b.resolve(EvaluationCallback.BEST_MODEL)));
        }
    }

    @Test
    void checkpointFileBeforeTheFirstEvaluationResumes() {
        EvaluationCallback.Settings settings = EvaluationCallback.Settings.every(200);
        List<EvaluationCallback.Row> uninterrupted;
        try (TrainingSetup s = build(5)) {
            EvaluationCallback eval = new EvaluationCallback(s, settings, null);
            s.trainer().addCallback(eval);
            s.learn(TOTAL);
            uninterrupted = eval.rows();
        }
        byte[] file;
        try (TrainingSetup s = build(5)) {
            s.trainer().addCallback(new EvaluationCallback(s, settings, null));
            s.learn(96);
            file = CheckpointFile.encode(s.checkpoint());
        }
        try (TrainingSetup s = build(5)) {
            s.restore(CheckpointFile.decode(file, "test"), "test");
            EvaluationCallback eval = new EvaluationCallback(s, settings, null);
            s.trainer().addCallback(eval);
            assertTrue(eval.best().isEmpty());
            s.learn(TOTAL);
            assertEquals(uninterrupted.stream().map(EvaluationCallback.Row::meanReturn).toList(),
                    eval.rows().stream().map(EvaluationCallback.Row::meanReturn).toList());
            assertEquals(List.of(198L, 396L, 594L),
                    eval.rows().stream().map(EvaluationCallback.Row::timesteps).toList());
        }
    }

    @Test
    void checkpointOfOtherEvaluationSettingsIsRefused() {
        StateMap state = new StateMap();
        try (TrainingSetup s = build(4)) {
            s.trainer().addCallback(new EvaluationCallback(s, EvaluationCallback.Settings.every(120), null));
            s.learn(2 * 96);
            s.trainer().writeCheckpoint(state);
        }
        try (TrainingSetup s = build(4)) {
            s.trainer().readCheckpoint(state);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.trainer()
                    .addCallback(new EvaluationCallback(s, EvaluationCallback.Settings.every(60), null)));
            assertEquals("the checkpoint evaluates 5 episodes every 120 env steps, this run 5 every 60",
                    e.getMessage());
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EvaluationCallback.Settings.every(0));
        assertThrows(IllegalArgumentException.class, () -> EvaluationCallback.Settings.every(10).withEpisodes(0));
        assertThrows(IllegalArgumentException.class,
                () -> EvaluationCallback.Settings.every(10).stopAtReward(Double.POSITIVE_INFINITY));
    }
}
