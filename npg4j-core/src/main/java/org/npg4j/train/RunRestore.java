package org.npg4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.npg4j.io.ModelFile;

/**
 * Rebuilds a run from its directory ({@code docs/run-directory.md}): the setup of its {@code config.yaml}, restored
 * from its newest readable checkpoint. Used to continue a run ({@code train --resume}) and to use the policy of an
 * interrupted run, which has checkpoints but no {@code model.npg} ({@code eval}, {@code enjoy}).
 */
public final class RunRestore {
    private RunRestore() {
    }

    /**
     * A restored run.
     *
     * @param setup      the run's setup, in the state of the checkpoint
     * @param checkpoint the checkpoint file it was restored from
     * @param config     the run's config.yaml
     */
    public record Restored(TrainingSetup setup, Path checkpoint, JsonNode config) {
    }

    /** The parsed config.yaml of a run directory, with its {@code algo}, {@code env}, {@code seed} checked. */
    public static JsonNode config(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such run directory");
        }
        Path file = dir.resolve(RunDirectoryWriter.CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": not a run directory (no config.yaml)");
        }
        JsonNode cfg;
        try {
            cfg = ConfigLayers.yaml().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage().replace('\n', ' ') + ")");
        }
        for (String key : List.of("algo", "env", "seed", "hyperparams")) {
            if (cfg == null || !cfg.has(key)) {
                throw new IllegalArgumentException(file + ": missing key \"" + key + "\"");
            }
        }
        return cfg;
    }

    /**
     * Builds the run of {@code dir} from its config.yaml with {@code overrides} on top (e.g. a larger
     * {@code n_timesteps}) and restores it from the newest readable checkpoint; corrupted newer checkpoints are
     * reported to {@code warn}.
     */
    public static Restored restore(Path dir, ObjectNode overrides, int threads, Consumer<String> warn) {
        JsonNode cfg = config(dir);
        Path ckptDir = dir.resolve(Checkpointer.DIRECTORY);
        Checkpointer.Readable ckpt = Checkpointer.latestReadable(ckptDir, warn).orElseThrow(() ->
                new IllegalArgumentException(dir + ": no checkpoint to resume from in " + ckptDir));
        ObjectNode hyper = ConfigLayers.merge(ConfigLayers.readFile(dir.resolve(RunDirectoryWriter.CONFIG)), overrides);
        TrainingSetup setup = Algorithms.build(cfg.get("algo").asText(), cfg.get("env").asText(), hyper,
                cfg.get("seed").asLong(), threads);
        try {
            setup.restore(ckpt.checkpoint(), ckpt.file().toString());
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        return new Restored(setup, ckpt.file(), cfg);
    }

    /**
     * The model of a run directory: its {@code model.npg} when the run finished, else the policy of its newest
     * readable checkpoint (an interrupted run), announced to {@code note}.
     */
    public static ModelFile.Model model(Path dir, Consumer<String> note) {
        Path model = dir.resolve(RunDirectoryWriter.MODEL);
        if (Files.isRegularFile(model)) {
            return ModelFile.read(model);
        }
        if (Checkpointer.list(dir.resolve(Checkpointer.DIRECTORY)).isEmpty()) {
            throw new IllegalArgumentException(dir + ": run directory has no model.npg and no checkpoint");
        }
        Restored r = restore(dir, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), 1, note);
        try (TrainingSetup setup = r.setup()) {
            note.accept(dir + ": no model.npg (the run did not finish); using its last checkpoint "
                    + r.checkpoint().getFileName() + " (" + setup.trainer().timesteps() + " timesteps)");
            return setup.header();
        }
    }
}
