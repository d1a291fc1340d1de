package org.npg4j.nn;

/**
 * Adam with PyTorch's semantics (Kingma and Ba 2015, Algorithm 1 with ε outside the square root):
 * m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², t ← t + 1,
 * θ ← θ - (lr / (1 - β1^t)) · m / (√v / √(1 - β2^t) + ε).
 * Defaults β1 = 0.9, β2 = 0.999, ε = 1e-8 (PyTorch); SB3's PPO passes ε = 1e-5. State: [t, m…, v…].
 */
public final class Adam implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;
    private long t;

    public Adam(int parameterCount, double beta1, double beta2, double epsilon) {
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameter count must be non-negative, got " + parameterCount);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Adam beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("Adam eps must be non-negative, got " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[parameterCount];
        this.v = new double[parameterCount];
    }

    /** PyTorch's defaults with the given ε. */
    public Adam(int parameterCount, double epsilon) {
        this(parameterCount, 0.9, 0.999, epsilon);
    }

    @Override
    public void step(double[] parameters, double[] gradient, double learningRate) {
        checkLengths(parameters, gradient, m.length);
        t++;
        double bias1 = 1.0 - Math.pow(beta1, t);
        double sqrtBias2 = Math.sqrt(1.0 - Math.pow(beta2, t));
        double stepSize = learningRate / bias1;
        // Three loops with one stored array each, which C2 vectorizes (one loop storing three arrays it does not).
        for (int i = 0; i < m.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * gradient[i];
        }
        for (int i = 0; i < v.length; i++) {
            double g = gradient[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        }
        for (int i = 0; i < m.length; i++) {
            parameters[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / sqrtBias2 + epsilon);
        }
    }

    public long stepCount() {
        return t;
    }

    @Override
    public double[] state() {
        double[] s = new double[1 + 2 * m.length];
        s[0] = t;
        System.arraycopy(m, 0, s, 1, m.length);
        System.arraycopy(v, 0, s, 1 + m.length, v.length);
        return s;
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != 1 + 2 * m.length) {
            throw new IllegalArgumentException("Adam state has length " + (1 + 2 * m.length) + ", got "
                    + state.length);
        }
        if (!(state[0] >= 0) || state[0] != Math.rint(state[0])) {
            throw new IllegalArgumentException("Adam step count must be a non-negative integer, got " + state[0]);
        }
        t = (long) state[0];
        System.arraycopy(state, 1, m, 0, m.length);
        System.arraycopy(state, 1 + m.length, v, 0, v.length);
    }

    static void checkLengths(double[] parameters, double[] gradient, int expected) {
        if (parameters.length != expected || gradient.length != expected) {
            throw new IllegalArgumentException("optimizer expects " + expected + " parameters and gradients, got "
                    + parameters.length + " and " + gradient.length);
        }
    }
}
