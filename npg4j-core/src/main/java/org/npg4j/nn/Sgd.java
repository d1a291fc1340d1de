package org.npg4j.nn;

/** Plain stochastic gradient descent θ ← θ - lr·g; stateless. */
public final class Sgd implements Optimizer {
    @Override
    public void step(double[] parameters, double[] gradient, double learningRate) {
        Adam.checkLengths(parameters, gradient, parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] -= learningRate * gradient[i];
        }
    }

    @Override
    public double[] state() {
        return new double[0];
    }

    @Override
    public void restoreState(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("SGD state has length 0, got " + state.length);
        }
    }
}
