package org.npg4j.policy;

/**
 * State-action features φ(s, a) ∈ R^d of a {@link LogLinearPolicy}, accessed only through the two products the
 * policy needs (so that sparse features such as the tabular indicator cost O(1)).
 */
public interface FeatureMap {
    /** Number of doubles of an observation. */
    int observationSize();

    int actions();

    /** The feature dimension d (= length of θ). */
    int dimension();

    /** θ·φ(s, a) for the observation at {@code obs[obsOffset…]}. */
    double dot(double[] theta, double[] obs, int obsOffset, int action);

    /** out += scale · φ(s, a). */
    void addScaled(double scale, double[] obs, int obsOffset, int action, double[] out);

    /** A user-given dense feature function, writing φ(s, a) into {@code out[0…d)}. */
    @FunctionalInterface
    interface Function {
        void features(double[] obs, int obsOffset, int action, double[] out);
    }

    /** Dense features computed by {@code function}; the returned map keeps a scratch buffer (one thread only). */
    static FeatureMap dense(int observationSize, int actions, int dimension, Function function) {
        if (observationSize < 1 || actions < 1 || dimension < 1) {
            throw new IllegalArgumentException("feature map needs positive sizes, got observation "
                    + observationSize + ", actions " + actions + ", dimension " + dimension);
        }
        double[] phi = new double[dimension];
        return new FeatureMap() {
            @Override
            public int observationSize() {
                return observationSize;
            }

            @Override
            public int actions() {
                return actions;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double dot(double[] theta, double[] obs, int obsOffset, int action) {
                function.features(obs, obsOffset, action, phi);
                double s = 0.0;
                for (int i = 0; i < dimension; i++) {
                    s += theta[i] * phi[i];
                }
                return s;
            }

            @Override
            public void addScaled(double scale, double[] obs, int obsOffset, int action, double[] out) {
                function.features(obs, obsOffset, action, phi);
                for (int i = 0; i < dimension; i++) {
                    out[i] += scale * phi[i];
                }
            }
        };
    }

    /**
     * The tabular indicator φ(s, a) = e_{s·A + a} on one-hot observations of length S, so that θ is laid out like
     * every S×A array in npg4j and π_θ is {@code TabularPolicy.softmax(S, A, θ)}.
     */
    static FeatureMap tabular(int states, int actions) {
        if (states < 1 || actions < 1) {
            throw new IllegalArgumentException("tabular features need positive sizes, got " + states + "x"
                    + actions);
        }
        return new FeatureMap() {
            @Override
            public int observationSize() {
                return states;
            }

            @Override
            public int actions() {
                return actions;
            }

            @Override
            public int dimension() {
                return states * actions;
            }

            @Override
            public double dot(double[] theta, double[] obs, int obsOffset, int action) {
                return theta[state(obs, obsOffset) * actions + action];
            }

            @Override
            public void addScaled(double scale, double[] obs, int obsOffset, int action, double[] out) {
                out[state(obs, obsOffset) * actions + action] += scale;
            }

            private int state(double[] obs, int off) {
                int found = -1;
                for (int s = 0; s < states; s++) {
                    double v = obs[off + s];
                    if (v == 1.0 && found < 0) {
                        found = s;
                    } else if (v != 0.0) {
                        found = -2;
                        break;
                    }
                }
                if (found < 0) {
                    throw new IllegalArgumentException("tabular observation at offset " + off
                            + " is not a one-hot vector of length " + states);
                }
                return found;
            }
        };
    }
}
