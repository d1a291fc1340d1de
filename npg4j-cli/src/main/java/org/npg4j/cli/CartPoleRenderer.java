package org.npg4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;

/**
 * CartPole-v1 as Gymnasium draws it: 600×400, 125 px per metre (the ±2.4 m track spans the width), a 50×30 black cart
 * whose top is at y = 100, a 10 px wide pole of 1 m (2 × the half length 0.5) in (202, 152, 101) on an axle of
 * (129, 132, 203). State: [x, ẋ, θ, θ̇].
 */
final class CartPoleRenderer extends EnvRenderer {
    private static final double SCALE = 600 / (2 * 2.4);
    private static final double POLE_WIDTH = 10;
    private static final double POLE_LEN = SCALE * 1.0;
    private static final double CART_WIDTH = 50;
    private static final double CART_HEIGHT = 30;
    private static final double CART_Y = 100;

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

    @Override
    void draw(Graphics2D g, double[] s, double[] action) {
        double cartX = s[0] * SCALE + width() / 2.0;
        double axleOffset = CART_HEIGHT / 4;
        fill(g, box(-CART_WIDTH / 2, CART_WIDTH / 2, CART_HEIGHT / 2, -CART_HEIGHT / 2, 0, cartX, CART_Y),
                Color.BLACK);
        // Gymnasium rotates the pole by -θ (θ > 0 leans right).
        fill(g, box(-POLE_WIDTH / 2, POLE_WIDTH / 2, POLE_LEN - POLE_WIDTH / 2, -POLE_WIDTH / 2, -s[2], cartX,
                CART_Y + axleOffset), new Color(202, 152, 101));
        fillCircle(g, cartX, CART_Y + axleOffset, POLE_WIDTH / 2, new Color(129, 132, 203));
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(0, CART_Y, width(), CART_Y));
    }
}
