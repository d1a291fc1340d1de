package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * Pendulum-v1 as in Gymnasium 1.0 ({@code classic_control/pendulum.py}): swing up a pendulum with a torque
 * u ∈ [-2, 2] (action {@code Box(-2, 2, (1,))}, clipped inside the step).
 *
 * <p>State: [θ, θ̇] with θ <em>not</em> wrapped. Observation: [cos θ, sin θ, θ̇]. Semi-implicit Euler with dt = 0.05:
 * θ̇ ← clip(θ̇ + (3g/(2l) sin θ + 3/(m l²) u) dt, ±8), θ ← θ + θ̇ dt. Reward -(norm(θ)² + 0.1 θ̇² + 0.001 u²), with
 * norm(θ) = ((θ + π) mod 2π) - π and u the clipped torque. Never terminates; time limit 200. Reset: θ uniform in
 * [-π, π], θ̇ uniform in [-1, 1]. Kwarg {@code g} (default 10).
 */
public final class Pendulum extends AbstractEnv {
    public static final String ID = "Pendulum-v1";
    static final double MAX_SPEED = 8.0;
    static final double MAX_TORQUE = 2.0;
    static final double DT = 0.05;
    static final double M = 1.0;
    static final double L = 1.0;

    private final double g;
    private double theta;
    private double thetaDot;

    public Pendulum(int maxEpisodeSteps, double g) {
        super(ID, Box.of(new double[] {-1, -1, -MAX_SPEED}, new double[] {1, 1, MAX_SPEED}),
                Box.uniform(-MAX_TORQUE, MAX_TORQUE, 1), 2, 0, maxEpisodeSteps);
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException(ID + ": g must be finite, got " + g);
        }
        this.g = g;
    }

    /** With Gymnasium's defaults: time limit 200, g = 10. */
    public Pendulum() {
        this(200, 10.0);
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        theta = -Math.PI + 2 * Math.PI * rng.nextDouble();
        thetaDot = -1.0 + 2.0 * rng.nextDouble();
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double u = Math.min(Math.max(action[0], -MAX_TORQUE), MAX_TORQUE);
        double th = theta;
        double thDot = thetaDot;
        double norm = angleNormalize(th);
        double cost = norm * norm + 0.1 * thDot * thDot + 0.001 * (u * u);
        double newThDot = thDot + (3 * g / (2 * L) * Math.sin(th) + 3.0 / (M * L * L) * u) * DT;
        newThDot = Math.min(Math.max(newThDot, -MAX_SPEED), MAX_SPEED);
        theta = th + newThDot * DT;
        thetaDot = newThDot;
        out.setTerminated(false);
        out.setReward(-cost);
        observe(out.observation());
    }

    /** ((x + π) mod 2π) - π with Python's floored modulo. */
    static double angleNormalize(double x) {
        double y = 2 * Math.PI;
        double m = (x + Math.PI) % y;
        if (m != 0 && m < 0) {
            m += y;
        }
        return m - Math.PI;
    }

    @Override
    protected void observe(double[] out) {
        out[0] = Math.cos(theta);
        out[1] = Math.sin(theta);
        out[2] = thetaDot;
    }

    /** State layout: [theta (unwrapped), theta_dot]. */
    @Override
    protected void readState(double[] out) {
        out[0] = theta;
        out[1] = thetaDot;
    }

    @Override
    protected void writeState(double[] s) {
        theta = s[0];
        thetaDot = s[1];
    }
}
