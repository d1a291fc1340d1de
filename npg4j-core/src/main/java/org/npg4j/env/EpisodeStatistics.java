package org.npg4j.env;

import java.util.Arrays;

/** The undiscounted return, length and cost returns of one finished episode (Gymnasium's {@code info["episode"]}). */
public record EpisodeStatistics(double episodeReturn, int length, double[] costReturns) {
    public EpisodeStatistics {
        costReturns = costReturns.clone();
    }

    @Override
    public double[] costReturns() {
        return costReturns.clone();
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
