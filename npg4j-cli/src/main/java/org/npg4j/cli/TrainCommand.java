package org.npg4j.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.io.AtomicFiles;
import org.npg4j.io.Provenance;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.CsvLogger;
import org.npg4j.train.PolicyEvaluation;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j train}: trains a policy into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a policy; writes runs/<algo>-<env>-s<seed>-<time>/ with config.yaml, metrics.csv, "
                + "progress.log, model.npg and eval.json.",
                "Configuration: algorithm defaults < preset < --config < --set (zoo keys, e.g. n_steps=64)."})
public final class TrainCommand implements Runnable {
    /** Episodes of the final deterministic evaluation written to eval.json. */
    static final int EVAL_EPISODES = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", defaultValue = "ppo", description = "ppo, trpo, a2c, npg, vpg, ppo-kl (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--env", defaultValue = "CartPole-v1", description = "env id (default: ${DEFAULT-VALUE}; see npg4j envs)")
    String env;

    @Option(names = "--preset", defaultValue = "zoo",
            description = "zoo: the preset of (algo, env) when there is one; default: algorithm defaults only")
    String preset;

    @Option(names = "--config", description = "YAML file of hyperparameters (zoo keys; a run's config.yaml works too)")
    Path config;

    @Option(names = "--set", description = "key=value override, repeatable (policy_kwargs.net_arch=[32,32])")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", description = "run seed (default 0)")
    Long seed;

    @Option(names = "--seeds", split = ",", description = "several run seeds, one run each: 0,1,2")
    List<Long> seeds;

    @Option(names = "--timesteps", description = "training budget, e.g. 1e5 (default: the preset's n_timesteps)")
    String timesteps;

    @Option(names = "--n-envs", description = "number of envs (default: the preset's n_envs)")
    Integer nEnvs;

    @Option(names = "--threads", defaultValue = "1", description = "threads stepping the envs (same results)")
    int threads;

    @Option(names = "--out", defaultValue = "runs", description = "parent directory of run directories")
    Path out;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        if (seed != null && seeds != null) {
            throw new IllegalArgumentException("give either --seed or --seeds, not both");
        }
        List<Long> runSeeds = seeds != null ? seeds : List.of(seed == null ? 0L : seed);
        ObjectNode layers = resolveLayers(o);
        for (long s : runSeeds) {
            trainOne(layers, s, o);
        }
    }

    /** preset &lt; --config &lt; --set &lt; --timesteps / --n-envs (the defaults come from the factory). */
    ObjectNode resolveLayers(PrintWriter o) {
        Algorithms.defaults(algo);
        Envs.spec(env);
        ObjectNode layers = JsonNodeFactory.instance.objectNode();
        switch (preset) {
            case "zoo" -> {
                Optional<ObjectNode> p = Presets.find(algo, env);
                if (p.isPresent()) {
                    layers = p.get();
                } else {
                    o.println("note: no preset for " + algo + " on " + env + "; using the algorithm defaults");
                }
            }
            case "default" -> {
            }
            default -> throw new IllegalArgumentException("unknown preset '" + preset + "' (expected zoo or default)");
        }
        if (config != null) {
            layers = ConfigLayers.merge(layers, ConfigLayers.readFile(config));
        }
        for (String s : sets) {
            layers = ConfigLayers.merge(layers, ConfigLayers.parseSet(s));
        }
        if (timesteps != null) {
            double t;
            try {
                t = Double.parseDouble(timesteps);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--timesteps expects a number such as 1e5, got '" + timesteps + "'");
            }
            if (!(t >= 1) || t != Math.rint(t) || t > Long.MAX_VALUE) {
                throw new IllegalArgumentException("--timesteps must be a positive integer, got " + timesteps);
            }
            layers.put("n_timesteps", (long) t);
        }
        if (nEnvs != null) {
            layers.put("n_envs", nEnvs);
        }
        return layers;
    }

    private void trainOne(ObjectNode layers, long runSeed, PrintWriter o) {
        try (TrainingSetup setup = Algorithms.build(algo, env, layers, runSeed, threads)) {
            Path dir = runDirectory(runSeed);
            AtomicFiles.writeString(dir.resolve("config.yaml"), configYaml(setup, runSeed));
            long total = setup.totalTimesteps();
            ProgressReporter progress = new ProgressReporter(o, dir.resolve("progress.log"), total,
                    System.console() != null, algo + " " + env + " seed " + runSeed);
            progress.start(dir);
            try (CsvLogger csv = new CsvLogger(dir.resolve("metrics.csv"))) {
                setup.trainer().addLogger(csv).addCallback(progress);
                setup.learn(total);
            }
            setup.save(dir.resolve("model.npg"));
            Env evalEnv = setup.evaluationEnv();
            PolicyEvaluation.Result r;
            try {
                r = PolicyEvaluation.evaluate(setup.policy(), evalEnv, EVAL_EPISODES, true,
                        setup.seeds().evaluation());
            } finally {
                evalEnv.close();
            }
            AtomicFiles.writeString(dir.resolve("eval.json"), EvalCommand.json(env, algo, r, true,
                    setup.seeds().evaluation()));
            progress.finish(String.format(java.util.Locale.ROOT,
                    "eval (%d deterministic episodes): return %.2f +/- %.2f, length %.1f", EVAL_EPISODES,
                    r.meanReturn(), r.stdReturn(), r.meanLength()));
            o.println("run directory: " + dir);
            o.flush();
        }
    }

    private Path runDirectory(long runSeed) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = algo + "-" + env + "-s" + runSeed + "-" + stamp;
        Path dir = out.resolve(base);
        for (int k = 2; Files.exists(dir); k++) {
            dir = out.resolve(base + "-" + k);
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(dir + ": cannot create the run directory (" + e.getMessage() + ")");
        }
        return dir;
    }

    private String configYaml(TrainingSetup setup, long runSeed) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("algo", algo);
        c.put("env", env);
        c.put("seed", runSeed);
        c.put("preset", preset.equals("zoo") && Presets.find(algo, env).isPresent() ? "zoo" : "default");
        c.put("threads", threads);
        c.put("npg4j_version", Provenance.npg4jVersion());
        c.put("java_version", Provenance.javaVersion());
        ObjectNode seedsNode = c.putObject("component_seeds");
        seedsNode.put("env", setup.seeds().env());
        seedsNode.put("policy_init", setup.seeds().policyInit());
        seedsNode.put("action_sampling", setup.seeds().actionSampling());
        seedsNode.put("minibatch_shuffling", setup.seeds().minibatchShuffling());
        seedsNode.put("evaluation", setup.seeds().evaluation());
        c.set("hyperparams", setup.hyperparameters().toNode());
        return ConfigLayers.toYaml(c);
    }
}
