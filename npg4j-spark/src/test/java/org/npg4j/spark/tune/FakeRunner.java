package org.npg4j.spark.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/** Runs trials in memory: the score at rung k is a function of the point and k; records every task it ran. */
final class FakeRunner implements TrialRunner {
    final TuneSettings settings;
    final ToDoubleBiFunction<Map<String, Object>, Integer> objective;
    final List<TrialTask> ran = new ArrayList<>();
    final List<Map<String, Object>> points = new ArrayList<>();
    private final Map<Integer, Map<String, Object>> byTrial = new java.util.HashMap<>();

    FakeRunner(TuneSettings settings, ToDoubleBiFunction<Map<String, Object>, Integer> objective) {
        this.settings = settings;
        this.objective = objective;
    }

    /** The point of a task, recovered from its params text (k=v pairs in the space's order). */
    Map<String, Object> point(TrialTask t) {
        return byTrial.computeIfAbsent(t.trial(), k -> {
            Map<String, Object> p = new java.util.LinkedHashMap<>();
            SearchSpace space = settings.space();
            for (String kv : t.params().split(",")) {
                int eq = kv.indexOf('=');
                String name = kv.substring(0, eq);
                String v = kv.substring(eq + 1);
                SearchSpace.Param param = space.param(name);
                Object value = v;
                if (param instanceof SearchSpace.Uniform) {
                    value = Double.parseDouble(v);
                } else {
                    for (Object c : ((SearchSpace.Categorical) param).choices()) {
                        if (c.toString().equals(v)) {
                            value = c;
                        }
                    }
                }
                p.put(name, value);
            }
            points.add(p);
            return p;
        });
    }

    @Override
    public List<TrialResult> run(List<TrialTask> tasks) {
        List<TrialResult> out = new ArrayList<>();
        long[] budgets = settings.halving().budgets();
        // Returned in reverse, as a cluster may finish them: the study must not depend on the order.
        for (int i = tasks.size() - 1; i >= 0; i--) {
            TrialTask t = tasks.get(i);
            ran.add(t);
            double[] scores = new double[t.rung() + 1];
            for (int k = 0; k <= t.rung(); k++) {
                scores[k] = objective.applyAsDouble(point(t), k);
            }
            out.add(new TrialResult(t.trial(), t.rung(), scores, budgets[t.rung()], 0.0, false));
        }
        return out;
    }
}
