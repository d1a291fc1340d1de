package org.npg4j.env;

import java.util.Map;
import org.npg4j.math.StateMap;

/**
 * Observation and reward normalization with statistics shared by all envs of a vector env, as Stable-Baselines3's
 * {@code VecNormalize} (what rl-baselines3-zoo's {@code normalize: true} means):
 * <ul>
 *   <li>observations: after every reset and step, the running mean/variance are updated with the batch of the N
 *       returned observations (after autoreset, i.e. reset observations for envs whose episode ended), then every
 *       observation is mapped to clip((o − μ)/√(σ² + ε), ±clip_obs); a finished episode's final observation is
 *       normalized with the same, updated, statistics;</li>
 *   <li>rewards: per env the discounted return G_i ← γ G_i + r_i; the variance of G is updated with the batch of the
 *       N returns; r_i ↦ clip(r_i / √(Var G + ε), ±clip_reward); G_i restarts at 0 when env i's episode ends. The
 *       mean is not subtracted.</li>
 * </ul>
 * Costs, flags and infos (hence episode statistics recorded inside) pass through unnormalized. The batch updates
 * use Chan et al.'s parallel formula with the batch's population variance. Frozen statistics (evaluation) are not
 * updated. Defaults: ε = 1e-8, clip_obs = clip_reward = 10. Either part can be switched off (SB3's {@code norm_obs},
 * {@code norm_reward}): its values then pass through unchanged and its statistics are not updated.
 *
 * <p>Per-env wrappers ({@link NormalizeObservation}, {@link NormalizeReward}) keep N separate statistics, each from
 * a 1/N share of the data; sharing them is what SB3 does, and it is deterministic with a threaded vector env too,
 * because the update happens here, on the caller's thread, after all envs have stepped.
 */
public final class VecNormalize implements VectorEnv {
    private final VectorEnv env;
    private final int n;
    private final int obsDim;
    private final double gamma;
    private final double epsilon;
    private final double clipObs;
    private final double clipReward;
    private final RunningMeanStd obsRms;
    private final RunningMeanStd retRms = new RunningMeanStd(1);
    private final double[] observations;
    private final double[] rewards;
    private final double[] returns;
    private final double[][] finalObservations;
    private final double[] batchMean;
    private final double[] batchVar;
    private final boolean normObs;
    private final boolean normReward;
    private boolean frozen;

    public VecNormalize(VectorEnv env, double gamma, double epsilon, double clipObs, double clipReward) {
        this(env, true, true, gamma, epsilon, clipObs, clipReward);
    }

    /**
     * @param normObs    normalize observations (else they pass through)
     * @param normReward scale rewards (else they pass through)
     */
    public VecNormalize(VectorEnv env, boolean normObs, boolean normReward, double gamma, double epsilon,
                        double clipObs, double clipReward) {
        if (!(env.singleObservationSpace() instanceof Box)) {
            throw new IllegalArgumentException("VecNormalize needs a Box observation space, got "
                    + env.singleObservationSpace());
        }
        if (!(gamma >= 0 && gamma <= 1) || !(epsilon >= 0) || !(clipObs > 0) || !(clipReward > 0)) {
            throw new IllegalArgumentException("VecNormalize needs gamma in [0, 1], epsilon >= 0, clip_obs > 0 and "
                    + "clip_reward > 0, got " + gamma + ", " + epsilon + ", " + clipObs + ", " + clipReward);
        }
        this.env = env;
        this.n = env.numEnvs();
        this.obsDim = env.singleObservationSpace().dim();
        this.gamma = gamma;
        this.epsilon = epsilon;
        this.clipObs = clipObs;
        this.clipReward = clipReward;
        this.normObs = normObs;
        this.normReward = normReward;
        this.obsRms = new RunningMeanStd(obsDim);
        this.observations = new double[n * obsDim];
        this.rewards = new double[n];
        this.returns = new double[n];
        this.finalObservations = new double[n][obsDim];
        this.batchMean = new double[obsDim];
        this.batchVar = new double[obsDim];
    }

    /** SB3's defaults: ε = 1e-8, clip_obs = clip_reward = 10. */
    public VecNormalize(VectorEnv env, double gamma) {
        this(env, gamma, 1e-8, 10.0, 10.0);
    }

    /** SB3's defaults with each part on or off as {@code normObs} and {@code normReward} say. */
    public VecNormalize(VectorEnv env, boolean normObs, boolean normReward, double gamma) {
        this(env, normObs, normReward, gamma, 1e-8, 10.0, 10.0);
    }

    /** Whether observations are normalized (else only rewards are). */
    public boolean normalizesObservations() {
        return normObs;
    }

    /** Stops (true) or resumes (false) updating the statistics. */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    /** The observation statistics (to save with a model). */
    public RunningMeanStd.Snapshot observationStatistics() {
        return obsRms.snapshot();
    }

    /** The statistics of the discounted return. */
    public RunningMeanStd.Snapshot returnStatistics() {
        return retRms.snapshot();
    }

    @Override
    public int numEnvs() {
        return n;
    }

    @Override
    public Space singleObservationSpace() {
        if (!normObs) {
            return env.singleObservationSpace();
        }
        return Box.uniform(-clipObs, clipObs, ((Box) env.singleObservationSpace()).shape());
    }

    @Override
    public Space singleActionSpace() {
        return env.singleActionSpace();
    }

    @Override
    public int costCount() {
        return env.costCount();
    }

    @Override
    public void reset(long seed) {
        env.reset(seed);
        afterReset();
    }

    @Override
    public void reset() {
        env.reset();
        afterReset();
    }

    private void afterReset() {
        java.util.Arrays.fill(returns, 0.0);
        java.util.Arrays.fill(rewards, 0.0);
        normalizeObservations();
    }

    @Override
    public void step(int[] actions) {
        env.step(actions);
        afterStep();
    }

    @Override
    public void step(double[] actions) {
        env.step(actions);
        afterStep();
    }

    private void afterStep() {
        normalizeObservations();
        boolean[] term = env.terminated();
        boolean[] trunc = env.truncated();
        for (int i = 0; i < n; i++) {
            if (term[i] || trunc[i]) {
                normalize(env.finalObservation(i), 0, finalObservations[i], 0);
            }
        }
        double[] r = env.rewards();
        if (!normReward) {
            System.arraycopy(r, 0, rewards, 0, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            returns[i] = returns[i] * gamma + r[i];
        }
        if (!frozen) {
            updateBatch(retRms, returns, n, 1);
        }
        double scale = Math.sqrt(retRms.var(0) + epsilon);
        for (int i = 0; i < n; i++) {
            rewards[i] = Math.min(Math.max(r[i] / scale, -clipReward), clipReward);
            if (term[i] || trunc[i]) {
                returns[i] = 0.0;
            }
        }
    }

    private void normalizeObservations() {
        double[] raw = env.observations();
        if (!normObs) {
            System.arraycopy(raw, 0, observations, 0, observations.length);
            return;
        }
        if (!frozen) {
            updateBatch(obsRms, raw, n, obsDim);
        }
        for (int i = 0; i < n; i++) {
            normalize(raw, i * obsDim, observations, i * obsDim);
        }
    }

    private void normalize(double[] raw, int from, double[] out, int to) {
        if (!normObs) {
            System.arraycopy(raw, from, out, to, obsDim);
            return;
        }
        for (int j = 0; j < obsDim; j++) {
            double z = (raw[from + j] - obsRms.mean(j)) / Math.sqrt(obsRms.var(j) + epsilon);
            out[to + j] = Math.min(Math.max(z, -clipObs), clipObs);
        }
    }

    /** Chan et al.'s combination of the statistics with a batch of {@code rows} samples of {@code dim} values. */
    private void updateBatch(RunningMeanStd rms, double[] x, int rows, int dim) {
        double[] mean = dim == obsDim ? batchMean : new double[dim];
        double[] var = dim == obsDim ? batchVar : new double[dim];
        for (int j = 0; j < dim; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += x[i * dim + j];
            }
            mean[j] = s / rows;
            double v = 0;
            for (int i = 0; i < rows; i++) {
                double d = x[i * dim + j] - mean[j];
                v += d * d;
            }
            var[j] = v / rows;
        }
        rms.combine(mean, var, rows);
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
        return env.costs();
    }

    @Override
    public boolean[] terminated() {
        return env.terminated();
    }

    @Override
    public boolean[] truncated() {
        return env.truncated();
    }

    @Override
    public double[] finalObservation(int i) {
        return finalObservations[i];
    }

    @Override
    public Map<String, Object> finalInfo(int i) {
        return env.finalInfo(i);
    }

    /**
     * The wrapped vector env's entries, plus under {@code normalize/}: the observation statistics ({@code obs/rms/}),
     * the return statistics ({@code ret/rms/}), the per-env discounted returns, the normalized observations and
     * the frozen flag.
     */
    @Override
    public void writeCheckpoint(StateMap out) {
        env.writeCheckpoint(out);
        StateMap s = out.scope("normalize");
        RunningMeanStd.writeCheckpoint(obsRms.snapshot(), s.scope("obs"));
        RunningMeanStd.writeCheckpoint(retRms.snapshot(), s.scope("ret"));
        s.put("returns", returns);
        s.put("observations", observations);
        s.putLong("frozen", frozen ? 1 : 0);
    }

    @Override
    public void readCheckpoint(StateMap in) {
        StateMap s = in.scope("normalize");
        RunningMeanStd.Snapshot obs = RunningMeanStd.readCheckpoint(s.scope("obs"), obsDim);
        RunningMeanStd.Snapshot ret = RunningMeanStd.readCheckpoint(s.scope("ret"), 1);
        double[] g = s.doubles("returns", n);
        double[] o = s.doubles("observations", n * obsDim);
        boolean f = s.longValue("frozen") != 0;
        env.readCheckpoint(in);
        obsRms.restore(obs);
        retRms.restore(ret);
        System.arraycopy(g, 0, returns, 0, n);
        System.arraycopy(o, 0, observations, 0, o.length);
        java.util.Arrays.fill(rewards, 0.0);
        frozen = f;
    }

    @Override
    public void close() {
        env.close();
    }
}
