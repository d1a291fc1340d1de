package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.mujoco.Mujoco;

/** Safety-Gymnasium's navigation tasks drawn from above; {@code -Dnpg4j.render.dir=DIR} writes the frames as PNG. */
class SafetyNavigationRenderTest {
    /** Pixels whose colour is mostly blue (hazards) or mostly green (the goal) over the light floor. */
    private static int count(BufferedImage img, boolean blue) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                n += blue ? (b > r + 30 && b > g + 30 ? 1 : 0) : (g > r + 30 && g > b + 30 ? 1 : 0);
            }
        }
        return n;
    }

    @Test
    void hazardsAndTheGoalAreDrawnAsDiscsSeenFromAbove() throws IOException {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
        for (String id : new String[] {"SafetyPointGoal1-v0", "SafetyCarGoal1-v0", "SafetyPointGoal2-v0",
            "SafetyPointCircle1-v0"}) {
            EnvRenderer r = EnvRenderer.forEnv(id);
            try (Env env = Envs.make(id)) {
                env.reset(0);
                for (int t = 0; t < 20; t++) {
                    env.step(new double[] {1, 0.2});
                }
                BufferedImage img = r.render(env.state(), null);
                assertEquals(480, img.getWidth());
                if (System.getProperty("npg4j.render.dir") != null) {
                    ImageIO.write(img, "png", new File(System.getProperty("npg4j.render.dir"), id + ".png"));
                }
                if (id.contains("Goal")) {
                    // Eight or ten hazard discs of radius 0.2 and the goal disc of radius 0.3, seen whole or in part.
                    assertTrue(count(img, true) > 2000, id + " hazards: " + count(img, true));
                    assertTrue(count(img, false) > 1000, id + " goal: " + count(img, false));
                } else {
                    assertTrue(count(img, false) > 5000, id + " circle: " + count(img, false));
                }
                assertEquals(50.0, r.fps() * (id.contains("Car") ? 2 : 1), id);
            }
        }
    }
}
