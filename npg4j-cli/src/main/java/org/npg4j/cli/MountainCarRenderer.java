package org.npg4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/**
 * MountainCar-v0 and MountainCarContinuous-v0 as Gymnasium draws them: 600×400, the hill y = 0.45 sin(3x) + 0.55
 * over x ∈ [-1.2, 0.6], a 40×20 black car tilted along the slope with two grey wheels, and a yellow flag at the goal
 * (0.5, or 0.45 for the continuous env). State: [position, velocity].
 */
final class MountainCarRenderer extends EnvRenderer {
    private static final double MIN = -1.2;
    private static final double MAX = 0.6;
    private static final double SCALE = 600 / (MAX - MIN);
    private static final double CAR_WIDTH = 40;
    private static final double CAR_HEIGHT = 20;
    private static final double CLEARANCE = 10;

    private final double goal;

    MountainCarRenderer(double goal) {
        this.goal = goal;
    }

    private static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

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
        return 30;
    }

    @Override
    void draw(Graphics2D g, double[] s, double[] action) {
        Path2D.Double hill = new Path2D.Double();
        for (int i = 0; i < 100; i++) {
            double x = MIN + (MAX - MIN) * i / 99;
            if (i == 0) {
                hill.moveTo((x - MIN) * SCALE, height(x) * SCALE);
            } else {
                hill.lineTo((x - MIN) * SCALE, height(x) * SCALE);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(hill);

        double pos = s[0];
        double angle = Math.cos(3 * pos);
        double tx = (pos - MIN) * SCALE;
        double ty = CLEARANCE + height(pos) * SCALE;
        fill(g, box(-CAR_WIDTH / 2, CAR_WIDTH / 2, CAR_HEIGHT, 0, angle, tx, ty), Color.BLACK);
        for (double wx : new double[] {CAR_WIDTH / 4, -CAR_WIDTH / 4}) {
            double cx = wx * Math.cos(angle) + tx;
            double cy = wx * Math.sin(angle) + ty;
            fillCircle(g, cx, cy, CAR_HEIGHT / 2.5, new Color(128, 128, 128));
        }

        double flagX = (goal - MIN) * SCALE;
        double flagY1 = height(goal) * SCALE;
        double flagY2 = flagY1 + 50;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(flagX, flagY1, flagX, flagY2));
        fill(g, polygon(new double[][] {{flagX, flagY2}, {flagX, flagY2 - 10}, {flagX + 25, flagY2 - 5}}, 0, 0, 0),
                new Color(204, 204, 0));
    }
}
