package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * CartPole-v1 as in Gymnasium 1.0 ({@code classic_control/cartpole.py}; Barto, Sutton and Anderson 1983): a pole on a
 * cart pushed left (action 0) or right (action 1) with force 10 N, Euler-integrated with τ = 0.02 s.
 *
 * <p>State and observation: [x, ẋ, θ, θ̇]. Reset: each coordinate uniform in [-0.05, 0.05]. Reward 1 per step,
 * including the terminating one ({@code sutton_barto_reward}: 0 per step and -1 on termination). Terminated when
 * |x| > 2.4 or |θ| > 12°. Time limit 500. A step after termination throws (Gymnasium only warns).
 */
public final class CartPole extends AbstractEnv {
    public static final String ID = "CartPole-v1";
    static final double GRAVITY = 9.8;
    static final double MASS_CART = 1.0;
    static final double MASS_POLE = 0.1;
    static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    static final double LENGTH = 0.5; // half the pole's length
    static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    static final double FORCE_MAG = 10.0;
    static final double TAU = 0.02;
    static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    static final double X_THRESHOLD = 2.4;

    private final boolean suttonBartoReward;
    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    public CartPole(int maxEpisodeSteps, boolean suttonBartoReward) {
        super(ID, observationBox(), new Discrete(2), 4, 0, maxEpisodeSteps);
        this.suttonBartoReward = suttonBartoReward;
    }

    /** With Gymnasium's defaults: time limit 500, reward 1 per step. */
    public CartPole() {
        this(500, false);
    }

    private static Box observationBox() {
        double f = Float.MAX_VALUE;
        double[] high = {X_THRESHOLD * 2, f, THETA_THRESHOLD * 2, f};
        return Box.of(new double[] {-high[0], -f, -high[2], -f}, high);
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        x = uniform(rng);
        xDot = uniform(rng);
        theta = uniform(rng);
        thetaDot = uniform(rng);
    }

    private static double uniform(SplittableRandom rng) {
        return -0.05 + 0.1 * rng.nextDouble();
    }

    @Override
    protected void advance(int action, StepResult out) {
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        // Florian (2007), "Correct equations for the dynamics of the cart-pole system", frictionless case.
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * cosTheta * cosTheta / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
        // Explicit Euler, positions first (Gymnasium's "euler" integrator).
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;
        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD || theta < -THETA_THRESHOLD
                || theta > THETA_THRESHOLD;
        out.setTerminated(terminated);
        out.setReward(suttonBartoReward ? (terminated ? -1.0 : 0.0) : 1.0);
        observe(out.observation());
    }

    @Override
    protected void observe(double[] out) {
        out[0] = x;
        out[1] = xDot;
        out[2] = theta;
        out[3] = thetaDot;
    }

    /** State layout: [x, x_dot, theta, theta_dot]. */
    @Override
    protected void readState(double[] out) {
        observe(out);
    }

    @Override
    protected void writeState(double[] s) {
        x = s[0];
        xDot = s[1];
        theta = s[2];
        thetaDot = s[3];
    }
}
