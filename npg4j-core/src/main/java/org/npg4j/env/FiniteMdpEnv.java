package org.npg4j.env;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.npg4j.mdp.FiniteMdp;

/**
 * An env sampling a {@link FiniteMdp}: S_0 ~ ρ, S_{k+1} ~ P(·|S_k, A_k), reward r(S_k, A_k), and for a constrained
 * MDP the cost vector (c_1(S_k, A_k), ..., c_m(S_k, A_k)) in {@link StepResult#costs()}. Actions are
 * {@code Discrete(A)}.
 *
 * <p>A {@code FiniteMdp} is infinite-horizon discounted and has no terminal state, so an episode never terminates;
 * it is only cut by the time limit (truncation), after which the value of the last state should be bootstrapped.
 * With no time limit (0) episodes never end. The discount γ is the MDP's and is not applied by the env.
 *
 * <p>Observation: the one-hot state ({@code Box(0, 1, (S,))}, {@link ObservationMode#ONE_HOT}) or the state index
 * ({@code Discrete(S)}, {@link ObservationMode#INDEX}). State layout for {@link #state()}: [s].
 */
public final class FiniteMdpEnv extends AbstractEnv {
    /** How a state is shown to the agent. */
    public enum ObservationMode {
        /** A length-S vector with a 1 at the state: {@code Box(0, 1, (S,))}. */
        ONE_HOT,
        /** The state index as one double: {@code Discrete(S)}. */
        INDEX
    }

    private final FiniteMdp mdp;
    private final ObservationMode mode;
    private final int actions;
    private final double[] initialCdf;
    private final int[] rowStart;
    private final int[] successors;
    private final double[] rowCdf;
    private final double[] rewards;
    private final double[][] costs;
    private int s;

    public FiniteMdpEnv(String id, FiniteMdp mdp, ObservationMode mode, int maxEpisodeSteps) {
        super(id, mode == ObservationMode.ONE_HOT ? Box.uniform(0.0, 1.0, mdp.states()) : new Discrete(mdp.states()),
                new Discrete(mdp.actions()), 1, mdp.costCount(), maxEpisodeSteps);
        this.mdp = mdp;
        this.mode = mode;
        this.actions = mdp.actions();
        this.initialCdf = new double[mdp.states()];
        double acc = 0.0;
        for (int i = 0; i < initialCdf.length; i++) {
            acc += mdp.initial(i);
            initialCdf[i] = acc;
        }
        int pairs = mdp.pairs();
        this.rowStart = new int[pairs + 1];
        this.successors = new int[mdp.transitionEntries()];
        this.rowCdf = new double[successors.length];
        for (int sa = 0; sa < pairs; sa++) {
            rowStart[sa] = mdp.rowStart(sa);
            double c = 0.0;
            for (int k = mdp.rowStart(sa), end = mdp.rowStart(sa + 1); k < end; k++) {
                successors[k] = mdp.successor(k);
                c += mdp.probability(k);
                rowCdf[k] = c;
            }
        }
        rowStart[pairs] = successors.length;
        this.rewards = mdp.rewards();
        this.costs = new double[mdp.costCount()][];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = mdp.cost(i).values();
        }
    }

    /** A one-hot env named {@code "FiniteMdp"} with the given time limit. */
    public FiniteMdpEnv(FiniteMdp mdp, int maxEpisodeSteps) {
        this("FiniteMdp", mdp, ObservationMode.ONE_HOT, maxEpisodeSteps);
    }

    public FiniteMdp mdp() {
        return mdp;
    }

    public ObservationMode observationMode() {
        return mode;
    }

    /** The current state index. */
    public int currentState() {
        return s;
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        s = sample(initialCdf, 0, initialCdf.length, rng.nextDouble());
    }

    /** The first index k in [from, to) with u < cdf[k]; the last index absorbs rounding of the cdf below 1. */
    private static int sample(double[] cdf, int from, int to, double u) {
        for (int k = from; k < to - 1; k++) {
            if (u < cdf[k]) {
                return k;
            }
        }
        return to - 1;
    }

    @Override
    protected void advance(int action, StepResult out) {
        int sa = s * actions + action;
        out.setReward(rewards[sa]);
        double[] c = out.costs();
        for (int i = 0; i < c.length; i++) {
            c[i] = costs[i][sa];
        }
        s = successors[sample(rowCdf, rowStart[sa], rowStart[sa + 1], rng.nextDouble())];
        out.setTerminated(false);
        observe(out.observation());
    }

    @Override
    protected void observe(double[] out) {
        if (mode == ObservationMode.INDEX) {
            out[0] = s;
            return;
        }
        Arrays.fill(out, 0.0);
        out[s] = 1.0;
    }

    @Override
    protected void readState(double[] out) {
        out[0] = s;
    }

    @Override
    protected void writeState(double[] state) {
        double v = state[0];
        if (v != Math.rint(v) || v < 0 || v >= mdp.states()) {
            throw new IllegalArgumentException(id() + ": state " + v + " is not in [0, " + mdp.states() + ")");
        }
        s = (int) v;
    }
}
