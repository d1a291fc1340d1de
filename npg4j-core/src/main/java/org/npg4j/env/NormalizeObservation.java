package org.npg4j.env;

import org.npg4j.math.StateMap;

/**
 * Normalizes observations by running statistics (Gymnasium's {@code NormalizeObservation}, SB3's
 * {@code VecNormalize(norm_obs=True)}): o ↦ clip((o - μ)/√(σ² + ε), ±clip), with the statistics updated by every
 * observation of reset and step unless {@linkplain #setFrozen frozen} (evaluation). The statistics are exported
 * and imported with {@link #statistics()} and {@link #setStatistics} so that a saved model carries them.
 * Defaults: ε = 1e-8, clip = 10 (SB3's {@code clip_obs}); clip = ∞ gives Gymnasium's unclipped form.
 */
public final class NormalizeObservation extends EnvWrapper {
    private final RunningMeanStd rms;
    private final double epsilon;
    private final double clip;
    private boolean frozen;

    public NormalizeObservation(Env env, double epsilon, double clip) {
        super(env);
        if (!(env.observationSpace() instanceof Box)) {
            throw new IllegalArgumentException(env.id() + ": NormalizeObservation needs a Box observation space, got "
                    + env.observationSpace());
        }
        if (!(epsilon >= 0) || !(clip > 0)) {
            throw new IllegalArgumentException(env.id() + ": NormalizeObservation needs epsilon >= 0 and clip > 0, got "
                    + epsilon + " and " + clip);
        }
        this.rms = new RunningMeanStd(env.observationSpace().dim());
        this.epsilon = epsilon;
        this.clip = clip;
    }

    public NormalizeObservation(Env env) {
        this(env, 1e-8, 10.0);
    }

    @Override
    public Space observationSpace() {
        int[] shape = ((Box) env.observationSpace()).shape();
        return Double.isInfinite(clip)
                ? Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, shape)
                : Box.uniform(-clip, clip, shape);
    }

    /** Stops (true) or resumes (false) updating the statistics. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    public boolean isFrozen() {
        return frozen;
    }

    public RunningMeanStd.Snapshot statistics() {
        return rms.snapshot();
    }

    public void setStatistics(RunningMeanStd.Snapshot s) {
        rms.restore(s);
    }

    /** Adds the running statistics ({@code mean}, {@code var}, {@code count}) and the frozen flag. */
    @Override
    public void writeCheckpoint(StateMap out) {
        super.writeCheckpoint(out);
        RunningMeanStd.writeCheckpoint(rms.snapshot(), out);
        out.putLong("frozen", frozen ? 1 : 0);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        super.readCheckpoint(in);
        rms.restore(RunningMeanStd.readCheckpoint(in, rms.dim()));
        frozen = in.longValue("frozen") != 0;
    }

    @Override
    protected void afterReset(StepResult r) {
        normalize(r.observation());
    }

    @Override
    protected void afterStep(StepResult r) {
        normalize(r.observation());
    }

    private void normalize(double[] o) {
        if (!frozen) {
            rms.update(o);
        }
        for (int i = 0; i < o.length; i++) {
            double z = (o[i] - rms.mean(i)) / Math.sqrt(rms.var(i) + epsilon);
            o[i] = Math.min(Math.max(z, -clip), clip);
        }
    }
}
