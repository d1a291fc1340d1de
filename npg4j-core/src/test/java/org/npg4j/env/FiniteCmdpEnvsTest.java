package org.npg4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.npg4j.mdp.ConstrainedGarnet;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.Gridworld;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.Solution;

class FiniteCmdpEnvsTest {
    @Test
    void hazardGridIsTheGridworldCmdpWithOneHotObservations() {
        FiniteMdpEnv env = (FiniteMdpEnv) Envs.make("HazardGrid-v0");
        FiniteMdp expected = Gridworld.defaults().withHazards(true, 0.1).generate();
        assertEquals(expected, env.mdp());
        assertEquals(100, env.maxEpisodeSteps());
        assertEquals(1, env.costCount());
        assertEquals(Box.uniform(0.0, 1.0, expected.states()), env.observationSpace());
        assertEquals(new Discrete(4), env.actionSpace());
        FiniteMdp custom = ((FiniteMdpEnv) Envs.make("HazardGrid-v0",
                Map.of("slip", 0.0, "gamma", 0.9, "cost_limit", 0.05))).mdp();
        assertEquals(Gridworld.defaults().withSlip(0.0).withGamma(0.9).withHazards(true, 0.05).generate(), custom);
    }

    @Test
    void hazardGridCostsOneExactlyInHazardCells() {
        FiniteMdpEnv env = (FiniteMdpEnv) Envs.make("HazardGrid-v0");
        FiniteMdp mdp = env.mdp();
        int hazardCells = 0;
        for (int s = 0; s < mdp.states(); s++) {
            // Cell names are "(x,y)" in the layout's reading order.
            String name = mdp.stateNames().get(s);
            String[] xy = name.substring(1, name.length() - 1).split(",");
            char cell = Gridworld.DEFAULT_LAYOUT.split("\n")[Integer.parseInt(xy[1])].charAt(Integer.parseInt(xy[0]));
            hazardCells += cell == 'H' ? 1 : 0;
            for (int a = 0; a < 4; a++) {
                StepResult r = env.setState(new double[] {s}, 0);
                assertEquals(1.0, r.observation()[s]);
                assertEquals(1.0, java.util.Arrays.stream(r.observation()).sum());
                r = env.step(a);
                assertEquals(cell == 'H' ? 1.0 : 0.0, r.costs()[0], "state " + name + " action " + a);
            }
        }
        assertEquals(2, hazardCells);
    }

    @Test
    void hazardGridEpisodeCostsAreUndiscountedVisitCounts() {
        // Without slip, going down column 0 to row 3 and then right crosses the hazard (1,3) once and ends
        // pushing against the east edge at (4,3): one cost per episode.
        Env env = Envs.make("HazardGrid-v0", Map.of("slip", 0.0));
        var downRight = SafetyTestSupport.rollout(env, 3, 0, (rng, o, a) -> a[0] = o[0] == 1 || o[4] == 1
                || o[8] == 1 ? 2 : 1);
        assertEquals(1.0, downRight.meanCost());
        assertEquals(-0.01 * 100, downRight.meanReturn(), 1e-12);
        var random = SafetyTestSupport.rollout(Envs.make("HazardGrid-v0"), 200, 0, (rng, o, a) -> a[0] = rng.nextInt(4));
        assertTrue(random.meanCost() > 0 && random.violatingFraction() > 0.1, random.toString());
    }

    @Test
    void constrainedGarnetCostMixesRewardAndNoise() {
        FiniteMdp pure = new ConstrainedGarnet(10, 3, 2, 0.9, 1.0, 0.3, 5).generate();
        assertArrayEquals(pure.rewards(), pure.cost(0).values(), 0.0, "w = 1: the cost is the reward");
        FiniteMdp noise = new ConstrainedGarnet(10, 3, 2, 0.9, 0.0, 0.3, 5).generate();
        FiniteMdp half = new ConstrainedGarnet(10, 3, 2, 0.9, 0.5, 0.3, 5).generate();
        for (int sa = 0; sa < 30; sa++) {
            double c = noise.cost(0).value(sa);
            assertTrue(c >= 0 && c < 1);
            assertEquals(0.5 * pure.rewards()[sa] + 0.5 * c, half.cost(0).value(sa), 1e-15);
        }
        FiniteMdp garnet = new Garnet(10, 3, 2, 0.9, Garnet.RewardDistribution.UNIFORM, 5).generate();
        assertEquals(garnet, stripCosts(half), "the underlying Garnet is unchanged by the cost stream");
        assertEquals("cost", half.cost(0).name());
        assertEquals(0.3, half.cost(0).limit());
    }

    private static FiniteMdp stripCosts(FiniteMdp m) {
        FiniteMdp.Builder b = FiniteMdp.builder(m.states(), m.actions()).gamma(m.gamma()).initial(m.initialDistribution());
        for (int s = 0; s < m.states(); s++) {
            for (int a = 0; a < m.actions(); a++) {
                b.reward(s, a, m.reward(s, a));
                int sa = m.pair(s, a);
                for (int k = m.rowStart(sa); k < m.rowStart(sa + 1); k++) {
                    b.transition(s, a, m.successor(k), m.probability(k));
                }
            }
        }
        return b.build();
    }

    @Test
    void defaultConstrainedGarnetLimitIsFeasibleAndBinding() {
        FiniteMdpEnv env = (FiniteMdpEnv) Envs.make("ConstrainedGarnet-v0");
        FiniteMdp mdp = env.mdp();
        assertEquals(new ConstrainedGarnet(20, 4, 3, 0.9, 0.5, 0.5, 0).generate(), mdp);
        Solution free = LinearProgram.solve(mdp, false);
        Solution constrained = LinearProgram.solve(mdp, true);
        double freeCost = dot(mdp.cost(0).values(), free.evaluation().stateActionDistribution());
        double optCost = dot(mdp.cost(0).values(), constrained.evaluation().stateActionDistribution());
        assertTrue(freeCost > 0.5, "the unconstrained optimum violates: C = " + freeCost);
        assertEquals(0.5, optCost, 1e-7, "the constrained optimum sits on the limit");
        assertTrue(constrained.expectedReturn() < free.expectedReturn() - 0.01);
        FiniteMdpEnv other = (FiniteMdpEnv) Envs.make("ConstrainedGarnet-v0", Map.of("states", 7, "actions", 2,
                "branching", 2, "gamma", 0.8, "seed", 3, "cost_correlation", 0.0, "cost_limit", 0.4,
                "max_episode_steps", 10));
        assertEquals(new ConstrainedGarnet(7, 2, 2, 0.8, 0.0, 0.4, 3).generate(), other.mdp());
        assertEquals(10, other.maxEpisodeSteps());
    }

    @Test
    void constrainedGarnetEnvSamplesItsCosts() {
        FiniteMdpEnv env = (FiniteMdpEnv) Envs.make("ConstrainedGarnet-v0");
        double[] c = env.mdp().cost(0).values();
        SplittableRandom rng = new SplittableRandom(4);
        env.reset(2);
        for (int t = 0; t < 100; t++) {
            int s = env.currentState();
            int a = rng.nextInt(4);
            assertEquals(c[s * 4 + a], env.step(a).costs()[0]);
        }
    }

    @Test
    void badConstrainedGarnetParametersAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("ConstrainedGarnet-v0", Map.of("cost_correlation", 1.5)));
        assertEquals("garnet cost_correlation 1.5 must be in [0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.make("ConstrainedGarnet-v0", Map.of("branching", 30)));
        assertEquals("garnet branching 30 must be in [1, states=20]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ConstrainedGarnet(5, 2, 2, 0.9, 0.5, Double.NaN, 0));
        assertEquals("garnet cost_limit NaN must be finite", e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
