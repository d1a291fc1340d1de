package org.npg4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;

/** Pixels of frames drawn from known states, at Gymnasium's positions and colours (image y points down). */
class EnvRendererTest {
    private static int rgb(BufferedImage img, double x, double yUp) {
        return img.getRGB((int) x, img.getHeight() - 1 - (int) yUp) & 0xFFFFFF;
    }

    @Test
    void cartPoleDrawsTheCartOnTheTrackAndThePoleAboveTheAxle() {
        EnvRenderer r = EnvRenderer.forEnv("CartPole-v1");
        BufferedImage img = r.render(new double[] {1.0, 0, 0, 0}, null);
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        double cartX = 300 + 125; // x = 1 m at 125 px per metre
        assertEquals(0x000000, rgb(img, cartX + 20, 95), "cart");
        assertEquals(0xCA9865, rgb(img, cartX, 100 + 7.5 + 100), "upright pole: (202, 152, 101)");
        assertEquals(0xFFFFFF, rgb(img, cartX + 20, 200), "background");
        BufferedImage leaning = r.render(new double[] {0, 0, 0.2, 0}, null);
        double tip = 100 - 5; // along the pole from the axle
        assertEquals(0xCA9865, rgb(leaning, 300 + tip * Math.sin(0.2), 107.5 + tip * Math.cos(0.2)),
                "θ > 0 leans right");
    }

    @Test
    void lunarLanderDrawsSkyGroundFlagsAndTheLanderFromTheState() {
        try (Env env = Envs.make("LunarLander-v3")) {
            env.reset(0);
            double[] s = env.state();
            BufferedImage img = EnvRenderer.forEnv("LunarLander-v3").render(s, null);
            assertEquals(0x000000, rgb(img, 5, 395), "sky");
            assertEquals(0xFFFFFF, rgb(img, 300, 5), "ground");
            assertEquals(0x8066E6, rgb(img, s[11] * 30, s[12] * 30 - 5), "lander body (128, 102, 230)");
            double flagX = 20.0 / 10 * 4 * 30; // chunk 4 at W/10 per chunk, 30 px per metre
            assertEquals(0xCCCC00, rgb(img, flagX + 5, 400 / 4.0 + 45), "flag (204, 204, 0)");
        }
    }

    @Test
    void squareEnvsAreDrawnAt500AndEachEnvHasItsFps() {
        assertEquals(500, EnvRenderer.forEnv("Acrobot-v1").render(new double[4], null).getWidth());
        BufferedImage p = EnvRenderer.forEnv("Pendulum-v1").render(new double[] {0, 0}, new double[] {1});
        assertEquals(0xCC4D4D, rgb(p, 250, 250 + 80), "θ = 0 points up");
        BufferedImage m = EnvRenderer.forEnv("MountainCar-v0").render(new double[] {-0.5236, 0}, null);
        double x = (-0.5236 + 1.2) * 600 / 1.8;
        double floor = (Math.sin(3 * -0.5236) * 0.45 + 0.55) * 600 / 1.8;
        assertEquals(0x000000, rgb(m, x, floor + 10 + 10), "the car body: clearance 10, half its height 10");
        assertEquals(0x808080, rgb(m, x + 10, floor + 10), "a wheel (128, 128, 128)");
        assertEquals(50.0, EnvRenderer.forEnv("LunarLanderContinuous-v3").fps());
        assertEquals(15.0, EnvRenderer.forEnv("Acrobot-v1").fps());
        assertEquals(30.0, EnvRenderer.forEnv("MountainCarContinuous-v0").fps());
        assertEquals(7, GifWriter.delayOf(15));
        assertEquals(2, GifWriter.delayOf(50));
    }

    @Test
    void anEnvWithoutDrawingIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvRenderer.forEnv("Chain-v0"));
        assertEquals("no renderer for env 'Chain-v0' (can draw: Acrobot-v1, CartPole-v1, LunarLander-v3, "
                + "LunarLanderContinuous-v3, MountainCar-v0, MountainCarContinuous-v0, Pendulum-v1)", e.getMessage());
    }
}
