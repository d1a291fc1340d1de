package org.npg4j.env;

import org.npg4j.math.StateMap;

/**
 * Scales rewards by the running standard deviation of the discounted return (Gymnasium's {@code NormalizeReward},
 * SB3's {@code VecNormalize(norm_reward=True)}): G ← γG + r, update the variance of G, r ↦ clip(r/√(Var G + ε),
 * ±clip). As SB3, G restarts at 0 after an episode ends (terminated or truncated). The mean is not subtracted.
 * Defaults: γ = 0.99, ε = 1e-8, clip = 10 (SB3's {@code clip_reward}). Statistics can be frozen and exported.
 */
public final class NormalizeReward extends EnvWrapper {
    private final RunningMeanStd rms = new RunningMeanStd(1);
    private final double gamma;
    private final double epsilon;
    private final double clip;
    private double discountedReturn;
    private boolean frozen;

    public NormalizeReward(Env env, double gamma, double epsilon, double clip) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1) || !(epsilon >= 0) || !(clip > 0)) {
            throw new IllegalArgumentException(env.id() + ": NormalizeReward needs gamma in [0, 1], epsilon >= 0 and "
                    + "clip > 0, got " + gamma + ", " + epsilon + ", " + clip);
        }
        this.gamma = gamma;
        this.epsilon = epsilon;
        this.clip = clip;
    }

    public NormalizeReward(Env env) {
        this(env, 0.99, 1e-8, 10.0);
    }

    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public RunningMeanStd.Snapshot statistics() {
        return rms.snapshot();
    }

    public void setStatistics(RunningMeanStd.Snapshot s) {
        rms.restore(s);
    }

    /** Adds the running statistics of the discounted return, the return G itself and the frozen flag. */
    @Override
    public void writeCheckpoint(StateMap out) {
        super.writeCheckpoint(out);
        RunningMeanStd.writeCheckpoint(rms.snapshot(), out);
        out.putDouble("discounted_return", discountedReturn);
        out.putLong("frozen", frozen ? 1 : 0);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        super.readCheckpoint(in);
        rms.restore(RunningMeanStd.readCheckpoint(in, 1));
        discountedReturn = in.doubleValue("discounted_return");
        frozen = in.longValue("frozen") != 0;
    }

    @Override
    protected void afterReset(StepResult r) {
        discountedReturn = 0.0;
    }

    @Override
    protected void afterStep(StepResult r) {
        discountedReturn = discountedReturn * gamma + r.reward();
        if (!frozen) {
            rms.update(discountedReturn);
        }
        double scaled = r.reward() / Math.sqrt(rms.var(0) + epsilon);
        r.setReward(Math.min(Math.max(scaled, -clip), clip));
        if (r.done()) {
            discountedReturn = 0.0;
        }
    }
}
