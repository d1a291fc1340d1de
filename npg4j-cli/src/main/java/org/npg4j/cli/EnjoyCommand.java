package org.npg4j.cli;

import java.nio.file.Path;
import org.npg4j.env.Box;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.util.AtomicFiles;
import org.npg4j.io.ModelFile;
import org.npg4j.io.TrainedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code npg4j enjoy}: plays episodes of a trained policy (deterministic actions) and writes them as an animated GIF,
 * one frame for the reset state and one per step, at the env's render fps (see {@link EnvRenderer}).
 */
@Command(name = "enjoy", mixinStandardHelpOptions = true,
        description = "Render episodes of a trained model (a run directory or a model.npg file) as an animated GIF.")
public final class EnjoyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|MODEL_FILE")
    Path target;

    @Option(names = {"-o", "--output"}, required = true, description = "the GIF file to write")
    Path output;

    @Option(names = "--episodes", defaultValue = "1", description = "episodes (default: ${DEFAULT-VALUE})")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", description = "episode k is reset with seed + k (default: 0)")
    long seed;

    @Option(names = "--max-frames", defaultValue = "1000",
            description = "frame cap: stop after this many frames in total, cutting the episode under way and "
                    + "skipping the rest; the output says so (default: ${DEFAULT-VALUE})")
    int maxFrames;

    @Override
    public void run() {
        if (episodes < 1) {
            throw new IllegalArgumentException("--episodes must be at least 1, got " + episodes);
        }
        if (maxFrames < 1) {
            throw new IllegalArgumentException("--max-frames must be at least 1, got " + maxFrames);
        }
        Path file = target;
        ModelFile.Model model = EvalCommand.model(target, spec.commandLine().getErr());
        if (!Envs.ids().contains(model.envId())) {
            throw new IllegalArgumentException(file + ": the model's env '" + model.envId() + "' is not registered");
        }
        EnvRenderer renderer = EnvRenderer.forEnv(model.envId());
        TrainedPolicy policy = TrainedPolicy.of(model);
        int[] lengths = new int[episodes];
        double[] returns = new double[episodes];
        int played = 0;
        boolean lastComplete = true;
        byte[] gif;
        try (Env env = Envs.make(model.envId(), EvalCommand.envKwargs(file, model.envId()));
             GifWriter out = new GifWriter(GifWriter.delayOf(renderer.fps()))) {
            ModelFile.checkCompatible(model, env, file.toString());
            boolean continuous = env.actionSpace() instanceof Box;
            for (int k = 0; k < episodes && out.frames() < maxFrames; k++) {
                StepResult r = env.reset(seed + k);
                out.add(renderer.render(env.state(), null));
                played++;
                while (!r.done() && out.frames() < maxFrames) {
                    double[] obs = r.observation().clone();
                    double[] action;
                    if (continuous) {
                        action = policy.actContinuous(obs);
                        r = env.step(action);
                    } else {
                        int a = policy.act(obs);
                        action = new double[] {a};
                        r = env.step(a);
                    }
                    returns[k] += r.reward();
                    lengths[k]++;
                    out.add(renderer.render(env.state(), action));
                }
                lastComplete = r.done();
            }
            gif = out.finish();
            AtomicFiles.write(output, gif);
            java.io.PrintWriter o = spec.commandLine().getOut();
            StringBuilder eps = new StringBuilder();
            for (int k = 0; k < played; k++) {
                boolean cut = k == played - 1 && !lastComplete;
                eps.append(String.format(java.util.Locale.ROOT, "%s%.2f (%d steps%s)", k == 0 ? "" : ", ", returns[k],
                        lengths[k], cut ? ", cut" : ""));
            }
            o.printf(java.util.Locale.ROOT, "%s: %d frames of %dx%d at %d ms, %s %s, episode return %s%n", output,
                    out.frames(), renderer.width(), renderer.height(), 10 * GifWriter.delayOf(renderer.fps()),
                    model.algorithm(), model.envId(), eps);
            if (!lastComplete || played < episodes) {
                // A cut episode's return is a partial sum, not an episode's return: say so rather than let it pass.
                o.println(capNote(played, lastComplete, lengths[played - 1]));
            }
        }
    }

    /** What the frame cap left out: the episode it cut (if any) and the episodes it did not start. */
    private String capNote(int played, boolean lastComplete, int lastLength) {
        StringBuilder note = new StringBuilder("note: the frame cap (--max-frames " + maxFrames + ") ");
        if (!lastComplete) {
            note.append("cut episode ").append(played).append(" after ").append(lastLength)
                    .append(" steps, so its return is partial");
        }
        if (played < episodes) {
            note.append(lastComplete ? "" : ", and ").append("left ").append(episodes - played).append(" of ")
                    .append(episodes).append(" episodes unplayed");
        }
        return note.append("; raise --max-frames to play them out").toString();
    }
}
