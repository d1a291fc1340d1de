package org.npg4j.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One run of a sweep: algorithm, env, seed, and its configuration overrides (a JSON object in canonical form, the
 * layers above the preset). The id is stable: derived from the resolved description, so the same sweep file always
 * gives the same ids, and a re-run finds the runs already done.
 *
 * @param index     position in the deterministic expansion
 * @param algo      algorithm name
 * @param env       env id
 * @param seed      run seed
 * @param preset    zoo or default
 * @param overrides canonical JSON of the configuration overrides (n_timesteps, grid values, fixed settings)
 * @param params    the grid values of this run, as "k=v,k=v" (empty without a grid), for grouping and tables
 */
public record RunSpec(int index, String algo, String env, long seed, String preset, String overrides, String params)
        implements Serializable {
    /** {@code algo-env-s<seed>-<12 hex digits of SHA-256 over the description>}. */
    public String id() {
        String description = algo + "\n" + env + "\n" + seed + "\n" + preset + "\n" + overrides;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                hex.append(String.format("%02x", h[i]));
            }
            return algo + "-" + env + "-s" + seed + "-" + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration this run belongs to, without the seed (runs of one group differ only by seed). */
    public String group() {
        return algo + " " + env + (params.isEmpty() ? "" : " " + params);
    }
}
