package org.npg4j.spark.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A study: rounds of {@code batch} trials. Each round the sampler proposes the round's points from every trial
 * observed so far; the new trials train to the first rung (one Spark stage); then, rung after rung, the trials that
 * successive halving promotes (from this round or an earlier one) train to the next rung (one stage each). The last
 * rung is the full budget: a trial that reaches it is complete, the others are pruned.
 *
 * <p>Everything here is a function of the settings and the task results, which are deterministic: the same seed gives
 * the same trials, promotions and scores on any number of executors. Nothing is kept between invocations but the run
 * directories; the runner returns recorded results without training again, so a rerun of an interrupted study
 * replays the decisions and trains only what is missing.
 */
public final class TuneStudy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TuneStudy() {
    }

    /** One trial and what is known of it. */
    public static final class Trial {
        final int number;
        final Map<String, Object> point;
        final TrialTask base;
        final TreeMap<Integer, Double> scores = new TreeMap<>();
        long timesteps;
        double wallSeconds;

        Trial(int number, Map<String, Object> point, TrialTask base) {
            this.number = number;
            this.point = point;
            this.base = base;
        }

        public int number() {
            return number;
        }

        public Map<String, Object> point() {
            return point;
        }

        /** The configuration keys the point sets (JSON). */
        public String overrides() {
            return base.overrides();
        }

        /** Score per rung reached. */
        public java.util.SortedMap<Integer, Double> scores() {
            return scores;
        }

        /** The highest rung reached, -1 before the first. */
        public int rung() {
            return scores.isEmpty() ? -1 : scores.lastKey();
        }

        public long timesteps() {
            return timesteps;
        }

        /** Time spent on the trial's tasks. */
        public double wallSeconds() {
            return wallSeconds;
        }

        TrialTask task(int rung) {
            return new TrialTask(number, rung, base.params(), base.overrides());
        }
    }

    /**
     * The outcome.
     *
     * @param trials  every trial, by number
     * @param trained tasks trained by this invocation
     * @param reused  tasks whose results were recorded already
     */
    public record Outcome(List<Trial> trials, int trained, int reused) {
        /** The best complete trial (highest final score, then lowest number), or null if none completed. */
        public Trial best(int rungs) {
            Trial best = null;
            for (Trial t : trials) {
                if (t.rung() == rungs - 1 && !Double.isNaN(t.scores.get(rungs - 1))
                        && (best == null || t.scores.get(rungs - 1) > best.scores.get(rungs - 1))) {
                    best = t;
                }
            }
            return best;
        }
    }

    /** Runs (or resumes) a study of {@code trials} trials. */
    public static Outcome run(TuneSettings settings, int trials, TrialRunner runner) {
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
        }
        SearchSpace space = settings.space();
        Sampler sampler = settings.newSampler();
        SuccessiveHalving sh = settings.halving();
        List<Trial> all = new ArrayList<>();
        List<Set<Integer>> promoted = new ArrayList<>();
        for (int k = 0; k < sh.rungs(); k++) {
            promoted.add(new HashSet<>());
        }
        int[] counts = new int[2];
        for (int round = 0; all.size() < trials; round++) {
            int n = Math.min(settings.batch(), trials - all.size());
            SplittableRandom rng = new SplittableRandom(mix(settings.seed(), round));
            List<Map<String, Object>> points = sampler.suggest(space, observations(all), n, rng);
            List<TrialTask> stage = new ArrayList<>();
            for (Map<String, Object> p : points) {
                int number = all.size();
                Trial t = new Trial(number, p, new TrialTask(number, 0, params(p),
                        canonical(space, p, settings.fixedNSteps())));
                all.add(t);
                stage.add(t.task(0));
            }
            runStage(runner, stage, all, counts);
            for (int k = 0; k + 1 < sh.rungs(); k++) {
                Map<Integer, Double> atRung = new LinkedHashMap<>();
                for (Trial t : all) {
                    if (t.scores.containsKey(k)) {
                        atRung.put(t.number, t.scores.get(k));
                    }
                }
                List<TrialTask> next = new ArrayList<>();
                for (int number : sh.promotions(atRung, promoted.get(k))) {
                    promoted.get(k).add(number);
                    next.add(all.get(number).task(k + 1));
                }
                runStage(runner, next, all, counts);
            }
        }
        return new Outcome(all, counts[0], counts[1]);
    }

    private static void runStage(TrialRunner runner, List<TrialTask> stage, List<Trial> all, int[] counts) {
        if (stage.isEmpty()) {
            return;
        }
        List<TrialResult> results = runner.run(stage);
        if (results.size() != stage.size()) {
            throw new IllegalStateException("the runner returned " + results.size() + " results for " + stage.size()
                    + " tasks");
        }
        for (TrialResult r : results) {
            Trial t = all.get(r.trial());
            for (int k = 0; k < r.scores().length; k++) {
                t.scores.put(k, r.scores()[k]);
            }
            t.timesteps = r.timesteps();
            t.wallSeconds += r.wallSeconds();
            counts[r.reused() ? 1 : 0]++;
        }
    }

    /** What the sampler learns: every trial with a result, its point, highest rung and score there. */
    static List<Observation> observations(List<Trial> trials) {
        List<Observation> out = new ArrayList<>();
        for (Trial t : trials) {
            if (t.rung() >= 0) {
                out.add(new Observation(t.number, t.point, t.rung(), t.scores.get(t.rung())));
            }
        }
        return out;
    }

    /** {@code k=v,k=v} in the space's order. */
    static String params(Map<String, Object> point) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : point.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    private static String canonical(SearchSpace space, Map<String, Object> point, int fixedNSteps) {
        try {
            return JSON.writeValueAsString(space.overrides(point, fixedNSteps));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seed of a round's generator: SplitMix64's finalizer over the study seed and the round. */
    static long mix(long seed, int round) {
        long z = seed + 0x9E3779B97F4A7C15L * (round + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
