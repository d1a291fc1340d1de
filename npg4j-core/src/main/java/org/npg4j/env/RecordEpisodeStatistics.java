package org.npg4j.env;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.npg4j.math.StateMap;

/**
 * Records the return, length and cost returns of every episode (Gymnasium's {@code RecordEpisodeStatistics}): at
 * the step that ends an episode the info holds {@code "episode"} → {@link EpisodeStatistics}; the last
 * {@code bufferLength} episodes are kept for {@code rollout/ep_rew_mean}-style means.
 */
public final class RecordEpisodeStatistics extends EnvWrapper {
    /** The info key of the finished episode's statistics. */
    public static final String EPISODE = "episode";

    private final int bufferLength;
    private final ArrayDeque<EpisodeStatistics> recent;
    private final double[] costReturns;
    private double episodeReturn;
    private int length;
    private long episodes;

    public RecordEpisodeStatistics(Env env, int bufferLength) {
        super(env);
        if (bufferLength < 1) {
            throw new IllegalArgumentException("bufferLength must be >= 1, got " + bufferLength);
        }
        this.bufferLength = bufferLength;
        this.recent = new ArrayDeque<>(bufferLength);
        this.costReturns = new double[env.costCount()];
    }

    /** Keeps the last 100 episodes, as Gymnasium. */
    public RecordEpisodeStatistics(Env env) {
        this(env, 100);
    }

    @Override
    protected void afterReset(StepResult r) {
        episodeReturn = 0.0;
        length = 0;
        Arrays.fill(costReturns, 0.0);
    }

    @Override
    protected void afterStep(StepResult r) {
        episodeReturn += r.reward();
        length++;
        double[] c = r.costs();
        for (int i = 0; i < c.length; i++) {
            costReturns[i] += c[i];
        }
        if (r.done()) {
            EpisodeStatistics stats = new EpisodeStatistics(episodeReturn, length, costReturns);
            if (recent.size() == bufferLength) {
                recent.removeFirst();
            }
            recent.addLast(stats);
            episodes++;
            r.setInfo(r.info().isEmpty() ? Map.of(EPISODE, stats) : merged(r.info(), stats));
        }
    }

    private static Map<String, Object> merged(Map<String, Object> info, EpisodeStatistics stats) {
        Map<String, Object> m = new HashMap<>(info);
        m.put(EPISODE, stats);
        return Map.copyOf(m);
    }

    /** Adds the current episode's partial sums, the episode count and the recent episodes to the inner env's state. */
    @Override
    public void writeCheckpoint(StateMap out) {
        super.writeCheckpoint(out);
        out.putDouble("episode_return", episodeReturn);
        out.putLong("episode_length", length);
        out.put("cost_returns", costReturns);
        out.putLong("episodes", episodes);
        out.put("recent", EpisodeStatistics.flatten(recent, costReturns.length));
    }

    @Override
    public void readCheckpoint(StateMap in) {
        super.readCheckpoint(in);
        episodeReturn = in.doubleValue("episode_return");
        length = in.intValue("episode_length", 0, Integer.MAX_VALUE);
        System.arraycopy(in.doubles("cost_returns", costReturns.length), 0, costReturns, 0, costReturns.length);
        episodes = in.longValue("episodes");
        List<EpisodeStatistics> r = EpisodeStatistics.unflatten(in.doubles("recent", -1), costReturns.length);
        if (r.size() > bufferLength) {
            throw new IllegalArgumentException("checkpoint holds " + r.size() + " recent episodes, the buffer keeps "
                    + bufferLength);
        }
        recent.clear();
        recent.addAll(r);
    }

    /** Episodes finished since the wrapper was built. */
    public long episodes() {
        return episodes;
    }

    /** The last (up to {@code bufferLength}) finished episodes, oldest first. */
    public List<EpisodeStatistics> recentEpisodes() {
        return List.copyOf(recent);
    }

    /** The mean return of the recent episodes, NaN if none finished. */
    public double meanReturn() {
        return recent.stream().mapToDouble(EpisodeStatistics::episodeReturn).average().orElse(Double.NaN);
    }
}
