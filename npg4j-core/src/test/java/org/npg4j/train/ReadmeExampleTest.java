package org.npg4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.io.TrainedPolicy;
import org.npg4j.mdp.Evaluation;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.Solution;
import org.npg4j.mdp.Solver;
import org.npg4j.mdp.TabularPolicy;

/** The README's Java examples, compiled and run: every code line of the README's java blocks must stand here. */
class ReadmeExampleTest {
    static final Path README = Path.of("..", "README.md");
    static final Path SELF = Path.of("src/test/java/org/npg4j/train/ReadmeExampleTest.java");

    @Test
    void readmeJavaLinesAreTheOnesThisTestRuns() throws Exception {
        List<String> lines = new ArrayList<>();
        boolean inJava = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("```java")) {
                inJava = true;
            } else if (line.startsWith("```")) {
                inJava = false;
            } else if (inJava && !line.isBlank()) {
                lines.add(line.replaceAll("\\s*//.*$", "").strip());
            }
        }
        assertTrue(lines.size() >= 10, "the README has its Java examples: " + lines);
        String self = Files.readString(SELF);
        for (String l : lines) {
            assertTrue(self.contains(l), "README line not compiled by this test: " + l);
        }
    }

    @Test
    void exactLabExample() {
        FiniteMdp mdp = new Garnet(100, 4, 5, 0.9, Garnet.RewardDistribution.UNIFORM, 0).generate();
        Solution best = Solver.solve(mdp, Solver.Method.LP);          // V*, pi*, R*
        Evaluation ev = PolicyEvaluation.evaluate(mdp, TabularPolicy.uniform(100, 4));
        double r = ev.expectedReturn();                               // R(pi) = r . d^pi
        double[] d = ev.stateActionDistribution();                    // d^pi, sums to 1
        assertTrue(best.expectedReturn() >= r);
        assertEquals(1.0, java.util.Arrays.stream(d).sum(), 1e-10);
    }

    @Test
    void trainingExample() throws Exception {
        Env env = Envs.make("CartPole-v1");
        double[] observation = env.reset(0).observation().clone();
        try {
            ObjectNode config = Presets.find("ppo", "CartPole-v1").orElseThrow();
            try (TrainingSetup run = Algorithms.build("ppo", "CartPole-v1", config, /* seed */ 0, /* threads */ 1)) {
                run.learn();                                              // n_timesteps of the preset
                run.save(Path.of("model.npg"));
            }
            TrainedPolicy policy = TrainedPolicy.load(Path.of("model.npg"));
            int action = policy.act(observation);                         // deterministic, normalization applied
            assertTrue(action == 0 || action == 1);
            // The trained policy balances the pole for the whole episode.
            int steps = 0;
            for (var r = env.reset(0); !r.done(); steps++) {
                r = env.step(policy.act(r.observation().clone()));
            }
            assertEquals(500, steps);
        } finally {
            Files.deleteIfExists(Path.of("model.npg"));
        }
    }
}
