package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * Acrobot-v1 as in Gymnasium 1.0 ({@code classic_control/acrobot.py}; Sutton 1996, dynamics of Sutton and Barto's
 * book): a two-link pendulum actuated at the middle joint with torque -1, 0 or +1 (actions 0, 1, 2), integrated by
 * one classical RK4 step of dt = 0.2 s, no torque noise.
 *
 * <p>State: [θ1, θ2, θ̇1, θ̇2], angles wrapped to [-π, π], velocities clipped to ±4π and ±9π. Observation:
 * [cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2]. Reset: each coordinate uniform in [-0.1, 0.1], rounded to float32
 * as Gymnasium does. Reward -1 per step, 0 on the terminating step; terminated when the tip is one link length above
 * the pivot: -cos θ1 - cos(θ1 + θ2) > 1. Time limit 500.
 */
public final class Acrobot extends AbstractEnv {
    public static final String ID = "Acrobot-v1";
    static final double DT = 0.2;
    static final double LINK_LENGTH_1 = 1.0;
    static final double LINK_MASS_1 = 1.0;
    static final double LINK_MASS_2 = 1.0;
    static final double LINK_COM_POS_1 = 0.5;
    static final double LINK_COM_POS_2 = 0.5;
    static final double LINK_MOI = 1.0;
    static final double MAX_VEL_1 = 4 * Math.PI;
    static final double MAX_VEL_2 = 9 * Math.PI;
    static final double G = 9.8;

    private final double[] s = new double[4];
    private final double[] k1 = new double[4];
    private final double[] k2 = new double[4];
    private final double[] k3 = new double[4];
    private final double[] k4 = new double[4];
    private final double[] y = new double[4];

    public Acrobot(int maxEpisodeSteps) {
        super(ID, Box.of(new double[] {-1, -1, -1, -1, -MAX_VEL_1, -MAX_VEL_2},
                new double[] {1, 1, 1, 1, MAX_VEL_1, MAX_VEL_2}), new Discrete(3), 4, 0, maxEpisodeSteps);
    }

    /** With Gymnasium's time limit 500. */
    public Acrobot() {
        this(500);
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        for (int i = 0; i < 4; i++) {
            s[i] = (float) (-0.1 + 0.2 * rng.nextDouble());
        }
    }

    @Override
    protected void advance(int action, StepResult out) {
        double torque = action - 1.0;
        // One RK4 step over [0, dt]: y1 = y0 + dt/6 (k1 + 2 k2 + 2 k3 + k4).
        double h = DT / 2.0;
        derivatives(s, torque, k1);
        for (int i = 0; i < 4; i++) {
            y[i] = s[i] + h * k1[i];
        }
        derivatives(y, torque, k2);
        for (int i = 0; i < 4; i++) {
            y[i] = s[i] + h * k2[i];
        }
        derivatives(y, torque, k3);
        for (int i = 0; i < 4; i++) {
            y[i] = s[i] + DT * k3[i];
        }
        derivatives(y, torque, k4);
        for (int i = 0; i < 4; i++) {
            s[i] = s[i] + DT / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        s[0] = wrap(s[0]);
        s[1] = wrap(s[1]);
        s[2] = Math.min(Math.max(s[2], -MAX_VEL_1), MAX_VEL_1);
        s[3] = Math.min(Math.max(s[3], -MAX_VEL_2), MAX_VEL_2);
        boolean terminated = -Math.cos(s[0]) - Math.cos(s[1] + s[0]) > 1.0;
        out.setTerminated(terminated);
        out.setReward(terminated ? 0.0 : -1.0);
        observe(out.observation());
    }

    /** Gymnasium's {@code wrap(x, -π, π)}: shift by whole turns until x ∈ [-π, π]. */
    private static double wrap(double x) {
        double diff = 2 * Math.PI;
        while (x > Math.PI) {
            x -= diff;
        }
        while (x < -Math.PI) {
            x += diff;
        }
        return x;
    }

    /** The book dynamics ({@code _dsdt} with {@code book_or_nips = "book"}): writes (θ̇1, θ̇2, θ̈1, θ̈2). */
    private static void derivatives(double[] q, double a, double[] out) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double theta1 = q[0];
        double theta2 = q[1];
        double dtheta1 = q[2];
        double dtheta2 = q[3];
        double cos2 = Math.cos(theta2);
        double sin2 = Math.sin(theta2);
        double d1 = m1 * lc1 * lc1 + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
        double phi2 = m2 * lc2 * G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * dtheta2 * dtheta2 * sin2 - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
                + (m1 * lc1 + m2 * l1) * G * Math.cos(theta1 - Math.PI / 2) + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1 * dtheta1 * sin2 - phi2)
                / (m2 * lc2 * lc2 + i2 - d2 * d2 / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        out[0] = dtheta1;
        out[1] = dtheta2;
        out[2] = ddtheta1;
        out[3] = ddtheta2;
    }

    @Override
    protected void observe(double[] out) {
        out[0] = Math.cos(s[0]);
        out[1] = Math.sin(s[0]);
        out[2] = Math.cos(s[1]);
        out[3] = Math.sin(s[1]);
        out[4] = s[2];
        out[5] = s[3];
    }

    /** State layout: [theta1, theta2, dtheta1, dtheta2]. */
    @Override
    protected void readState(double[] out) {
        System.arraycopy(s, 0, out, 0, 4);
    }

    @Override
    protected void writeState(double[] state) {
        System.arraycopy(state, 0, s, 0, 4);
    }
}
