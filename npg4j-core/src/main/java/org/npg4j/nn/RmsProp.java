package org.npg4j.nn;

/**
 * RMSprop with PyTorch's semantics, as SB3's A2C uses it (α = 0.99, ε = 1e-5): v ← α v + (1-α) g²,
 * θ ← θ - lr · g / (√v + ε). Note ε is added <em>after</em> the square root (TensorFlow adds it inside, which
 * SB3 reproduces only with its {@code RMSpropTFLike}), and there is no bias correction. State: [v…].
 */
public final class RmsProp implements Optimizer {
    private final double alpha;
    private final double epsilon;
    private final double[] v;

    public RmsProp(int parameterCount, double alpha, double epsilon) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("RMSprop alpha must be in [0, 1), got " + alpha);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("RMSprop eps must be non-negative, got " + epsilon);
        }
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.v = new double[parameterCount];
    }

    /** SB3 A2C's setting: α = 0.99, ε = 1e-5. */
    public static RmsProp a2cDefaults(int parameterCount) {
        return new RmsProp(parameterCount, 0.99, 1e-5);
    }

    @Override
    public void step(double[] parameters, double[] gradient, double learningRate) {
        Adam.checkLengths(parameters, gradient, v.length);
        for (int i = 0; i < v.length; i++) {
            double g = gradient[i];
            v[i] = alpha * v[i] + (1 - alpha) * g * g;
            parameters[i] -= learningRate * g / (Math.sqrt(v[i]) + epsilon);
        }
    }

    @Override
    public double[] state() {
        return v.clone();
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != v.length) {
            throw new IllegalArgumentException("RMSprop state has length " + v.length + ", got " + state.length);
        }
        System.arraycopy(state, 0, v, 0, v.length);
    }
}
