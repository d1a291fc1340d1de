package org.npg4j.env;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keyword arguments given to {@link Envs#make(String, Map)}, already checked against the env's
 * {@link EnvSpec#kwargs() declared keys}; typed getters fail naming the key, the expected type and the value.
 */
public final class Kwargs {
    private final String id;
    private final Map<String, Object> values;

    Kwargs(String id, Map<String, Object> values, Set<String> valid) {
        for (String key : values.keySet()) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException(id + ": unknown kwarg '" + key + "'; valid kwargs: "
                        + String.join(", ", new TreeSet<>(valid)));
            }
        }
        this.id = id;
        this.values = Map.copyOf(values);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A number (any {@link Number}) as a double, or {@code fallback} when absent. */
    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw illTyped(key, "a number", v);
    }

    /** An integral number as an int, or {@code fallback} when absent. */
    public int getInt(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if ((v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
                && ((Number) v).longValue() == ((Number) v).intValue()) {
            return ((Number) v).intValue();
        }
        throw illTyped(key, "an integer", v);
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw illTyped(key, "a boolean", v);
    }

    /**
     * A list of numbers (a {@link List} of {@link Number}s or a {@code double[]}) of exactly {@code length} entries, as
     * the tuples of Gymnasium's constructors ({@code healthy_z_range=(0.7, inf)}); {@code fallback} (not copied) when
     * absent. The strings {@code "inf"} and {@code "-inf"} stand for the infinities, which JSON cannot write.
     */
    public double[] getDoubles(String key, int length, double[] fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String expected = "a list of " + length + " numbers";
        double[] out = new double[length];
        if (v instanceof double[] d && d.length == length) {
            System.arraycopy(d, 0, out, 0, length);
            return out;
        }
        if (!(v instanceof List<?> list) || list.size() != length) {
            throw illTyped(key, expected, v);
        }
        for (int i = 0; i < length; i++) {
            Object e = list.get(i);
            if (e instanceof Number n) {
                out[i] = n.doubleValue();
            } else if ("inf".equals(e) || "+inf".equals(e)) {
                out[i] = Double.POSITIVE_INFINITY;
            } else if ("-inf".equals(e)) {
                out[i] = Double.NEGATIVE_INFINITY;
            } else {
                throw illTyped(key, expected, v);
            }
        }
        return out;
    }

    private IllegalArgumentException illTyped(String key, String expected, Object v) {
        String got = v instanceof List<?> ? "list " + v : v.getClass().getSimpleName() + " " + v;
        return new IllegalArgumentException(id + ": kwarg '" + key + "' must be " + expected + ", got " + got);
    }
}
