package org.npg4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.npg4j.nn.Activation;
import org.npg4j.nn.Mlp;

/** SB3's {@code ortho_init}: orthogonal by default, PyTorch's nn.Linear default with {@code orthoInit(false)}. */
class OrthoInitTest {
    private static ActorCriticPolicy gaussian(boolean ortho, long seed) {
        return ActorCriticPolicy.builder(11).continuous(3).piLayers(256, 256).vfLayers(256, 256)
                .activation(Activation.RELU).logStdInit(-2.0).orthoInit(ortho).seed(seed).build();
    }

    /** The largest |θ_i| over one layer's weights, and whether its bias is all zero. */
    private static double maxAbs(double[] theta, int from, int count) {
        double m = 0;
        for (int i = from; i < from + count; i++) {
            m = Math.max(m, Math.abs(theta[i]));
        }
        return m;
    }

    @Test
    void withoutOrthoInitEveryLayerIsUniformInItsFanInBoundAndLogStdIsItsInit() {
        ActorCriticPolicy p = gaussian(false, 3);
        double[] theta = p.parameters();
        Mlp actor = Mlp.of(11, new int[] {256, 256}, Activation.RELU, 3);
        Mlp critic = Mlp.of(11, new int[] {256, 256}, Activation.RELU, 1);
        int criticOffset = actor.parameterCount() + 3;
        assertEquals(criticOffset + critic.parameterCount(), p.parameterCount());
        for (int[] net : new int[][] {{0, 0}, {1, criticOffset}}) {
            Mlp mlp = net[0] == 0 ? actor : critic;
            for (int l = 0; l < mlp.layers(); l++) {
                int k = mlp.size(l);
                int n = mlp.size(l + 1);
                double bound = 1.0 / Math.sqrt(k);
                double w = maxAbs(theta, net[1] + mlp.weightOffset(l), k * n);
                double b = maxAbs(theta, net[1] + mlp.biasOffset(l), n);
                String where = (net[0] == 0 ? "actor" : "critic") + " layer " + l;
                assertTrue(w <= bound && w > 0.9 * bound, where + " weights reach " + w + " of ±" + bound);
                assertTrue(b <= bound && b > 0, where + " bias reaches " + b + " of ±" + bound);
            }
        }
        for (int i = actor.parameterCount(); i < criticOffset; i++) {
            assertEquals(-2.0, theta[i]);
        }
        // The action head is not the orthogonal 0.01-gain head: its weights are of order 1/√256.
        int head = actor.layers() - 1;
        assertTrue(maxAbs(theta, actor.weightOffset(head), 256 * 3) > 0.05);
    }

    @Test
    void withoutOrthoInitTheInitIsDifferentButDeterministic() {
        double[] uniform = gaussian(false, 5).parameters();
        assertArrayEquals(uniform, gaussian(false, 5).parameters());
        assertFalse(Arrays.equals(uniform, gaussian(false, 6).parameters()));
        double[] ortho = gaussian(true, 5).parameters();
        assertFalse(Arrays.equals(uniform, ortho));
        // The default is orthogonal: the builder without orthoInit gives the same θ as orthoInit(true).
        double[] byDefault = ActorCriticPolicy.builder(11).continuous(3).piLayers(256, 256).vfLayers(256, 256)
                .activation(Activation.RELU).logStdInit(-2.0).seed(5).build().parameters();
        assertArrayEquals(ortho, byDefault);
    }

    @Test
    void aSharedTrunkWithoutOrthoInitDrawsItsHeadsUniformlyToo() {
        ActorCriticPolicy p = ActorCriticPolicy.builder(4).discrete(2).sharedLayers(32).orthoInit(false).seed(1)
                .build();
        Mlp trunk = Mlp.of(4, new int[] {32}, Activation.TANH, 3);
        double[] theta = p.parameters();
        assertTrue(maxAbs(theta, trunk.biasOffset(1), 3) > 0, "heads' biases are drawn");
        assertTrue(maxAbs(theta, trunk.weightOffset(1), 32 * 3) <= 1.0 / Math.sqrt(32));
    }

    @Test
    void costCriticsFollowOrthoInit() {
        CostCritic ortho = new CostCritic(5, 2, new int[] {64, 64}, Activation.TANH, 9);
        CostCritic sameOrtho = new CostCritic(5, 2, new int[] {64, 64}, Activation.TANH, true, 9);
        CostCritic uniform = new CostCritic(5, 2, new int[] {64, 64}, Activation.TANH, false, 9);
        assertArrayEquals(ortho.parameters(), sameOrtho.parameters());
        assertArrayEquals(uniform.parameters(), new CostCritic(5, 2, new int[] {64, 64}, Activation.TANH, false, 9)
                .parameters());
        Mlp net = uniform.network();
        double[] theta = uniform.parameters();
        for (int i = 0; i < 2; i++) {
            int base = i * net.parameterCount();
            assertTrue(maxAbs(theta, base + net.biasOffset(0), 64) > 0, "critic " + i + " bias drawn");
            assertTrue(maxAbs(theta, base + net.weightOffset(0), 5 * 64) <= 1.0 / Math.sqrt(5));
            assertEquals(0.0, maxAbs(ortho.parameters(), base + net.biasOffset(0), 64), "orthogonal: zero bias");
        }
    }
}
