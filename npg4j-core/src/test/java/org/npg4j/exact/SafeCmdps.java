package org.npg4j.exact;

import java.util.SplittableRandom;
import org.npg4j.mdp.FiniteMdp;
import org.npg4j.mdp.Garnet;
import org.npg4j.mdp.LinearProgram;
import org.npg4j.mdp.PolicyEvaluation;
import org.npg4j.mdp.TabularPolicy;

/** Random constrained Garnets whose uniform start is strictly safe and whose constraint binds at the optimum. */
final class SafeCmdps {
    private SafeCmdps() {
    }

    /** 5 states, 3 actions, costs U[0,1), limit halfway between the uniform policy's cost and the free optimum's. */
    static FiniteMdp constrainedGarnet(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        FiniteMdp base = new Garnet(5, 3, 3, 0.9, Garnet.RewardDistribution.UNIFORM, seed).generate();
        double[] c = new double[base.pairs()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble();
        }
        FiniteMdp probe = base.toBuilder().cost("c", c, 1e9).build();
        double uniformCost = PolicyEvaluation.evaluate(probe, TabularPolicy.uniform(5, 3)).costReturn(0);
        double freeCost = PolicyEvaluation.evaluate(probe, LinearProgram.solve(base).policy()).costReturn(0);
        double limit = uniformCost < freeCost ? 0.5 * (uniformCost + freeCost) : uniformCost + 0.01;
        return base.toBuilder().cost("c", c, limit).build();
    }
}
