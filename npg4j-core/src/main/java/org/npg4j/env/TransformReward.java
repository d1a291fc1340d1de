package org.npg4j.env;

import java.util.function.DoubleUnaryOperator;

/** Applies a function to every reward (Gymnasium's {@code TransformReward}), e.g. {@code r -> 0.01 * r}. */
public final class TransformReward extends EnvWrapper {
    private final DoubleUnaryOperator f;

    public TransformReward(Env env, DoubleUnaryOperator f) {
        super(env);
        this.f = f;
    }

    @Override
    protected void afterStep(StepResult r) {
        r.setReward(f.applyAsDouble(r.reward()));
    }
}
