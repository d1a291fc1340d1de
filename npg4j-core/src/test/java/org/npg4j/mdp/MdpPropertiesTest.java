package org.npg4j.mdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties over random Garnets of random shapes (jqwik shrinks a failure to the smallest MDP). */
class MdpPropertiesTest {
    @Property(tries = 60)
    void jsonRoundTripIsLossless(@ForAll @IntRange(min = 1, max = 12) int states,
                                    @ForAll @IntRange(min = 1, max = 4) int actions,
                                    @ForAll @DoubleRange(min = 0.0, max = 0.99) double gamma,
                                    @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        FiniteMdp mdp = new Garnet(states, actions, 1 + (int) (seed % states), gamma,
                Garnet.RewardDistribution.NORMAL, seed).generate();
        assertEquals(mdp, MdpJson.parse(MdpJson.toJson(mdp), "mem"));
    }

    @Property(tries = 60)
    void expectedReturnHasItsThreeForms(@ForAll @IntRange(min = 1, max = 15) int states,
                                           @ForAll @IntRange(min = 1, max = 4) int actions,
                                           @ForAll @DoubleRange(min = 0.0, max = 0.99) double gamma,
                                           @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        FiniteMdp mdp = new Garnet(states, actions, 1 + (int) (seed % states), gamma,
                Garnet.RewardDistribution.UNIFORM, seed).generate();
        Evaluation ev = PolicyEvaluation.evaluate(mdp, PolicyEvaluationTest.randomPolicy(states, actions, seed));
        double rd = 0, rhoV = 0, mass = 0;
        for (int sa = 0; sa < mdp.pairs(); sa++) {
            rd += mdp.reward(sa / actions, sa % actions) * ev.d(sa / actions, sa % actions);
            mass += ev.d(sa / actions, sa % actions);
        }
        for (int s = 0; s < states; s++) {
            rhoV += mdp.initial(s) * ev.value(s);
        }
        assertEquals(rd, ev.expectedReturn(), 1e-9, "R = r . d");
        assertEquals((1 - gamma) * rhoV, ev.expectedReturn(), 1e-9, "R = (1-gamma) rho . V");
        assertEquals(1.0, mass, 1e-10, "d sums to 1");
    }

    @Property(tries = 40)
    void optimalValueDominatesEveryPolicy(@ForAll @IntRange(min = 1, max = 10) int states,
                                             @ForAll @IntRange(min = 1, max = 4) int actions,
                                             @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        FiniteMdp mdp = new Garnet(states, actions, 1 + (int) (seed % states), 0.9,
                Garnet.RewardDistribution.NORMAL, seed).generate();
        Solution opt = PolicyIteration.solve(mdp);
        Evaluation other = PolicyEvaluation.evaluate(mdp, PolicyEvaluationTest.randomPolicy(states, actions, seed + 1));
        for (int s = 0; s < states; s++) {
            assertTrue(other.value(s) <= opt.evaluation().value(s) + 1e-9, "V* >= V^pi at s=" + s);
        }
    }
}
