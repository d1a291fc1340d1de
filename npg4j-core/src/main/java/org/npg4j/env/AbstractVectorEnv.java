package org.npg4j.env;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.npg4j.math.StateMap;

/** The buffers and per-env work shared by {@link SyncVectorEnv} and {@link ThreadedVectorEnv}. */
abstract class AbstractVectorEnv implements VectorEnv {
    final Env[] envs;
    final int n;
    final int obsDim;
    final int actDim;
    final int m;
    final boolean discrete;
    final double[] observations;
    final double[] rewards;
    final double[] costs;
    final boolean[] terminated;
    final boolean[] truncated;
    final double[][] finalObservations;
    @SuppressWarnings("unchecked")
    final Map<String, Object>[] finalInfos;
    /** One action buffer per env, so that no env sees (or keeps) a slice of the caller's array. */
    private final double[][] actionBuffers;
    int[] intActions;
    double[] doubleActions;

    @SuppressWarnings("unchecked")
    AbstractVectorEnv(List<? extends Env> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("a vector env needs at least one env");
        }
        this.envs = list.toArray(new Env[0]);
        Env first = envs[0];
        for (int i = 1; i < envs.length; i++) {
            Env e = envs[i];
            if (!e.observationSpace().equals(first.observationSpace()) || !e.actionSpace().equals(first.actionSpace())
                    || e.costCount() != first.costCount()) {
                throw new IllegalArgumentException("env " + i + " (" + e.id() + ") has other spaces than env 0 ("
                        + first.id() + ")");
            }
        }
        this.n = envs.length;
        this.obsDim = first.observationSpace().dim();
        this.actDim = first.actionSpace().dim();
        this.m = first.costCount();
        this.discrete = first.actionSpace() instanceof Discrete;
        this.observations = new double[n * obsDim];
        this.rewards = new double[n];
        this.costs = new double[n * m];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.finalObservations = new double[n][obsDim];
        this.finalInfos = new Map[n];
        Arrays.fill(finalInfos, Map.of());
        this.actionBuffers = new double[n][actDim];
    }

    final void resetRange(int from, int to, boolean seeded, long seed) {
        for (int i = from; i < to; i++) {
            StepResult r = seeded ? envs[i].reset(seed + i) : envs[i].reset();
            System.arraycopy(r.observation(), 0, observations, i * obsDim, obsDim);
            rewards[i] = 0.0;
            Arrays.fill(costs, i * m, (i + 1) * m, 0.0);
            terminated[i] = false;
            truncated[i] = false;
        }
    }

    final void stepRange(int from, int to) {
        for (int i = from; i < to; i++) {
            Env env = envs[i];
            StepResult r;
            if (discrete) {
                r = env.step(intActions[i]);
            } else {
                double[] a = actionBuffers[i];
                System.arraycopy(doubleActions, i * actDim, a, 0, actDim);
                r = env.step(a);
            }
            rewards[i] = r.reward();
            System.arraycopy(r.costs(), 0, costs, i * m, m);
            terminated[i] = r.terminated();
            truncated[i] = r.truncated();
            if (r.done()) {
                System.arraycopy(r.observation(), 0, finalObservations[i], 0, obsDim);
                finalInfos[i] = r.info();
                r = env.reset();
            }
            System.arraycopy(r.observation(), 0, observations, i * obsDim, obsDim);
        }
    }

    final void checkActions(int[] actions) {
        if (!discrete) {
            throw new IllegalArgumentException(envs[0].id() + ": int actions given but the action space is "
                    + envs[0].actionSpace());
        }
        if (actions.length != n) {
            throw new IllegalArgumentException(envs[0].id() + ": " + actions.length + " actions given for " + n
                    + " envs");
        }
        Discrete space = (Discrete) envs[0].actionSpace();
        for (int i = 0; i < n; i++) {
            if (!space.contains(actions[i])) {
                throw new IllegalArgumentException(envs[i].id() + ": action " + actions[i] + " of env " + i
                        + " is not in " + space);
            }
        }
        intActions = actions;
    }

    final void checkActions(double[] actions) {
        if (discrete) {
            throw new IllegalArgumentException(envs[0].id() + ": double actions given but the action space is "
                    + envs[0].actionSpace());
        }
        if (actions.length != n * actDim) {
            throw new IllegalArgumentException(envs[0].id() + ": action array has length " + actions.length
                    + ", expected " + n + " envs x " + actDim);
        }
        for (int k = 0; k < actions.length; k++) {
            if (!Double.isFinite(actions[k])) {
                throw new IllegalArgumentException(envs[0].id() + ": action " + actions[k] + " of env " + k / actDim
                        + " is not in " + envs[0].actionSpace() + " (not finite)");
            }
        }
        doubleActions = actions;
    }

    @Override
    public int numEnvs() {
        return n;
    }

    @Override
    public Space singleObservationSpace() {
        return envs[0].observationSpace();
    }

    @Override
    public Space singleActionSpace() {
        return envs[0].actionSpace();
    }

    @Override
    public int costCount() {
        return m;
    }

    @Override
    public double[] observations() {
        return observations;
    }

    @Override
    public double[] rewards() {
        return rewards;
    }

    @Override
    public double[] costs() {
        return costs;
    }

    @Override
    public boolean[] terminated() {
        return terminated;
    }

    @Override
    public boolean[] truncated() {
        return truncated;
    }

    @Override
    public double[] finalObservation(int i) {
        return finalObservations[i];
    }

    @Override
    public Map<String, Object> finalInfo(int i) {
        return finalInfos[i];
    }

    @Override
    public void writeCheckpoint(StateMap out) {
        out.putLong("num_envs", n);
        for (int i = 0; i < n; i++) {
            envs[i].writeCheckpoint(out.scope("env" + i));
        }
        out.put("observations", observations);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        in.intValue("num_envs", n, n);
        for (int i = 0; i < n; i++) {
            envs[i].readCheckpoint(in.scope("env" + i));
            rewards[i] = 0.0;
            terminated[i] = false;
            truncated[i] = false;
        }
        Arrays.fill(costs, 0.0);
        System.arraycopy(in.doubles("observations", n * obsDim), 0, observations, 0, n * obsDim);
    }

    final void closeEnvs() {
        for (Env e : envs) {
            e.close();
        }
    }
}
