package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7})
    void garnetHasExactlyBranchingDistinctSuccessorsAndIsSeeded(int branching) {
        Garnet g = Garnet.of(20, 3, branching, 42);
        FiniteMdp mdp = g.generate();
        for (int sa = 0; sa < mdp.pairs(); sa++) {
            assertEquals(branching, mdp.rowStart(sa + 1) - mdp.rowStart(sa));
        }
        assertEquals(mdp, g.generate());
        assertNotEquals(mdp, Garnet.of(20, 3, branching, 43).generate());
    }

    @Test
    void chainWalksRightOnA1AndResetsOtherwise() {
        FiniteMdp mdp = new ChainMdp(5).generate();
        assertEquals(7, mdp.states());
        assertEquals(5.0 / 6.0, mdp.gamma(), 1e-15);
        for (int s = 0; s <= 5; s++) {
            assertEquals(1.0, mdp.transition(s, 0, s + 1));
            for (int a = 1; a < 4; a++) {
                assertEquals(1.0, mdp.transition(s, a, 0));
            }
        }
        Solution opt = PolicyIteration.solve(mdp);
        double gamma = mdp.gamma();
        assertEquals(Math.pow(gamma, 6) / (1 - gamma), opt.valueRho(), 1e-10, "V*(s0) = gamma^(H+1)/(1-gamma)");
    }

    @Test
    void treeValueIsTheProductOfTheTwoDecisions() {
        FiniteMdp mdp = TreeMdp.of(2.0).generate();
        double p1 = 0.3, p2 = 0.6;
        TabularPolicy pi = TabularPolicy.of(new double[][] {{1 - p1, p1}, {1 - p2, p2}, {0.5, 0.5}});
        assertEquals(p1 * p2 * 2.0, PolicyEvaluation.evaluate(mdp, pi).value(0), 1e-12);
    }

    @Test
    void twoStateCmdpEqualsThePublishedToyFile() throws Exception {
        Path file = Path.of(GeneratorsTest.class.getResource("/cnpg_toy_cmdp.json").toURI());
        assertEquals(TwoStateMdp.constrained(), MdpJson.read(file));
        assertEquals(1.84, LinearProgram.solve(TwoStateMdp.unconstrained()).expectedReturn(), 1e-9);
    }

    @Test
    void gridworldRespectsWallsSlipAndTerminals() {
        Gridworld g = Gridworld.of("S.#\n.TG").withSlip(0.2);
        FiniteMdp mdp = g.generate();
        assertEquals(5, mdp.states(), "walls are not states");
        int start = 0, right = 1, trap = 3, goal = 4;
        // From S moving right: 0.8 right, 0.1 up (wall of the grid: stay), 0.1 down.
        assertEquals(0.8, mdp.transition(start, 1, right), 1e-15);
        assertEquals(0.1, mdp.transition(start, 1, start), 1e-15);
        assertEquals(0.1, mdp.transition(start, 1, 2), 1e-15);
        // (1,0) moving right hits the wall '#' (0.8) or slips up off the grid (0.1): it stays with 0.9.
        assertEquals(0.9, mdp.transition(right, 1, right), 1e-15);
        for (int a = 0; a < 4; a++) {
            assertEquals(1.0, mdp.transition(goal, a, goal));
            assertEquals(1.0, mdp.transition(trap, a, trap));
            assertEquals(0.0, mdp.reward(goal, a));
        }
        // Moving down from (1,0) enters the trap with probability 0.8: -0.01 + 0.8 * (-1).
        assertEquals(-0.01 - 0.8, mdp.reward(right, 2), 1e-12);
        assertEquals("(2,1)", mdp.stateNames().get(goal));
        // On the built-in layout the goal is reachable around the trap and worth reaching.
        assertTrue(PolicyIteration.solve(Gridworld.defaults().generate()).valueRho() > 0.5);
    }

    @Test
    void gridworldHazardsMakeAConstrainedMdp() {
        FiniteMdp mdp = Gridworld.defaults().withHazards(true, 0.05).generate();
        assertEquals(1, mdp.costCount());
        assertEquals("hazard", mdp.cost(0).name());
        Solution constrained = LinearProgram.solve(mdp);
        assertTrue(constrained.evaluation().costReturn(0) <= 0.05 + 1e-9);
    }

    @Test
    void badGridworldLayoutsAreNamed() {
        assertEquals("gridworld needs exactly one start cell S, found 0",
                assertThrows(IllegalArgumentException.class, () -> Gridworld.of("..\n.G")).getMessage());
        assertEquals("gridworld cell (1,0) is 'x', expected one of S . # G T H",
                assertThrows(IllegalArgumentException.class, () -> Gridworld.of("Sx\n.G")).getMessage());
        assertEquals("gridworld row 1 has 1 cells, expected 2",
                assertThrows(IllegalArgumentException.class, () -> Gridworld.of("S.\n.")).getMessage());
    }

    @Test
    void specsNameEveryGenerator() {
        assertEquals(Garnet.of(10, 2, 3, 5).generate(), MdpSpecs.parse("garnet:states=10,actions=2,branching=3,seed=5"));
        assertEquals(new ChainMdp(4).generate(), MdpSpecs.parse("chain:H=4"));
        assertEquals(TreeMdp.of(1).generate(), MdpSpecs.parse("tree"));
        assertEquals(Gridworld.defaults().generate(), MdpSpecs.parse("gridworld"));
        assertEquals(Gridworld.of("S.\n.G").withSlip(0).generate(), MdpSpecs.parse("gridworld:layout=S./.G,slip=0"));
        assertEquals(TwoStateMdp.constrained(), MdpSpecs.parse("two-state-cmdp"));
        assertEquals(new ConstrainedGarnet(10, 2, 3, 0.95, 0.25, 0.4, 5).generate(),
                MdpSpecs.parse("constrained-garnet:states=10,actions=2,branching=3,seed=5,gamma=0.95,"
                        + "cost_correlation=0.25,cost_limit=0.4"));
        assertEquals(MdpSpecs.describe().keySet(), java.util.Set.of("garnet", "constrained-garnet", "chain", "tree",
                "gridworld", "two-state", "two-state-cmdp"));
    }

    @Test
    void specErrorsNameTheProblem() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> MdpSpecs.parse("garnett:states=3")).getMessage();
        assertTrue(unknown.startsWith("unknown MDP generator 'garnett' (closest: garnet"), unknown);
        String key = assertThrows(IllegalArgumentException.class,
                () -> MdpSpecs.parse("garnet:state=3,actions=2,branching=1")).getMessage();
        assertTrue(key.startsWith("garnet: unknown key 'state' (closest: states"), key);
        assertEquals("garnet: missing key branching", assertThrows(IllegalArgumentException.class,
                () -> MdpSpecs.parse("garnet:states=3,actions=2")).getMessage());
        assertEquals("chain: H=x is not an integer", assertThrows(IllegalArgumentException.class,
                () -> MdpSpecs.parse("chain:H=x")).getMessage());
        assertEquals("missing.json: no such file", assertThrows(IllegalArgumentException.class,
                () -> MdpSpecs.parse("missing.json")).getMessage());
    }
}
