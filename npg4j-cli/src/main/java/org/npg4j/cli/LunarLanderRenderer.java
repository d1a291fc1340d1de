package org.npg4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/**
 * LunarLander-v3 (discrete and continuous) as Gymnasium draws it: 600×400 at 30 px per metre, black sky above the
 * 11-chunk terrain and white ground below it, two yellow flags on white poles at the helipad's ends (chunks 4 and 6),
 * the hexagonal lander and its two 4×16 px legs filled in (128, 102, 230) and outlined in (77, 77, 128). The engine
 * particles are not drawn (the env does not simulate them).
 *
 * <p>State ({@code LunarLander.state()}): [11 terrain heights at the chunk borders, then (x, y, angle, vx, vy, ω) of
 * the lander, the left leg and the right leg in metres, ...].
 */
final class LunarLanderRenderer extends EnvRenderer {
    private static final double SCALE = 30.0;
    private static final int CHUNKS = 11;
    private static final double W = 600 / SCALE;
    private static final double H = 400 / SCALE;
    private static final double HELIPAD_Y = H / 4;
    private static final double[][] LANDER_POLY = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    private static final double LEG_W = 2;
    private static final double LEG_H = 8;
    private static final Color BODY = new Color(128, 102, 230);
    private static final Color OUTLINE = new Color(77, 77, 128);

    @Override
    int width() {
        return 600;
    }

    @Override
    int height() {
        return 400;
    }

    @Override
    double fps() {
        return 50;
    }

    private static double chunkX(int i) {
        return W / (CHUNKS - 1) * i;
    }

    @Override
    void draw(Graphics2D g, double[] s, double[] action) {
        g.setColor(Color.BLACK);
        for (int i = 0; i < CHUNKS - 1; i++) {
            Path2D.Double sky = new Path2D.Double();
            sky.moveTo(chunkX(i) * SCALE, s[i] * SCALE);
            sky.lineTo(chunkX(i + 1) * SCALE, s[i + 1] * SCALE);
            sky.lineTo(chunkX(i + 1) * SCALE, H * SCALE);
            sky.lineTo(chunkX(i) * SCALE, H * SCALE);
            sky.closePath();
            g.fill(sky);
            g.draw(sky); // closes the hairline seams antialiasing leaves between neighbouring chunks
        }
        g.setStroke(new BasicStroke(1f));
        int lander = CHUNKS;
        double[][] hull = new double[LANDER_POLY.length][];
        for (int i = 0; i < hull.length; i++) {
            hull[i] = new double[] {LANDER_POLY[i][0], LANDER_POLY[i][1]};
        }
        body(g, hull, s, lander);
        double[][] leg = {{-LEG_W, -LEG_H}, {LEG_W, -LEG_H}, {LEG_W, LEG_H}, {-LEG_W, LEG_H}};
        body(g, leg, s, lander + 6);
        body(g, leg, s, lander + 12);
        for (double x : new double[] {chunkX(CHUNKS / 2 - 1), chunkX(CHUNKS / 2 + 1)}) {
            double px = x * SCALE;
            double y1 = HELIPAD_Y * SCALE;
            double y2 = y1 + 50;
            g.setColor(Color.WHITE);
            g.draw(new Line2D.Double(px, y1, px, y2));
            fill(g, polygon(new double[][] {{px, y2}, {px, y2 - 10}, {px + 25, y2 - 5}}, 0, 0, 0),
                    new Color(204, 204, 0));
        }
    }

    /** A body's polygon (pixels in the body frame) at the pose (x, y, angle) found at {@code state[j..j+2]}. */
    private static void body(Graphics2D g, double[][] pixels, double[] s, int j) {
        Path2D.Double p = polygon(pixels, s[j + 2], s[j] * SCALE, s[j + 1] * SCALE);
        fill(g, p, BODY);
        g.setColor(OUTLINE);
        g.draw(p);
    }
}
