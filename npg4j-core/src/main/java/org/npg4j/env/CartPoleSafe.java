package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * CartPole-v1 with a cart-position constraint, the cheapest sanity task for safe RL: the dynamics, reward,
 * termination and time limit (500) are exactly {@link CartPole}'s, and a step reports one cost
 * <pre>
 *   c = 1[|x'| &gt; x_safe]      (x' the cart position after the step; default x_safe = 1.0)
 * </pre>
 * Cost metric: the per-step cost above; {@link RecordEpisodeStatistics} sums it undiscounted over an episode (the
 * number of steps spent outside the band), which a training run compares with its per-episode {@code cost_limit}
 * (a training setting, not part of the env). The terminating step at |x| &gt; 2.4 is also a violating step.
 *
 * <p>{@value #TWO_COSTS_ID} is the same task with two constraints, to exercise m = 2: cost 0 as above and
 * <pre>
 *   c_1 = 1[|θ'| &gt; theta_safe]      (θ' the pole angle after the step, radians; default theta_safe = 0.05)
 * </pre>
 * the number of steps an episode spends with the pole tilted more than theta_safe (about 2.9°; the episode ends
 * at 12°). The two costs pull apart: holding the pole upright is what the reward pays for, keeping the cart in the
 * band is not.
 *
 * <p>Reset samples the four coordinates uniformly in [-0.05, 0.05] in CartPole's order, so the same seed and
 * actions give CartPole-v1's trajectory exactly. State and observation layout: [x, ẋ, θ, θ̇].
 */
public final class CartPoleSafe extends AbstractEnv {
    public static final String ID = "CartPoleSafe-v0";
    /** The id of the variant with a second cost on the pole angle. */
    public static final String TWO_COSTS_ID = "CartPoleSafeTwoCosts-v0";
    /** The default half-width of the safe pole-angle band of {@link #TWO_COSTS_ID}, in radians. */
    public static final double DEFAULT_THETA_SAFE = 0.05;

    private final CartPole cartPole;
    private final double xSafe;
    /** The half-width of the safe angle band, NaN for the one-cost env. */
    private final double thetaSafe;
    private final double[] start = new double[4];

    /**
     * @param maxEpisodeSteps the time limit (500 in the registry), 0 for none
     * @param xSafe           the half-width of the safe band, in (0, 2.4]
     */
    public CartPoleSafe(int maxEpisodeSteps, double xSafe) {
        this(ID, maxEpisodeSteps, xSafe, Double.NaN);
    }

    /**
     * {@value #TWO_COSTS_ID}: the cart-position cost and a pole-angle cost.
     *
     * @param maxEpisodeSteps the time limit (500 in the registry), 0 for none
     * @param xSafe           the half-width of the safe band of the cart, in (0, 2.4]
     * @param thetaSafe       the half-width of the safe band of the pole angle in radians, in (0, 12°]
     */
    public CartPoleSafe(int maxEpisodeSteps, double xSafe, double thetaSafe) {
        this(TWO_COSTS_ID, maxEpisodeSteps, xSafe, thetaSafe);
        if (!(thetaSafe > 0 && thetaSafe <= CartPole.THETA_THRESHOLD)) {
            throw new IllegalArgumentException(TWO_COSTS_ID + ": theta_safe must be in (0, "
                    + CartPole.THETA_THRESHOLD + "], got " + thetaSafe);
        }
    }

    private CartPoleSafe(String id, int maxEpisodeSteps, double xSafe, double thetaSafe) {
        super(id, new CartPole().observationSpace(), new Discrete(2), 4, Double.isNaN(thetaSafe) ? 1 : 2,
                maxEpisodeSteps);
        if (!(xSafe > 0 && xSafe <= CartPole.X_THRESHOLD)) {
            throw new IllegalArgumentException(id + ": x_safe must be in (0, " + CartPole.X_THRESHOLD + "], got "
                    + xSafe);
        }
        this.xSafe = xSafe;
        this.thetaSafe = thetaSafe;
        // The inner env carries the dynamics only; time limit and lifecycle are this env's.
        this.cartPole = new CartPole(0, false);
    }

    /** Time limit 500, x_safe = 1.0. */
    public CartPoleSafe() {
        this(500, 1.0);
    }

    public double xSafe() {
        return xSafe;
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        for (int i = 0; i < 4; i++) {
            start[i] = -0.05 + 0.1 * rng.nextDouble();
        }
        cartPole.setState(start, 0);
    }

    @Override
    protected void advance(int action, StepResult out) {
        StepResult r = cartPole.step(action);
        double[] obs = r.observation();
        System.arraycopy(obs, 0, out.observation(), 0, 4);
        out.setReward(r.reward());
        out.setTerminated(r.terminated());
        out.costs()[0] = Math.abs(obs[0]) > xSafe ? 1.0 : 0.0;
        if (!Double.isNaN(thetaSafe)) {
            out.costs()[1] = Math.abs(obs[2]) > thetaSafe ? 1.0 : 0.0;
        }
    }

    @Override
    protected void observe(double[] out) {
        System.arraycopy(cartPole.result.observation(), 0, out, 0, 4);
    }

    /** State layout: [x, x_dot, theta, theta_dot]. */
    @Override
    protected void readState(double[] out) {
        observe(out);
    }

    @Override
    protected void writeState(double[] state) {
        cartPole.setState(state, 0);
    }
}
