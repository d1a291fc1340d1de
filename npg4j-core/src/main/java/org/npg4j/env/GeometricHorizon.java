package org.npg4j.env;

import java.util.SplittableRandom;
import org.npg4j.math.RandomState;
import org.npg4j.math.StateMap;

/**
 * Truncates each step with probability 1 − γ, independently of everything else, so that episode lengths are
 * geometric with mean 1/(1 − γ). Step k is then part of the episode with probability γ^k, and for any per-step
 * quantity x (reward, cost) the expected <em>undiscounted</em> episode sum equals the γ-discounted sum of the
 * untruncated process: E[Σ_{k&lt;T} x_k] = Σ_k γ^k E[x_k]. For a finite CMDP run from ρ this makes the mean episode
 * cost an unbiased estimate of V_c(ρ) = C(π)/(1 − γ) with C(π) = c·d^π the normalized discounted cost of the exact
 * lab, so a per-episode limit b/(1 − γ) is exactly the LP's limit b on c·d^π (and likewise for the return). The
 * truncation is a time-out, not a termination: the collector bootstraps the last state, so the critics still
 * estimate the γ-discounted values.
 *
 * <p>The wrapper's generator is seeded from the reset seed (a stream of its own) and checkpointed with the env.
 */
public final class GeometricHorizon extends EnvWrapper {
    private final double gamma;
    private SplittableRandom rng;
    private boolean ended;

    /** @param gamma the continuation probability γ ∈ [0, 1) */
    public GeometricHorizon(Env env, double gamma) {
        super(env);
        if (!(gamma >= 0 && gamma < 1)) {
            throw new IllegalArgumentException(env.id() + ": GeometricHorizon gamma must be in [0, 1), got " + gamma);
        }
        this.gamma = gamma;
    }

    @Override
    public StepResult reset(long seed) {
        rng = new SplittableRandom(new SplittableRandom(seed).split().nextLong());
        return super.reset(seed);
    }

    @Override
    public StepResult reset() {
        if (rng == null) {
            rng = new SplittableRandom(new SplittableRandom().nextLong());
        }
        return super.reset();
    }

    @Override
    protected void afterReset(StepResult r) {
        ended = false;
    }

    @Override
    public StepResult step(int action) {
        checkNotEnded();
        return super.step(action);
    }

    @Override
    public StepResult step(double[] action) {
        checkNotEnded();
        return super.step(action);
    }

    private void checkNotEnded() {
        if (ended) {
            throw new IllegalStateException(id() + ": step() called after the episode ended (truncated); "
                    + "call reset() first");
        }
    }

    @Override
    protected void afterStep(StepResult r) {
        if (rng.nextDouble() >= gamma) {
            r.setTruncated(true);
        }
        ended = r.truncated() || r.terminated();
    }

    /** Adds the truncation generator ({@code horizon_rng}) to the inner env's entries. */
    @Override
    public void writeCheckpoint(StateMap out) {
        super.writeCheckpoint(out);
        long s = RandomState.capture(rng);
        rng = RandomState.restore(s);
        out.putLong("horizon_rng", s);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        super.readCheckpoint(in);
        rng = RandomState.restore(in.longValue("horizon_rng"));
        ended = false;
    }
}
