package org.npg4j.math;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact, resumable state of stateful components (envs, wrappers, optimizers, algorithms, generators) as named
 * float64 arrays and named 64-bit integers, in insertion order: what a checkpoint file stores. A component writes
 * its entries under its own {@linkplain #scope scope} (a view sharing the storage, whose keys get the prefix
 * {@code name/}), so that components compose without knowing each other's keys. Integers (counters, generator
 * states) are kept as {@code long}s, never rounded through a double. It lives in {@code math}, the lowest
 * package, so that every layer can use it.
 */
public final class StateMap {
    private final Map<String, double[]> arrays;
    private final Map<String, Long> longs;
    private final String prefix;

    /** An empty map. */
    public StateMap() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), "");
    }

    private StateMap(Map<String, double[]> arrays, Map<String, Long> longs, String prefix) {
        this.arrays = arrays;
        this.longs = longs;
        this.prefix = prefix;
    }

    /** A view of the entries under {@code name/} (writes go to this map's storage). */
    public StateMap scope(String name) {
        return new StateMap(arrays, longs, prefix + name + "/");
    }

    /** Stores a copy of {@code values} under {@code key}. */
    public StateMap put(String key, double[] values) {
        arrays.put(prefix + key, values.clone());
        return this;
    }

    /** Stores flags as 0/1. */
    public StateMap put(String key, boolean[] flags) {
        double[] v = new double[flags.length];
        for (int i = 0; i < flags.length; i++) {
            v[i] = flags[i] ? 1.0 : 0.0;
        }
        return put(key, v);
    }

    /** Stores one double (as an array of length 1). */
    public StateMap putDouble(String key, double value) {
        return put(key, new double[] {value});
    }

    public StateMap putLong(String key, long value) {
        longs.put(prefix + key, value);
        return this;
    }

    /** Whether an array or an integer is stored under {@code key}. */
    public boolean has(String key) {
        return arrays.containsKey(prefix + key) || longs.containsKey(prefix + key);
    }

    /** A copy of the array under {@code key}, which must have length {@code length} (-1: any length). */
    public double[] doubles(String key, int length) {
        double[] v = arrays.get(prefix + key);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint state has no array '" + prefix + key + "'");
        }
        if (length >= 0 && v.length != length) {
            throw new IllegalArgumentException("checkpoint state '" + prefix + key + "' has length " + v.length
                    + ", expected " + length);
        }
        return v.clone();
    }

    /** The flags under {@code key} (stored by {@link #put(String, boolean[])}). */
    public boolean[] flags(String key, int length) {
        double[] v = doubles(key, length);
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0.0 && v[i] != 1.0) {
                throw new IllegalArgumentException("checkpoint state '" + prefix + key + "' entry " + i
                        + " is not a flag (0 or 1): " + v[i]);
            }
            b[i] = v[i] == 1.0;
        }
        return b;
    }

    /** The double stored by {@link #putDouble}. */
    public double doubleValue(String key) {
        return doubles(key, 1)[0];
    }

    public long longValue(String key) {
        Long v = longs.get(prefix + key);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint state has no integer '" + prefix + key + "'");
        }
        return v;
    }

    /** The integer under {@code key}, which must lie in [min, max]. */
    public int intValue(String key, int min, int max) {
        long v = longValue(key);
        if (v < min || v > max) {
            throw new IllegalArgumentException("checkpoint state '" + prefix + key + "' is " + v + ", expected a value in ["
                    + min + ", " + max + "]");
        }
        return (int) v;
    }

    /** Every array by full key, in insertion order (read-only; the arrays themselves are not copied). */
    public Map<String, double[]> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Every integer by full key, in insertion order (read-only). */
    public Map<String, Long> longs() {
        return Collections.unmodifiableMap(longs);
    }
}
