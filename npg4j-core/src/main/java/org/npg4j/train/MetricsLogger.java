package org.npg4j.train;

import java.util.Map;

/** Receives one row of metrics per update (SB3 keys such as {@code rollout/ep_rew_mean}, {@code train/approx_kl}). */
public interface MetricsLogger extends AutoCloseable {
    void record(Map<String, Double> row);

    @Override
    default void close() {
    }
}
