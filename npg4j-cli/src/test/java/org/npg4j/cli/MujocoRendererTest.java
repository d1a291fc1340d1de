package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.mujoco.Mujoco;

/** The flat drawing of MuJoCo envs; {@code -Dnpg4j.render.dir=DIR} also writes the frames there as PNG for a look. */
class MujocoRendererTest {
    /** Pixels of exactly this colour (the walkers' default geom colour 0.8 0.6 0.4 is (204, 153, 102)). */
    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    /** Mean row (from the top) of the pixels of a colour. */
    private static double meanRow(BufferedImage img, int rgb) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    sum += y;
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    void everyMujocoTaskIsDrawnFromItsGeoms() throws IOException {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
        for (String id : new String[] {"Hopper-v5", "HalfCheetah-v5", "Walker2d-v5", "Ant-v5", "Swimmer-v5",
            "InvertedPendulum-v5", "InvertedDoublePendulum-v5", "Reacher-v5", "Pusher-v5", "Humanoid-v5"}) {
            EnvRenderer r = EnvRenderer.forEnv(id);
            try (Env env = Envs.make(id)) {
                env.reset(0);
                BufferedImage img = r.render(env.state(), null);
                assertEquals(480, img.getWidth(), id);
                assertEquals(480, img.getHeight(), id);
                if (System.getProperty("npg4j.render.dir") != null) {
                    ImageIO.write(img, "png", new File(System.getProperty("npg4j.render.dir"), id + ".png"));
                }
                int white = count(img, 0xFFFFFF);
                assertTrue(white < 480 * 480, id + " draws nothing");
            }
        }
    }

    @Test
    void theHopperFallsInThePicture() {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
        EnvRenderer r = EnvRenderer.forEnv("Hopper-v5");
        assertEquals(125.0, r.fps());
        try (Env env = Envs.make("Hopper-v5", Map.of("terminate_when_unhealthy", false))) {
            env.reset(0);
            int body = 0xCC9966;
            BufferedImage standing = r.render(env.state(), null);
            for (int t = 0; t < 150; t++) {
                env.step(new double[] {-1, -1, -1});
            }
            BufferedImage fallen = r.render(env.state(), null);
            if (System.getProperty("npg4j.render.dir") != null) {
                try {
                    ImageIO.write(fallen, "png", new File(System.getProperty("npg4j.render.dir"), "Hopper-fallen.png"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            assertTrue(count(standing, body) > 100);
            // Lying on the ground, the body's pixels sit lower in the frame (rows grow downwards).
            assertTrue(meanRow(fallen, body) > meanRow(standing, body) + 20,
                    meanRow(fallen, body) + " vs " + meanRow(standing, body));
        }
    }
}
