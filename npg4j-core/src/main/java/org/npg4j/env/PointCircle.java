package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * KinematicPointCircle-v0, after the Point-Circle task of Constrained Policy Optimization (Achiam, Held, Tamar,
 * Abbeel 2017, appendix; kinematic, not Safety-Gymnasium's MuJoCo Circle tasks, hence the name): a point mass is rewarded for running counter-clockwise along a circle of radius d around the origin,
 * but must stay in the band |x| ≤ x_lim, which is narrower than the circle, so the reward-greedy behaviour violates
 * the constraint. Pure Java; the point is a unit mass on a plane instead of the MuJoCo ball.
 *
 * <p><b>Dynamics</b> (τ = 0.1 s, semi-implicit Euler): the action a ∈ [-1, 1]² is a force in the world frame
 * (finite actions outside the box are clipped), opposed by linear drag k = 1 /s:
 * <pre>
 *   v' = v + τ·(F·a - k·v),   p' = p + τ·v',     F = 5 m/s²  (terminal speed F/k = 5 m/s per axis)
 * </pre>
 * <b>Reward</b> (the CPO paper's formula on the state after the step, p' = (x, y), v' = (v_x, v_y)):
 * <pre>
 *   r = (-y·v_x + x·v_y) / (1 + |‖p'‖ - d|)
 * </pre>
 * the angular momentum about the origin, damped away from the circle. <b>Cost</b> (one per step):
 * c = 1[|x| &gt; x_lim]. Defaults d = 15, x_lim = 2.5 (the anchor values of the usual re-implementations); kwargs
 * {@code radius} and {@code x_lim}. Cost metric: the per-step indicator; {@link RecordEpisodeStatistics} sums it
 * undiscounted per episode (steps outside the band), to be compared with a per-episode {@code cost_limit} of the
 * training run (CPO used 5 with 50-step episodes; scale it with the time limit).
 *
 * <p>Reset: p and v each coordinate uniform in [-0.1, 0.1]. Never terminates; time limit 200 steps (20 s), enough
 * to reach the circle and run along it. A zero action lets the drag stop the point within 0.1 m, so a policy that
 * stays still never pays a cost.
 *
 * <p>Observation ({@code Box(-inf, inf, (6,))}): [x, y, v_x, v_y, ‖p‖ - d, x_lim - |x|] (the last two: signed
 * distance to the circle and slack of the constraint). State layout: [x, y, v_x, v_y].
 */
public final class PointCircle extends AbstractEnv {
    public static final String ID = "KinematicPointCircle-v0";
    public static final int DEFAULT_STEPS = 200;
    public static final double DEFAULT_RADIUS = 15.0;
    public static final double DEFAULT_X_LIM = 2.5;
    static final double TAU = 0.1;
    static final double FORCE = 5.0;
    static final double DRAG = 1.0;
    static final double RESET_NOISE = 0.1;

    private final double radius;
    private final double xLim;
    private final double[] clipped = new double[2];
    private double x;
    private double y;
    private double vx;
    private double vy;

    /**
     * @param maxEpisodeSteps the time limit, 0 for none
     * @param radius          the circle's radius d &gt; 0
     * @param xLim            the half-width of the safe band x_lim &gt; 0
     */
    public PointCircle(int maxEpisodeSteps, double radius, double xLim) {
        super(ID, Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 6), Box.uniform(-1.0, 1.0, 2), 4, 1,
                maxEpisodeSteps);
        if (!(radius > 0 && radius < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(ID + ": radius must be positive and finite, got " + radius);
        }
        if (!(xLim > 0 && xLim < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(ID + ": x_lim must be positive and finite, got " + xLim);
        }
        this.radius = radius;
        this.xLim = xLim;
    }

    /** The defaults: time limit 200, d = 15, x_lim = 2.5. */
    public PointCircle() {
        this(DEFAULT_STEPS, DEFAULT_RADIUS, DEFAULT_X_LIM);
    }

    public double radius() {
        return radius;
    }

    public double xLim() {
        return xLim;
    }

    /** The CPO reward (-y·v_x + x·v_y)/(1 + |‖p‖ - d|) of a position and velocity. */
    static double reward(double x, double y, double vx, double vy, double radius) {
        return (-y * vx + x * vy) / (1.0 + Math.abs(Math.hypot(x, y) - radius));
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        x = RESET_NOISE * (2 * rng.nextDouble() - 1);
        y = RESET_NOISE * (2 * rng.nextDouble() - 1);
        vx = RESET_NOISE * (2 * rng.nextDouble() - 1);
        vy = RESET_NOISE * (2 * rng.nextDouble() - 1);
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        clipped[0] = Math.min(Math.max(action[0], -1.0), 1.0);
        clipped[1] = Math.min(Math.max(action[1], -1.0), 1.0);
        vx += TAU * (FORCE * clipped[0] - DRAG * vx);
        vy += TAU * (FORCE * clipped[1] - DRAG * vy);
        x += TAU * vx;
        y += TAU * vy;
        out.setReward(reward(x, y, vx, vy, radius));
        out.costs()[0] = Math.abs(x) > xLim ? 1.0 : 0.0;
        out.setTerminated(false);
        observe(out.observation());
    }

    @Override
    protected void observe(double[] out) {
        out[0] = x;
        out[1] = y;
        out[2] = vx;
        out[3] = vy;
        out[4] = Math.hypot(x, y) - radius;
        out[5] = xLim - Math.abs(x);
    }

    /** State layout: [x, y, v_x, v_y]. */
    @Override
    protected void readState(double[] out) {
        out[0] = x;
        out[1] = y;
        out[2] = vx;
        out[3] = vy;
    }

    @Override
    protected void writeState(double[] s) {
        for (int i = 0; i < 4; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException(ID + ": state[" + i + "] must be finite, got " + s[i]);
            }
        }
        x = s[0];
        y = s[1];
        vx = s[2];
        vy = s[3];
    }
}
