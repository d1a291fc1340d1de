package org.npg4j.nn;

/**
 * Element-wise activation functions of an {@link Mlp} layer. Each derivative is expressed through the activation's
 * <em>output</em> y = f(z), so that the reverse and forward passes need only the stored layer outputs.
 */
public enum Activation {
    /** The hyperbolic tangent, computed by {@link FastTanh} (error documented there); f'(z) = 1 - y². */
    TANH {
        @Override
        public double apply(double z) {
            return FastTanh.tanh(z);
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1.0 - y * y;
        }
    },
    /** max(0, z); the derivative at 0 is taken as 0 (PyTorch's convention). */
    RELU {
        @Override
        public double apply(double z) {
            return z > 0.0 ? z : 0.0;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return y > 0.0 ? 1.0 : 0.0;
        }
    },
    /** The identity, for output layers (logits, means, values). */
    IDENTITY {
        @Override
        public double apply(double z) {
            return z;
        }

        @Override
        public double derivativeFromOutput(double y) {
            return 1.0;
        }
    };

    /** f(z). */
    public abstract double apply(double z);

    /** f'(z) written as a function of y = f(z). */
    public abstract double derivativeFromOutput(double y);
}
