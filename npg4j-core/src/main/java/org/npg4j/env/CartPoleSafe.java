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
 * <p>Reset samples the four coordinates uniformly in [-0.05, 0.05] in CartPole's order, so the same seed and
 * actions give CartPole-v1's trajectory exactly. State and observation layout: [x, ẋ, θ, θ̇].
 */
public final class CartPoleSafe extends AbstractEnv {
    public static final String ID = "CartPoleSafe-v0";

    private final CartPole cartPole;
    private final double xSafe;
    private final double[] start = new double[4];

    /**
     * @param maxEpisodeSteps the time limit (500 in the registry), 0 for none
     * @param xSafe           the half-width of the safe band, in (0, 2.4]
     */
    public CartPoleSafe(int maxEpisodeSteps, double xSafe) {
        super(ID, new CartPole().observationSpace(), new Discrete(2), 4, 1, maxEpisodeSteps);
        if (!(xSafe > 0 && xSafe <= CartPole.X_THRESHOLD)) {
            throw new IllegalArgumentException(ID + ": x_safe must be in (0, " + CartPole.X_THRESHOLD + "], got "
                    + xSafe);
        }
        this.xSafe = xSafe;
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
