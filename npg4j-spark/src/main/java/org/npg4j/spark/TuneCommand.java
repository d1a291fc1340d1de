package org.npg4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.npg4j.cli.Main;
import org.npg4j.spark.tune.SearchSpace;
import org.npg4j.spark.tune.TuneSettings;
import org.npg4j.spark.tune.TuneStudy;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code npg4j tune --algo ppo --env CartPole-v1 --trials 50 --budget 1e5}: rl-baselines3-zoo's {@code --optimize} on
 * Spark. Trials sample the zoo's search space ({@link SearchSpace}) with TPE or at random, train as Spark tasks, and
 * are pruned by successive halving; see docs/tuning.md.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search hyperparameters (the zoo's search spaces, TPE, successive halving) on Apache Spark.")
public final class TuneCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--algo", defaultValue = "ppo", description = "algorithm with a search space: a2c, ppo, trpo "
            + "(default ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--env", defaultValue = "CartPole-v1", description = "env id (default ${DEFAULT-VALUE})")
    String env;

    @Option(names = "--trials", defaultValue = "50", description = "number of trials (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--budget", description = "env steps of a full trial, e.g. 1e5 (default: the preset's n_timesteps)")
    String budget;

    @Option(names = "--sampler", defaultValue = "tpe", description = "tpe or random (default ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--n-startup-trials", defaultValue = "10",
            description = "trials drawn at random before TPE (default ${DEFAULT-VALUE}, the zoo's)")
    int nStartup;

    @Option(names = "--pruner", defaultValue = "asha", description = "asha (successive halving) or none "
            + "(default ${DEFAULT-VALUE})")
    String pruner;

    @Option(names = "--eta", defaultValue = "3", description = "successive halving's reduction factor "
            + "(default ${DEFAULT-VALUE})")
    int eta;

    @Option(names = "--rungs", defaultValue = "3", description = "rungs of successive halving, at budget/eta^k "
            + "(default ${DEFAULT-VALUE})")
    int rungs;

    @Option(names = "--trials-per-round", defaultValue = "8",
            description = "trials sampled together, between two updates of the sampler (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--eval-episodes", defaultValue = "5",
            description = "evaluation episodes at each rung (default ${DEFAULT-VALUE}, the zoo's)")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the sampler and of every trial "
            + "(default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--preset", defaultValue = "zoo",
            description = "zoo: sampled values over the preset of (algo, env); default: over the algorithm defaults")
    String preset;

    @Option(names = "--set", description = "key=value fixed for every trial and removed from the search, repeatable")
    List<String> sets = new ArrayList<>();

    @Option(names = "--master", description = "Spark master: local[*] (embedded, every core), local[N], "
            + "spark://host:7077, yarn, k8s://... (default: spark-submit's --master, else local[*])")
    String master;

    @Option(names = "--out", description = "output directory or Hadoop-filesystem URI "
            + "(default studies/<algo>-<env>-s<seed>)")
    String out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TuneSettings settings = settings();
        String outDir = out != null ? out : "studies/" + algo + "-" + env.replace('/', '_') + "-s" + seed;
        PrintWriter o = spec.commandLine().getOut();
        SparkConf conf = new SparkConf();
        String resolved = SparkSettings.master(master, conf);
        SparkSettings.checkMaster(resolved);
        RunStore store = RunStore.of(outDir);
        store.init();
        checkStudy(store, settings, outDir);
        store.deleteStaleWork();
        long[] b = settings.halving().budgets();
        o.printf(Locale.ROOT, "tune %s on %s: %d trials, %s sampler, %s, %d per round, on %s -> %s%n", algo, env,
                trials, settings.sampler(), settings.rungs() == 1 ? "no pruning (" + b[0] + " env steps)"
                        : "successive halving eta " + eta + " at " + join(b) + " env steps", settings.batch(),
                resolved, outDir);
        o.flush();
        long t0 = System.nanoTime();
        TuneStudy.Outcome r;
        try (SparkTrialRunner runner = new SparkTrialRunner(settings, store, outDir, resolved, conf)) {
            r = TuneStudy.run(settings, trials, runner);
        }
        store.deleteStaleWork();
        TuneReport.write(store, settings, r);
        o.printf(Locale.ROOT, "%d tasks trained, %d already complete, %.1f s%n", r.trained(), r.reused(),
                (System.nanoTime() - t0) * 1e-9);
        TuneStudy.Trial best = r.best(settings.rungs());
        if (best != null) {
            o.printf(Locale.ROOT, "best: trial %d, mean return %.2f (%s)%n", best.number(),
                    best.scores().get(settings.rungs() - 1), TuneReport.params(best.point()));
        }
        o.println("wrote trials.csv, " + (best != null ? TuneReport.BEST + ", " : "") + "report.html in " + outDir);
        return 0;
    }

    /** Checks every option and builds the settings; bad input is an IllegalArgumentException of one line. */
    TuneSettings settings() {
        Algorithms.spec(algo);
        if (SearchSpace.of(algo).isEmpty()) {
            throw new IllegalArgumentException("no search space for algorithm " + algo + ": npg4j tune searches "
                    + String.join(", ", SearchSpace.algorithms()) + " (the zoo's samplers)");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
        }
        if (!sampler.equals("tpe") && !sampler.equals("random")) {
            throw new IllegalArgumentException("--sampler must be tpe or random, got '" + sampler + "'");
        }
        if (!pruner.equals("asha") && !pruner.equals("none")) {
            throw new IllegalArgumentException("--pruner must be asha or none, got '" + pruner + "'");
        }
        if (nStartup < 0) {
            throw new IllegalArgumentException("--n-startup-trials must be at least 0, got " + nStartup);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--trials-per-round must be at least 1, got " + batch);
        }
        if (episodes < 1) {
            throw new IllegalArgumentException("--eval-episodes must be at least 1, got " + episodes);
        }
        if (!preset.equals("zoo") && !preset.equals("default")) {
            throw new IllegalArgumentException("--preset must be zoo or default, got '" + preset + "'");
        }
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        String presetName = "default";
        if (preset.equals("zoo") && Presets.find(algo, env).isPresent()) {
            base = Presets.find(algo, env).get();
            presetName = "zoo";
        }
        TreeSet<String> fixed = new TreeSet<>();
        for (String s : sets) {
            ObjectNode layer = ConfigLayers.parseSet(s);
            base = ConfigLayers.merge(base, layer);
            fixed.addAll(dottedKeys(layer, ""));
        }
        long full = budget != null ? parseBudget() : base.path("n_timesteps").asLong(0);
        if (full < 1) {
            full = (long) Algorithms.defaults(algo).path("n_timesteps").asDouble(1e5);
        }
        base.remove("n_timesteps");
        fixed.remove("n_timesteps");
        int nRungs = pruner.equals("none") ? 1 : rungs;
        if (nRungs < 1) {
            throw new IllegalArgumentException("--rungs must be at least 1, got " + rungs);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("--eta must be at least 2, got " + eta);
        }
        TuneSettings s;
        try {
            s = new TuneSettings(algo, env, seed, full, eta, nRungs, episodes, sampler, nStartup, batch, presetName,
                    JSON.writeValueAsString(base), new ArrayList<>(fixed));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        checkBudget(s);
        return s;
    }

    /**
     * Builds the configuration of a point with the shortest rollout once (an unknown env, a bad fixed key end here),
     * and checks that the first rung holds at least one rollout of it.
     */
    private static void checkBudget(TuneSettings s) {
        SearchSpace space = s.space();
        Map<String, Object> point = space.sample(new SplittableRandom(0));
        int shortest = space.smallestNSteps();
        if (shortest > 0) {
            point.put("n_steps", shortest);
        }
        ObjectNode config = ConfigLayers.merge(s.baseConfig(), space.overrides(point, s.fixedNSteps()));
        config.put("n_timesteps", s.budget());
        int rollout;
        try (TrainingSetup setup = Algorithms.build(s.algo(), s.env(), config, s.seed(), 1)) {
            rollout = setup.env().numEnvs() * setup.hyperparameters().integer("n_steps");
        }
        long first = s.halving().budgets()[0];
        if (first < rollout) {
            throw new IllegalArgumentException("--budget " + s.budget() + " is too small for " + s.rungs() + " rungs "
                    + "with eta " + s.eta() + ": the first rung would train " + first + " env steps, less than one "
                    + "rollout of the shortest trial (n_envs x n_steps = " + rollout + "); raise --budget to at least "
                    + (long) Math.ceil(rollout * Math.pow(s.eta(), s.rungs() - 1)) + " or lower --rungs");
        }
    }

    /** A rerun into the same output must be the same study (the number of trials may grow). */
    private static void checkStudy(RunStore store, TuneSettings settings, String out) {
        ObjectNode want = settings.json();
        String text = store.readText("study.json");
        if (text != null) {
            JsonNode have;
            try {
                have = JSON.readTree(text);
                // Both parsed from text: numbers compare by value, not by the Java type they were made from.
                want = (ObjectNode) JSON.readTree(want.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException(out + "/study.json: unreadable (" + e.getMessage() + ")");
            }
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!want.get(k).equals(have.get(k))) {
                    throw new IllegalArgumentException(out + " holds a study with " + k + " " + have.get(k) + ", not "
                            + want.get(k) + ": rerun with the same options to resume it, or choose another --out");
                }
            }
        } else {
            store.writeText("study.json", want.toPrettyString() + "\n");
        }
    }

    private static List<String> dottedKeys(JsonNode n, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && e.getKey().equals("policy_kwargs")) {
                out.addAll(dottedKeys(e.getValue(), prefix + e.getKey() + "."));
            } else {
                out.add(prefix + e.getKey());
            }
        }
        return out;
    }

    private long parseBudget() {
        double t;
        try {
            t = Double.parseDouble(budget);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget expects a number such as 1e5, got '" + budget + "'");
        }
        if (!(t >= 1) || t != Math.rint(t) || t > Long.MAX_VALUE) {
            throw new IllegalArgumentException("--budget must be a positive integer, got " + budget);
        }
        return (long) t;
    }

    private static String join(long[] b) {
        StringBuilder sb = new StringBuilder();
        for (long x : b) {
            sb.append(sb.length() == 0 ? "" : "/").append(x);
        }
        return sb.toString();
    }

    /** Runs with npg4j's error handling (bad input: one line, exit code 2). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Main.runAlone(new TuneCommand(), out, err, args);
    }

    /** The main class for {@code spark-submit}; {@code npg4j tune} runs the same command through npg4j's Main. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out), new PrintWriter(System.err), args));
    }
}
