package org.npg4j.env;

/**
 * Clips continuous actions into the inner env's {@link Box} before stepping (Gymnasium's {@code ClipAction}); the
 * wrapper's action space is unbounded. NaN actions are still rejected by the inner env.
 */
public final class ClipAction extends EnvWrapper {
    private final Box inner;
    private final Box space;
    private final double[] buffer;

    public ClipAction(Env env) {
        super(env);
        if (!(env.actionSpace() instanceof Box b)) {
            throw new IllegalArgumentException(env.id() + ": ClipAction needs a Box action space, got "
                    + env.actionSpace());
        }
        this.inner = b;
        this.space = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, b.shape());
        this.buffer = new double[b.dim()];
    }

    @Override
    public Space actionSpace() {
        return space;
    }

    @Override
    protected double[] action(double[] action) {
        if (action.length != buffer.length) {
            return action; // the inner env reports the wrong length
        }
        System.arraycopy(action, 0, buffer, 0, buffer.length);
        inner.clipInPlace(buffer);
        return buffer;
    }
}
