package org.npg4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every logged row in memory (tests, notebooks, the report). */
public final class InMemoryLogger implements MetricsLogger {
    private final List<Map<String, Double>> rows = new ArrayList<>();

    @Override
    public void record(Map<String, Double> row) {
        rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }

    public List<Map<String, Double>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The last row, or an empty map. */
    public Map<String, Double> last() {
        return rows.isEmpty() ? Map.of() : rows.get(rows.size() - 1);
    }
}
