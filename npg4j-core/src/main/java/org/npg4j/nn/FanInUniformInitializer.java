package org.npg4j.nn;

import java.util.random.RandomGenerator;

/**
 * PyTorch's default initialization of {@code nn.Linear}, which Stable-Baselines3 keeps with
 * {@code ortho_init=False}: every weight and every bias of a layer with n_in inputs is drawn from
 * U(-1/√n_in, 1/√n_in). (For the weights PyTorch calls {@code kaiming_uniform_} with a = √5, whose bound
 * gain·√(3/n_in) with gain = √(2/(1 + a²)) is exactly 1/√n_in.) Hidden layers and heads are treated alike.
 */
public final class FanInUniformInitializer {
    private FanInUniformInitializer() {
    }

    /** The bound 1/√n_in of a layer with {@code fanIn} inputs. */
    public static double bound(int fanIn) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("fan-in must be positive, got " + fanIn);
        }
        return 1.0 / Math.sqrt(fanIn);
    }

    /**
     * Writes uniform weights and biases into the network's slice of {@code theta} starting at {@code offset},
     * layer by layer, each layer its weights then its bias, drawing from {@code rng}.
     */
    public static void initialize(Mlp mlp, double[] theta, int offset, RandomGenerator rng) {
        for (int l = 0; l < mlp.layers(); l++) {
            int k = mlp.size(l);
            int n = mlp.size(l + 1);
            fill(theta, offset + mlp.weightOffset(l), k * n, bound(k), rng);
            fill(theta, offset + mlp.biasOffset(l), n, bound(k), rng);
        }
    }

    /** {@code count} draws from U(-bound, bound) into {@code out} from {@code from}. */
    public static void fill(double[] out, int from, int count, double bound, RandomGenerator rng) {
        for (int i = 0; i < count; i++) {
            out[from + i] = bound * (2.0 * rng.nextDouble() - 1.0);
        }
    }
}
