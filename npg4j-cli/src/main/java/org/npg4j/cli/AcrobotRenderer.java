package org.npg4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;

/**
 * Acrobot-v1 as Gymnasium draws it: 500×500, the pivot at the centre, two 1 m links in (0, 204, 204) of width 0.2 m
 * with joints in (204, 204, 0), the target line one link length above the pivot; the view spans ±2.2 m. State:
 * [θ1, θ2, θ̇1, θ̇2], θ1 = 0 hanging down.
 */
final class AcrobotRenderer extends EnvRenderer {
    private static final int DIM = 500;
    private static final double BOUND = 1.0 + 1.0 + 0.2;
    private static final double SCALE = DIM / (2 * BOUND);
    private static final double OFFSET = DIM / 2.0;

    @Override
    int width() {
        return DIM;
    }

    @Override
    int height() {
        return DIM;
    }

    @Override
    double fps() {
        return 15;
    }

    @Override
    void draw(Graphics2D g, double[] s, double[] action) {
        // Joint positions with x and y swapped as Gymnasium does ([:, ::-1]), so θ1 = 0 points down.
        double[][] joints = {{0, 0}, {Math.sin(s[0]) * SCALE, -Math.cos(s[0]) * SCALE}, null};
        joints[2] = new double[] {joints[1][0] + Math.sin(s[0] + s[1]) * SCALE,
            joints[1][1] - Math.cos(s[0] + s[1]) * SCALE};
        double[] thetas = {s[0] - Math.PI / 2, s[0] + s[1] - Math.PI / 2};
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(-BOUND * SCALE + OFFSET, SCALE + OFFSET, BOUND * SCALE + OFFSET, SCALE + OFFSET));
        for (int k = 0; k < 2; k++) {
            double x = joints[k][0] + OFFSET;
            double y = joints[k][1] + OFFSET;
            fill(g, box(0, SCALE, 0.1 * SCALE, -0.1 * SCALE, thetas[k], x, y), new Color(0, 204, 204));
            fillCircle(g, x, y, 0.1 * SCALE, new Color(204, 204, 0));
        }
    }
}
