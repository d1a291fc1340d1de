package org.npg4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.npg4j.env.Env;
import org.npg4j.env.Envs;
import org.npg4j.mujoco.MujocoEnv;

/**
 * Draws a frame of an env from its internal state ({@code Env.state()}, layout documented by each env) the way
 * Gymnasium's {@code render_mode="rgb_array"} does: same canvas size, scale, shapes and colours. Subclasses draw in
 * Gymnasium's pygame coordinates before its final vertical flip (origin bottom-left, y up).
 */
abstract class EnvRenderer {
    private static final Map<String, Supplier<EnvRenderer>> RENDERERS = Map.of(
            "CartPole-v1", CartPoleRenderer::new,
            "Acrobot-v1", AcrobotRenderer::new,
            "MountainCar-v0", () -> new MountainCarRenderer(0.5),
            "MountainCarContinuous-v0", () -> new MountainCarRenderer(0.45),
            "Pendulum-v1", PendulumRenderer::new,
            "LunarLander-v3", LunarLanderRenderer::new,
            "LunarLanderContinuous-v3", LunarLanderRenderer::new);

    /** The renderer of an env id; fails naming the id and the envs that can be drawn. */
    static EnvRenderer forEnv(String id) {
        Supplier<EnvRenderer> r = RENDERERS.get(id);
        if (r == null && Envs.ids().contains(id)) {
            // Any MuJoCo env is drawn from its model's geoms.
            Env env = Envs.make(id);
            if (env instanceof MujocoEnv mujoco) {
                return new MujocoRenderer(mujoco);
            }
            env.close();
        }
        if (r == null) {
            throw new IllegalArgumentException("no renderer for env '" + id + "' (can draw: "
                    + String.join(", ", List.copyOf(new java.util.TreeSet<>(RENDERERS.keySet()))) + ")");
        }
        return r.get();
    }

    abstract int width();

    abstract int height();

    /** Gymnasium's {@code metadata["render_fps"]}. */
    abstract double fps();

    /**
     * Draws the scene in y-up coordinates.
     *
     * @param action the action that led to this state, or null for the first frame of an episode
     */
    abstract void draw(Graphics2D g, double[] state, double[] action);

    /** A new frame: white background, antialiased, flipped so that y points up. */
    final BufferedImage render(double[] state, double[] action) {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width(), height());
            g.translate(0, height());
            g.scale(1, -1);
            draw(g, state, action);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The polygon of {@code points} rotated by {@code angle} about the origin, then translated by (tx, ty). */
    static Path2D.Double polygon(double[][] points, double angle, double tx, double ty) {
        AffineTransform t = new AffineTransform();
        t.translate(tx, ty);
        t.rotate(angle);
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < points.length; i++) {
            if (i == 0) {
                p.moveTo(points[i][0], points[i][1]);
            } else {
                p.lineTo(points[i][0], points[i][1]);
            }
        }
        p.closePath();
        p.transform(t);
        return p;
    }

    /** The rectangle [l, r] × [b, t] rotated and translated as in {@link #polygon}. */
    static Path2D.Double box(double l, double r, double t, double b, double angle, double tx, double ty) {
        return polygon(new double[][] {{l, b}, {l, t}, {r, t}, {r, b}}, angle, tx, ty);
    }

    static void fillCircle(Graphics2D g, double cx, double cy, double radius, Color c) {
        g.setColor(c);
        g.fill(new Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius));
    }

    static void fill(Graphics2D g, java.awt.Shape s, Color c) {
        g.setColor(c);
        g.fill(s);
    }
}
