package org.npg4j.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** The undiscounted return, length and cost returns of one finished episode (Gymnasium's {@code info["episode"]}). */
public record EpisodeStatistics(double episodeReturn, int length, double[] costReturns) {
    public EpisodeStatistics {
        costReturns = costReturns.clone();
    }

    @Override
    public double[] costReturns() {
        return costReturns.clone();
    }

    /** The episodes as one flat array for checkpoints: per episode [return, length, m cost returns]. */
    public static double[] flatten(Collection<EpisodeStatistics> episodes, int costCount) {
        double[] out = new double[episodes.size() * (2 + costCount)];
        int j = 0;
        for (EpisodeStatistics e : episodes) {
            out[j++] = e.episodeReturn;
            out[j++] = e.length;
            System.arraycopy(e.costReturns, 0, out, j, costCount);
            j += costCount;
        }
        return out;
    }

    /** The inverse of {@link #flatten}. */
    public static List<EpisodeStatistics> unflatten(double[] flat, int costCount) {
        int stride = 2 + costCount;
        if (flat.length % stride != 0) {
            throw new IllegalArgumentException("episode statistics of length " + flat.length + " are not a multiple of "
                    + stride);
        }
        List<EpisodeStatistics> out = new ArrayList<>(flat.length / stride);
        for (int j = 0; j < flat.length; j += stride) {
            if (flat[j + 1] < 0 || flat[j + 1] != Math.rint(flat[j + 1]) || flat[j + 1] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("episode length " + flat[j + 1] + " is not a non-negative integer");
            }
            out.add(new EpisodeStatistics(flat[j], (int) flat[j + 1], Arrays.copyOfRange(flat, j + 2, j + stride)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpisodeStatistics e && Double.compare(episodeReturn, e.episodeReturn) == 0
                && length == e.length && Arrays.equals(costReturns, e.costReturns);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(episodeReturn) * 31 + length;
    }

    @Override
    public String toString() {
        return "EpisodeStatistics[return=" + episodeReturn + ", length=" + length
                + (costReturns.length > 0 ? ", costReturns=" + Arrays.toString(costReturns) : "") + "]";
    }
}
