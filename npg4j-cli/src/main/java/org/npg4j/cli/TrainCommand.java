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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import org.npg4j.train.Checkpointer;
import org.npg4j.env.Envs;
import org.npg4j.util.AtomicFiles;
import org.npg4j.train.Algorithms;
import org.npg4j.train.ConfigLayers;
import org.npg4j.train.CsvLogger;
import org.npg4j.train.EpisodeEvaluation;
import org.npg4j.train.EvaluationCallback;
import org.npg4j.train.FinalEvaluation;
import org.npg4j.train.MetricsLogger;
import org.npg4j.train.RunDirectoryWriter;
import org.npg4j.train.RunRestore;
import org.npg4j.train.Presets;
import org.npg4j.train.TrainingSetup;
import org.npg4j.tensorboard.TensorBoardLogger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code npg4j train}: trains a policy into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a policy; writes runs/<algo>-<env>-s<seed>-<time>/ with config.yaml, metrics.csv, "
                + "a TensorBoard event file (tensorboard --logdir runs/), progress.log, checkpoints/, model.npg, "
                + "eval.json, summary.json and report.html (docs/run-directory.md).",
                "Configuration: algorithm defaults < preset < --config < --set (zoo keys, e.g. n_steps=64).",
                "Ctrl-C stops after the current update with a checkpoint; --resume RUN_DIR continues the run, "
                        + "--resume RUN_DIR --timesteps T extends it to T."})
public final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    /** Exit code of a run stopped by Ctrl-C (or SIGTERM) after writing its checkpoint: 128 + SIGINT. */
    static final int EXIT_INTERRUPTED = 130;
    /** Options that define a run and so cannot be changed by {@code --resume}. */
    private static final List<String> RUN_OPTIONS = List.of("--algo", "--env", "--preset", "--config", "--set",
            "--seed", "--seeds", "--n-envs", "--out", "--eval-freq", "--eval-episodes", "--eval-stochastic",
            "--stop-at-reward");

    /** Episodes of the final evaluation written to eval.json ({@link FinalEvaluation}). */
    static final int EVAL_EPISODES = RunDirectoryWriter.EVAL_EPISODES;

    @Spec
    CommandSpec spec;

    @Option(names = "--algo", defaultValue = "ppo", completionCandidates = AlgorithmNames.class,
            description = "one of ${COMPLETION-CANDIDATES}; the constrained ones (" + "see npg4j algos) need an env "
                    + "with costs (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--env", defaultValue = "CartPole-v1", description = "env id (default: ${DEFAULT-VALUE}; see npg4j envs)")
    String env;

    @Option(names = "--preset", defaultValue = "zoo",
            description = "zoo: the preset of (algo, env) when there is one; default: algorithm defaults only")
    String preset;

    @Option(names = "--config", description = "YAML file of hyperparameters: zoo keys, an rl-baselines3-zoo "
            + "hyperparams file (the entry of --env) or a run's config.yaml (its algo, env and seed too, unless given)")
    Path config;

    /** The file of {@code --config}, read. */
    private ConfigFile configFile;

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

    @Option(names = "--checkpoint-every", defaultValue = "10", paramLabel = "N",
            description = "write a checkpoint after every N-th update (default: ${DEFAULT-VALUE}) and at the end")
    int checkpointEvery;

    @Option(names = "--keep-checkpoints", defaultValue = "3", paramLabel = "K",
            description = "keep the last K checkpoints (default: ${DEFAULT-VALUE})")
    int keepCheckpoints;

    @Option(names = "--tensorboard", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also write the metrics as a TensorBoard event file in the run directory (default: on; "
                    + "--no-tensorboard turns it off)")
    boolean tensorboard;

    @Option(names = "--eval-freq", paramLabel = "N",
            description = "evaluate every N env steps (summed over envs, as the zoo's --eval-freq) on a separate env; "
                    + "writes evaluations.csv and best_model.npg (default: no evaluation)")
    Long evalFreq;

    @Option(names = "--eval-episodes", paramLabel = "K", description = "episodes per evaluation (default: 5)")
    Integer evalEpisodes;

    @Option(names = "--eval-stochastic", description = "evaluate with sampled actions instead of the mode")
    boolean evalStochastic;

    @Option(names = "--stop-at-reward", paramLabel = "R",
            description = "stop training once an evaluation's mean return reaches R (needs --eval-freq)")
    Double stopAtReward;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue a run from its newest readable checkpoint, with its config.yaml; with "
                    + "--timesteps, extend it (also a finished one) to that new total")
    Path resume;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (resume != null) {
            for (String name : RUN_OPTIONS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    throw new IllegalArgumentException("--resume continues a run with its own config.yaml; it cannot "
                            + "be combined with " + name);
                }
            }
            return resumeRun(o);
        }
        if (seed != null && seeds != null) {
            throw new IllegalArgumentException("give either --seed or --seeds, not both");
        }
        if (config != null) {
            configFile = ConfigFile.read(config, env, matched("--env"));
            honourConfigFile(configFile, o);
        }
        List<Long> runSeeds = seeds != null ? seeds : List.of(seed == null ? 0L : seed);
        evaluationSettings();
        ObjectNode layers = resolveLayers(o);
        for (long s : runSeeds) {
            try (TrainingSetup setup = Algorithms.build(algo, env, layers, s, threads)) {
                Path dir = runDirectory(s);
                RunDirectoryWriter.writeConfig(dir, setup, presetName(), runFields());
                int code = trainOne(setup, dir, s, false, o);
                if (code != 0) {
                    return code;
                }
            }
        }
        return 0;
    }

    /**
     * {@code --resume RUN_DIR [--timesteps T]}: rebuilds the run from its config.yaml and continues from its newest
     * readable checkpoint (a corrupted newer one is skipped with a warning on stderr). With {@code --timesteps} the
     * budget becomes T, so a finished run is extended; its config.yaml records the new total.
     */
    private int resumeRun(PrintWriter o) {
        Path dir = resume;
        JsonNode cfg = RunRestore.config(dir);
        ObjectNode overrides = JsonNodeFactory.instance.objectNode();
        if (timesteps != null) {
            overrides.put("n_timesteps", parseTimesteps());
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--threads") && cfg.has("threads")) {
            threads = cfg.get("threads").asInt();
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")
                && cfg.has("checkpoint_every")) {
            checkpointEvery = cfg.get("checkpoint_every").asInt();
        }
        readEvaluation(cfg, dir.resolve(RunDirectoryWriter.CONFIG));
        PrintWriter err = spec.commandLine().getErr();
        RunRestore.Restored restored = RunRestore.restore(dir, overrides, threads, w -> {
            err.println("npg4j: warning: " + w);
            err.flush();
        });
        algo = cfg.get("algo").asText();
        env = cfg.get("env").asText();
        preset = cfg.path("preset").asText("default");
        long runSeed = cfg.get("seed").asLong();
        try (TrainingSetup setup = restored.setup()) {
            long done = setup.trainer().timesteps();
            if (timesteps != null) {
                if (setup.totalTimesteps() < done) {
                    throw new IllegalArgumentException("--timesteps " + timesteps + " is below the " + done
                            + " timesteps " + dir + " has already trained");
                }
                // The outputs of the shorter budget no longer describe the run: they are rewritten at the end.
                for (String f : List.of(RunDirectoryWriter.MODEL, RunDirectoryWriter.EVAL, RunDirectoryWriter.SUMMARY,
                        RunDirectoryWriter.REPORT)) {
                    try {
                        Files.deleteIfExists(dir.resolve(f));
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException(dir.resolve(f) + ": cannot delete (" + e.getMessage() + ")");
                    }
                }
                RunDirectoryWriter.writeConfig(dir, setup, preset, runFields());
            }
            return trainOne(setup, dir, runSeed, true, o);
        }
    }

    /** How the run is made, recorded in config.yaml besides the hyperparameters. */
    private ObjectNode runFields() {
        ObjectNode run = JsonNodeFactory.instance.objectNode();
        run.put("threads", threads);
        run.put("checkpoint_every", checkpointEvery);
        EvaluationCallback.Settings e = evaluationSettings();
        if (e != null) {
            ObjectNode n = run.putObject("evaluation");
            n.put("eval_freq", e.evalFreq());
            n.put("n_eval_episodes", e.episodes());
            n.put("deterministic", e.deterministic());
            if (!Double.isNaN(e.stopAtReward())) {
                n.put("stop_at_reward", e.stopAtReward());
            }
        }
        return run;
    }

    private String presetName() {
        return preset.equals("zoo") && Presets.find(algo, env).isPresent() ? "zoo" : "default";
    }

    private long parseTimesteps() {
        double t;
        try {
            t = Double.parseDouble(timesteps);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timesteps expects a number such as 1e5, got '" + timesteps + "'");
        }
        if (!(t >= 1) || t != Math.rint(t) || t > Long.MAX_VALUE) {
            throw new IllegalArgumentException("--timesteps must be a positive integer, got " + timesteps);
        }
        return (long) t;
    }

    /**
     * The run a config file describes (a run's config.yaml: algorithm, env, seed; a zoo file's only env) unless
     * options say otherwise: an explicit --env or --seed wins with a note, while an explicit --algo that differs is
     * refused, since the file's hyperparameters are its algorithm's.
     */
    private void honourConfigFile(ConfigFile file, PrintWriter o) {
        if (file.algo().isPresent() && !file.algo().get().equals(algo)) {
            if (matched("--algo")) {
                throw new IllegalArgumentException("--algo " + algo + " conflicts with " + config + ", a "
                        + file.algo().get() + " run whose hyperparameters are " + file.algo().get()
                        + "'s; drop --algo to train " + file.algo().get());
            }
            algo = file.algo().get();
        }
        if (file.env().isPresent() && !file.env().get().equals(env)) {
            if (matched("--env")) {
                o.println("note: --env " + env + " overrides env " + file.env().get() + " of " + config);
            } else {
                env = file.env().get();
            }
        }
        if (file.seed().isPresent()) {
            if (seed == null && seeds == null) {
                seed = file.seed().get();
            } else if (!(seeds == null ? List.of(seed) : seeds).equals(List.of(file.seed().get()))) {
                o.println("note: " + (seeds == null ? "--seed " + seed : "--seeds") + " overrides seed "
                        + file.seed().get() + " of " + config);
            }
        }
    }

    private boolean matched(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
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
        if (configFile != null) {
            layers = ConfigLayers.merge(layers, configFile.hyperparams());
        }
        for (String s : sets) {
            layers = ConfigLayers.merge(layers, ConfigLayers.parseSet(s));
        }
        if (timesteps != null) {
            layers.put("n_timesteps", parseTimesteps());
        }
        if (nEnvs != null) {
            layers.put("n_envs", nEnvs);
        }
        return layers;
    }

    /**
     * Trains a built (and, when resuming, restored) run to its budget with checkpoints; Ctrl-C or SIGTERM (through a
     * shutdown hook that waits for the checkpoint) stops it after the current update. Returns the exit code.
     */
    private int trainOne(TrainingSetup setup, Path dir, long runSeed, boolean resumed, PrintWriter o) {
        long startNanos = System.nanoTime();
        long total = setup.totalTimesteps();
        ProgressReporter progress = new ProgressReporter(o, dir.resolve("progress.log"), total,
                System.console() != null, algo + " " + env + " seed " + runSeed);
        Checkpointer checkpointer = new Checkpointer(dir.resolve(Checkpointer.DIRECTORY), setup, checkpointEvery,
                keepCheckpoints);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            checkpointer.requestStop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "npg4j-train-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (resumed) {
                String earlier = "";
                try {
                    Path log = dir.resolve("progress.log");
                    earlier = Files.exists(log) ? Files.readString(log) : "";
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(dir.resolve("progress.log") + ": cannot read (" + e.getMessage()
                            + ")");
                }
                progress.resume(dir, earlier, setup.trainer().timesteps());
            } else {
                progress.start(dir);
            }
            try (CsvLogger csv = resumed ? CsvLogger.resume(dir.resolve("metrics.csv"), setup.trainer().iterations())
                    : new CsvLogger(dir.resolve("metrics.csv"));
                 MetricsLogger events = tensorboard ? new TensorBoardLogger(dir) : null) {
                setup.trainer().addLogger(csv).addCallback(progress).addCallback(checkpointer);
                addEvaluation(setup, dir, progress);
                if (events != null) {
                    setup.trainer().addLogger(events);
                }
                setup.learn(total);
            }
            Path last = checkpointer.save();
            if (checkpointer.stopped()) {
                progress.note("interrupted at " + setup.trainer().timesteps() + " timesteps; checkpoint " + last
                        + "; continue with: npg4j train --resume " + dir);
                return EXIT_INTERRUPTED;
            }
            finish(setup, dir, progress, o, startNanos);
            return 0;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C): the hook is running and returns now that the run is done.
            }
        }
    }

    /** model.npg, eval.json and summary.json (the shared writer), then report.html of this run. */
    private void finish(TrainingSetup setup, Path dir, ProgressReporter progress, PrintWriter o, long startNanos) {
        RunDirectoryWriter.Finished f = RunDirectoryWriter.finish(dir, setup, dir.getFileName().toString(),
                algo + " " + env, (System.nanoTime() - startNanos) * 1e-9);
        try {
            List<TrainingReport.Group> groups = TrainingReport.group(List.of(RunDirectory.read(dir)));
            AtomicFiles.writeString(dir.resolve(RunDirectoryWriter.REPORT),
                    TrainingReport.html(groups, TrainingReport.charts(groups)));
        } catch (IllegalArgumentException e) {
            // The run itself is complete; only its page is missing, and npg4j report can retry it.
            spec.commandLine().getErr().println("npg4j: warning: " + dir.resolve(RunDirectoryWriter.REPORT)
                    + " not written: " + e.getMessage());
        }
        progress.finish("eval: " + String.join("\neval: ", f.evaluation().lines()));
        o.println("run directory: " + dir);
        o.flush();
    }

    private Path runDirectory(long runSeed) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return RunDirectoryWriter.create(out, algo + "-" + env + "-s" + runSeed + "-" + stamp);
    }

    /** The evaluation during training the options ask for, or null without {@code --eval-freq}. */
    private EvaluationCallback.Settings evaluationSettings() {
        if (evalFreq == null) {
            for (String name : List.of("--eval-episodes", "--eval-stochastic", "--stop-at-reward")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    throw new IllegalArgumentException(name + " needs --eval-freq N (evaluate every N env steps)");
                }
            }
            return null;
        }
        return new EvaluationCallback.Settings(evalFreq, evalEpisodes == null ? 5 : evalEpisodes, !evalStochastic,
                stopAtReward == null ? Double.NaN : stopAtReward);
    }

    /** A resumed run evaluates as it did: the {@code evaluation} block of its config.yaml. */
    private void readEvaluation(JsonNode cfg, Path cfgFile) {
        JsonNode e = cfg.get("evaluation");
        if (e == null) {
            return;
        }
        if (!e.path("eval_freq").canConvertToLong() || !e.path("n_eval_episodes").canConvertToInt()
                || !e.path("deterministic").isBoolean()) {
            throw new IllegalArgumentException(cfgFile + ": \"evaluation\" needs eval_freq, n_eval_episodes and "
                    + "deterministic");
        }
        evalFreq = e.get("eval_freq").asLong();
        evalEpisodes = e.get("n_eval_episodes").asInt();
        evalStochastic = !e.get("deterministic").asBoolean();
        stopAtReward = e.has("stop_at_reward") ? e.get("stop_at_reward").asDouble() : null;
    }

    /** Adds the evaluation during training (if asked for), reporting each row in the progress log. */
    private void addEvaluation(TrainingSetup setup, Path dir, ProgressReporter progress) {
        EvaluationCallback.Settings settings = evaluationSettings();
        if (settings == null) {
            return;
        }
        EvaluationCallback eval = new EvaluationCallback(setup, settings, dir);
        eval.onEvaluation(r -> {
            boolean best = eval.best().orElseThrow() == r;
            progress.note(String.format(java.util.Locale.ROOT, "eval at %d timesteps (%d %s episodes): return "
                    + "%.2f +/- %.2f, length %.1f%s", r.timesteps(), settings.episodes(), settings.deterministic()
                    ? "deterministic" : "stochastic", r.meanReturn(), r.stdReturn(), r.meanLength(),
                    best ? " (new best)" : ""));
            if (best && r.meanReturn() >= settings.stopAtReward()) {
                progress.note(String.format(java.util.Locale.ROOT, "reward threshold %s reached; training stops "
                        + "after this update", settings.stopAtReward()));
            }
        });
        setup.trainer().addCallback(eval);
    }
}
