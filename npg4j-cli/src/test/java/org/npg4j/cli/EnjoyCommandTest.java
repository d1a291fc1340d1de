package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.env.StepResult;
import org.npg4j.io.TrainedPolicy;

class EnjoyCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void train() throws Exception {
        Path out = tmp.resolve("runs");
        Cli c = Cli.run("train", "--timesteps", "2048", "--seed", "1", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        try (Stream<Path> s = Files.list(out)) {
            run = s.findFirst().orElseThrow();
        }
    }

    /** The episode length of the model's deterministic policy from reset(seed), played independently. */
    private static int episodeLength(long seed) {
        TrainedPolicy p = TrainedPolicy.load(run.resolve("model.npg"));
        try (Env env = Envs.make("CartPole-v1")) {
            StepResult r = env.reset(seed);
            int n = 0;
            while (!r.done()) {
                r = env.step(p.act(r.observation().clone()));
                n++;
            }
            return n;
        }
    }

    private record Gif(int frames, int width, int height, String delay, boolean loops) {
    }

    private static Gif decode(Path file) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            var first = reader.read(0);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            String delay = ((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0))
                    .getAttribute("delayTime");
            boolean loops = false;
            var apps = root.getElementsByTagName("ApplicationExtension");
            for (int i = 0; i < apps.getLength(); i++) {
                IIOMetadataNode a = (IIOMetadataNode) apps.item(i);
                byte[] data = (byte[]) a.getUserObject();
                loops |= a.getAttribute("applicationID").equals("NETSCAPE") && data[0] == 1 && data[1] == 0
                        && data[2] == 0;
            }
            for (int i = 1; i < n; i++) {
                var f = reader.read(i);
                assertEquals(first.getWidth(), f.getWidth());
                assertEquals(first.getHeight(), f.getHeight());
            }
            return new Gif(n, first.getWidth(), first.getHeight(), delay, loops);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void gifHasOneFramePerStepPlusTheResetFrame() throws Exception {
        Path gif = tmp.resolve("cartpole.gif");
        Cli c = Cli.run("enjoy", run.toString(), "--seed", "7", "-o", gif.toString());
        assertEquals(0, c.exitCode(), c.err());
        int len = episodeLength(7);
        assertEquals(new Gif(len + 1, 600, 400, "2", true), decode(gif), "CartPole renders at 50 fps: 2 cs");
        assertEquals(gif + ": " + (len + 1) + " frames of 600x400 at 20 ms, ppo CartPole-v1, episode return "
                + len + ".00 (" + len + " steps)\n", c.out());
    }

    @Test
    void episodesFollowEachOtherAndTheFrameCapStopsEarly() throws Exception {
        Path gif = tmp.resolve("two.gif");
        Cli c = Cli.run("enjoy", run.resolve("model.npg").toString(), "--episodes", "2", "--seed", "3", "-o",
                gif.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(episodeLength(3) + 1 + episodeLength(4) + 1, decode(gif).frames());
        Path capped = tmp.resolve("capped.gif");
        Cli d = Cli.run("enjoy", run.toString(), "--max-frames", "5", "-o", capped.toString());
        assertEquals(0, d.exitCode(), d.err());
        assertEquals(5, decode(capped).frames());
        assertTrue(d.out().contains("(4 steps, cut)"), d.out());
    }

    @Test
    void theFrameCapNeverPassesACutEpisodeOffAsComplete() throws Exception {
        int first = episodeLength(0);
        int cap = first + 1 + 3; // all of episode 1, and 3 frames (the reset and 2 steps) of episode 2
        Path gif = tmp.resolve("cut.gif");
        Cli c = Cli.run("enjoy", run.toString(), "--episodes", "3", "--max-frames", String.valueOf(cap), "-o",
                gif.toString());
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(cap, decode(gif).frames());
        String[] lines = c.out().split("\n");
        assertEquals(2, lines.length, c.out());
        assertTrue(lines[0].endsWith("episode return " + first + ".00 (" + first + " steps), 2.00 (2 steps, cut)"),
                lines[0]);
        assertEquals("note: the frame cap (--max-frames " + cap + ") cut episode 2 after 2 steps, so its return is "
                + "partial, and left 1 of 3 episodes unplayed; raise --max-frames to play them out", lines[1]);
        Cli whole = Cli.run("enjoy", run.toString(), "--max-frames", String.valueOf(first + 1), "-o",
                tmp.resolve("whole.gif").toString());
        assertTrue(!whole.out().contains("cut") && !whole.out().contains("note:"), whole.out());
    }

    @Test
    void errorsAreOneLineWithExitCode2() throws Exception {
        Path missing = tmp.resolve("nope");
        Cli c = Cli.run("enjoy", missing.toString(), "-o", tmp.resolve("x.gif").toString());
        assertEquals(2, c.exitCode());
        assertEquals("npg4j: error: " + missing + ": no such run directory or model file\n", c.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli d = Cli.run("enjoy", empty.toString(), "-o", tmp.resolve("x.gif").toString());
        assertEquals(2, d.exitCode());
        assertEquals("npg4j: error: " + empty + ": run directory has no model.npg and no checkpoint\n", d.err());
        Cli e = Cli.run("enjoy", run.toString(), "--max-frames", "0", "-o", tmp.resolve("x.gif").toString());
        assertEquals(2, e.exitCode());
        assertEquals("npg4j: error: --max-frames must be at least 1, got 0\n", e.err());
        Cli f = Cli.run("enjoy", run.toString());
        assertEquals(2, f.exitCode());
        assertTrue(f.err().startsWith("npg4j: error: Missing required option: '--output=<output>'"), f.err());
        assertTrue(!Files.exists(tmp.resolve("x.gif")));
    }
}
