package org.npg4j.spark.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Everything that decides a study's trials and their results (all but the number of trials, which a rerun may raise
 * to extend the study). Written to {@code study.json}; a rerun into the same output must give the same settings.
 *
 * @param algo     the algorithm
 * @param env      the env id
 * @param seed     the study seed: the sampler's, and the run seed of every trial (as the zoo, trials differ only in
 *                 their hyperparameters)
 * @param budget   env steps of a full trial
 * @param eta      successive halving's η
 * @param rungs    rungs (1 without pruning)
 * @param episodes evaluation episodes per rung (deterministic policy)
 * @param sampler  tpe or random
 * @param nStartup trials observed before TPE takes over from random draws
 * @param batch    trials sampled per round
 * @param preset   zoo (the preset of the algorithm and env, when there is one, under the sampled values) or default
 * @param base     canonical JSON of the configuration under the sampled values: the preset and the fixed keys
 * @param fixed    the keys fixed with {@code --set} (removed from the search space), sorted
 */
public record TuneSettings(String algo, String env, long seed, long budget, int eta, int rungs, int episodes,
                           String sampler, int nStartup, int batch, String preset, String base, List<String> fixed)
        implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TuneSettings {
        fixed = List.copyOf(fixed);
    }

    public SuccessiveHalving halving() {
        return new SuccessiveHalving(budget, eta, rungs);
    }

    /** The searched space: the algorithm's, without the fixed keys. */
    public SearchSpace space() {
        return SearchSpace.of(algo).orElseThrow(() -> new IllegalArgumentException("no search space for " + algo))
                .without(fixed);
    }

    public ObjectNode baseConfig() {
        try {
            return (ObjectNode) JSON.readTree(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Sampler newSampler() {
        return sampler.equals("random") ? Sampler.random() : new TpeSampler(nStartup);
    }

    /** The settings as study.json records them. */
    public ObjectNode json() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("algo", algo);
        n.put("env", env);
        n.put("seed", seed);
        n.put("budget", budget);
        n.put("eta", eta);
        n.put("rungs", rungs);
        n.put("eval_episodes", episodes);
        n.put("sampler", sampler);
        n.put("n_startup_trials", nStartup);
        n.put("trials_per_round", batch);
        n.put("preset", preset);
        n.set("base", baseConfig());
        var f = n.putArray("fixed");
        fixed.forEach(f::add);
        return n;
    }

    /** The run directory of a task: {@code trial-<NNNN>-r<rung>-<12 hex digits of SHA-256 over what decides it>}. */
    public String runId(TrialTask t) {
        long[] b = halving().budgets();
        StringBuilder d = new StringBuilder().append(algo).append('\n').append(env).append('\n').append(seed)
                .append('\n').append(budget).append('\n').append(episodes).append('\n').append(base).append('\n')
                .append(t.overrides());
        for (int k = 0; k <= t.rung(); k++) {
            d.append('\n').append(b[k]);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(d.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                hex.append(String.format("%02x", h[i]));
            }
            return String.format("trial-%04d-r%d-%s", t.trial(), t.rung(), hex);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rollout length fixed outside the space (for capping batch_size), or -1. */
    public int fixedNSteps() {
        return baseConfig().path("n_steps").asInt(-1);
    }
}
