package org.npg4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;

/**
 * Pendulum-v1 as Gymnasium draws it: 500×500, a 1 m rod of width 0.2 m in (204, 77, 77) with round ends, pivoting
 * at the centre (black axle), θ = 0 pointing up; the view spans ±2.2 m. Gymnasium's torque arrow image is drawn
 * here as a black arc around the pivot whose sweep is proportional to |u| (counter-clockwise for u &gt; 0). State:
 * [θ, θ̇].
 */
final class PendulumRenderer extends EnvRenderer {
    private static final int DIM = 500;
    private static final double SCALE = DIM / (2 * 2.2);
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
        return 30;
    }

    @Override
    void draw(Graphics2D g, double[] s, double[] action) {
        double rodLength = SCALE;
        double rodWidth = 0.2 * SCALE;
        double angle = s[0] + Math.PI / 2;
        Color rod = new Color(204, 77, 77);
        fill(g, box(0, rodLength, rodWidth / 2, -rodWidth / 2, angle, OFFSET, OFFSET), rod);
        fillCircle(g, OFFSET, OFFSET, rodWidth / 2, rod);
        fillCircle(g, OFFSET + rodLength * Math.cos(angle), OFFSET + rodLength * Math.sin(angle), rodWidth / 2, rod);
        if (action != null && action[0] != 0) {
            double u = Math.max(-2, Math.min(2, action[0]));
            double r = 0.5 * SCALE;
            double sweep = Math.toRadians(150) * u / 2;
            Path2D.Double arc = new Path2D.Double();
            for (int k = 0; k <= 32; k++) {
                double t = Math.PI / 2 + sweep * k / 32;
                if (k == 0) {
                    arc.moveTo(OFFSET + r * Math.cos(t), OFFSET + r * Math.sin(t));
                } else {
                    arc.lineTo(OFFSET + r * Math.cos(t), OFFSET + r * Math.sin(t));
                }
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3f));
            g.draw(arc);
            double end = Math.PI / 2 + sweep;
            double ex = OFFSET + r * Math.cos(end);
            double ey = OFFSET + r * Math.sin(end);
            double dir = end + Math.signum(u) * Math.PI / 2;
            double[][] head = {{0, 0}, {-12, 6}, {-12, -6}};
            fill(g, polygon(head, dir, ex, ey), Color.BLACK);
        }
        fillCircle(g, OFFSET, OFFSET, 0.05 * SCALE, Color.BLACK);
    }
}
