package org.npg4j.env;

/**
 * Affinely maps actions from [minAction, maxAction] (per coordinate) onto the inner env's bounded {@link Box}
 * (Gymnasium's {@code RescaleAction}): a ↦ low + (high - low)(a - min)/(max - min), clipped into [low, high].
 */
public final class RescaleAction extends EnvWrapper {
    private final Box inner;
    private final Box space;
    private final double[] buffer;

    public RescaleAction(Env env, double minAction, double maxAction) {
        super(env);
        if (!(env.actionSpace() instanceof Box b) || !b.isBounded()) {
            throw new IllegalArgumentException(env.id() + ": RescaleAction needs a bounded Box action space, got "
                    + env.actionSpace());
        }
        if (!(minAction < maxAction) || !Double.isFinite(minAction) || !Double.isFinite(maxAction)) {
            throw new IllegalArgumentException(env.id() + ": RescaleAction needs finite min < max, got ["
                    + minAction + ", " + maxAction + "]");
        }
        this.inner = b;
        this.space = Box.uniform(minAction, maxAction, b.shape());
        this.buffer = new double[b.dim()];
    }

    @Override
    public Space actionSpace() {
        return space;
    }

    @Override
    protected double[] action(double[] action) {
        if (action.length != buffer.length) {
            return action;
        }
        for (int i = 0; i < buffer.length; i++) {
            double lo = inner.low(i);
            double hi = inner.high(i);
            double min = space.low(i);
            double max = space.high(i);
            double a = lo + (hi - lo) * ((action[i] - min) / (max - min));
            buffer[i] = Math.min(Math.max(a, lo), hi);
        }
        return buffer;
    }
}
