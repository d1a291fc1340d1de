package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * MountainCar-v0 as in Gymnasium 1.0 ({@code classic_control/mountain_car.py}; Moore 1990): an underpowered car in
 * a valley pushes left, not at all, or right (actions 0, 1, 2) to reach the flag at position 0.5.
 *
 * <p>State and observation: [position, velocity]. v ← clip(v + (a-1)·0.001 - 0.0025·cos(3p), ±0.07),
 * p ← clip(p + v, [-1.2, 0.6]), v ← 0 at the left wall when moving left. Reset: p uniform in [-0.6, -0.4], v = 0.
 * Reward -1 per step; terminated when p ≥ 0.5 and v ≥ {@code goal_velocity} (default 0). Time limit 200.
 */
public final class MountainCar extends AbstractEnv {
    public static final String ID = "MountainCar-v0";
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.5;
    static final double FORCE = 0.001;
    static final double GRAVITY = 0.0025;

    private final double goalVelocity;
    private double position;
    private double velocity;

    public MountainCar(int maxEpisodeSteps, double goalVelocity) {
        super(ID, Box.of(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED}),
                new Discrete(3), 2, 0, maxEpisodeSteps);
        this.goalVelocity = goalVelocity;
    }

    /** With Gymnasium's defaults: time limit 200, goal velocity 0. */
    public MountainCar() {
        this(200, 0.0);
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        position = -0.6 + 0.2 * rng.nextDouble();
        velocity = 0.0;
    }

    @Override
    protected void advance(int action, StepResult out) {
        double v = velocity + (action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
        v = Math.min(Math.max(v, -MAX_SPEED), MAX_SPEED);
        double p = position + v;
        p = Math.min(Math.max(p, MIN_POSITION), MAX_POSITION);
        if (p == MIN_POSITION && v < 0) {
            v = 0.0;
        }
        position = p;
        velocity = v;
        out.setTerminated(p >= GOAL_POSITION && v >= goalVelocity);
        out.setReward(-1.0);
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
