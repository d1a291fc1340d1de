package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Locale;
import org.npg4j.util.JsonInput;

/**
 * A finished run in one line: its identity and the final deterministic evaluation ({@code summary.json} of a run
 * directory, a row of a sweep's {@code results.csv}). Serializable because a sweep's tasks return it to the Spark
 * driver; on disk it is always the JSON of {@link #json}.
 *
 * @param id          the run id (its directory name)
 * @param group       its configuration without the seed ({@code algo env [k=v,...]})
 * @param seed        its seed
 * @param evalMean    mean return over the evaluation episodes
 * @param evalStd     standard deviation of the return
 * @param episodes    number of evaluation episodes
 * @param timesteps   env steps trained
 * @param wallSeconds training and evaluation time of the process that finished the run
 */
public record RunSummary(String id, String group, long seed, double evalMean, double evalStd, int episodes,
                         long timesteps, double wallSeconds) implements Serializable {
    /** The columns of {@link #csv}. */
    public static final String HEADER = "id,group,seed,eval_mean,eval_std,timesteps,wall_seconds";

    /** One CSV row, in the column order of {@link #HEADER}. */
    public String csv() {
        return csvField(id) + "," + csvField(group) + "," + seed + "," + evalMean + "," + evalStd + "," + timesteps
                + "," + String.format(Locale.ROOT, "%.3f", wallSeconds);
    }

    /** The text of {@code summary.json}. */
    public String json() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("id", id);
        s.put("group", group);
        s.put("seed", seed);
        s.put("eval_mean", evalMean);
        s.put("eval_std", evalStd);
        s.put("eval_episodes", episodes);
        s.put("timesteps", timesteps);
        s.put("wall_seconds", wallSeconds);
        return s.toPrettyString() + "\n";
    }

    /** Parses the text of {@code summary.json}; {@code source} names it in errors. */
    public static RunSummary parse(String json, String source) {
        JsonNode n;
        try {
            n = JsonInput.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(source + ": unreadable run summary ("
                    + e.getMessage().replace('\n', ' ') + ")");
        }
        for (String key : new String[] {"id", "group", "seed", "eval_mean", "eval_std", "eval_episodes", "timesteps",
            "wall_seconds"}) {
            if (n == null || !n.hasNonNull(key)) {
                throw new IllegalArgumentException(source + ": run summary has no \"" + key + "\"");
            }
        }
        return new RunSummary(n.get("id").asText(), n.get("group").asText(), n.get("seed").asLong(),
                n.get("eval_mean").asDouble(), n.get("eval_std").asDouble(), n.get("eval_episodes").asInt(),
                n.get("timesteps").asLong(), n.get("wall_seconds").asDouble());
    }

    static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
