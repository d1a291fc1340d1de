package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * MountainCarContinuous-v0 as in Gymnasium 1.0 ({@code classic_control/continuous_mountain_car.py}): the mountain
 * car with a force a ∈ [-1, 1] (action {@code Box(-1, 1, (1,))}; larger actions are clipped inside the step).
 *
 * <p>State and observation: [position, velocity]. v ← clip(v + clip(a)·0.0015 - 0.0025·cos(3p), ±0.07),
 * p ← clip(p + v, [-1.2, 0.6]), v ← 0 at the left wall when moving left. Reward: 100 on reaching p ≥ 0.45 with
 * v ≥ {@code goal_velocity} (terminated), minus 0.1·a² of the <em>unclipped</em> action. As in Gymnasium the state
 * is stored in float32 after every step (the reset state is float64). Time limit 999.
 */
public final class MountainCarContinuous extends AbstractEnv {
    public static final String ID = "MountainCarContinuous-v0";
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.45;
    static final double POWER = 0.0015;

    private final double goalVelocity;
    private double position;
    private double velocity;

    public MountainCarContinuous(int maxEpisodeSteps, double goalVelocity) {
        super(ID, Box.of(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED}),
                Box.uniform(-1.0, 1.0, 1), 2, 0, maxEpisodeSteps);
        this.goalVelocity = goalVelocity;
    }

    /** With Gymnasium's defaults: time limit 999, goal velocity 0. */
    public MountainCarContinuous() {
        this(999, 0.0);
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        position = -0.6 + 0.2 * rng.nextDouble();
        velocity = 0.0;
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double a = action[0];
        double force = Math.min(Math.max(a, -1.0), 1.0);
        double v = velocity + (force * POWER - 0.0025 * Math.cos(3 * position));
        if (v > MAX_SPEED) {
            v = MAX_SPEED;
        }
        if (v < -MAX_SPEED) {
            v = -MAX_SPEED;
        }
        double p = position + v;
        if (p > MAX_POSITION) {
            p = MAX_POSITION;
        }
        if (p < MIN_POSITION) {
            p = MIN_POSITION;
        }
        if (p == MIN_POSITION && v < 0) {
            v = 0.0;
        }
        boolean terminated = p >= GOAL_POSITION && v >= goalVelocity;
        out.setTerminated(terminated);
        out.setReward((terminated ? 100.0 : 0.0) - a * a * 0.1);
        // Gymnasium keeps the state as a float32 array.
        position = (float) p;
        velocity = (float) v;
        observe(out.observation());
    }

    @Override
    protected void observe(double[] out) {
        out[0] = position;
        out[1] = velocity;
    }

    /** State layout: [position, velocity]. */
    @Override
    protected void readState(double[] out) {
        observe(out);
    }

    @Override
    protected void writeState(double[] s) {
        position = s[0];
        velocity = s[1];
    }
}
