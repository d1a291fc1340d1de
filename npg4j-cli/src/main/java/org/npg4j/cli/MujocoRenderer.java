package org.npg4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.npg4j.mujoco.MjData;
import org.npg4j.mujoco.MjModel;
import org.npg4j.mujoco.MujocoEnv;

/**
 * Draws any MuJoCo env as a flat projection of its geoms, a stand-in for MuJoCo's OpenGL renderer: spheres as discs,
 * capsules and cylinders as thick segments (round or flat ends), boxes as the outline of their projected corners,
 * planes as the ground, lined every 0.5 m. The view drops the world axis along which the model is thinnest at its initial pose: y for
 * the side-on walkers and pendulums (the x–z plane, seen from −y as Gymnasium's tracking camera), z for the tasks
 * that move in the horizontal plane (Swimmer, Reacher, Pusher, Ant), seen from above. The camera follows body 1 (the
 * torso, cart or base), and the scale fits the initial pose 2.2 times into the 480×480 frame (Gymnasium's default
 * size). Colours are the geoms' rgba; invisible geoms (alpha 0) are skipped. Far geoms are drawn first.
 *
 * <p>The renderer owns an env of the same id: it puts each drawn state ({@code qpos ++ qvel}) into that env, whose
 * reset sequence ends with {@code mj_forward}, and reads the geoms' poses from it.
 */
final class MujocoRenderer extends EnvRenderer {
    private static final int SIZE = 480;
    private static final int PLANE = 0;
    private static final int SPHERE = 2;
    private static final int CAPSULE = 3;
    private static final int ELLIPSOID = 4;
    private static final int CYLINDER = 5;
    private static final int BOX = 6;
    /** Spacing of the lines drawn on planes, so that motion shows while the camera follows the body. */
    private static final double GRID = 0.5;

    private final MujocoEnv env;
    private final MjModel model;
    private final MjData data;
    private final int[] type;
    private final double[] size;
    private final double[] rgba;
    private final double[] xpos;
    private final double[] xmat;
    private final double[] bodyXpos;
    /** The two world axes of the view (0 x, 1 y, 2 z) and the depth axis, whose far side is drawn first. */
    private final int horizontal;
    private final int vertical;
    private final int depth;
    private final double scale;
    private final double[] centre = new double[2];
    private final double[] trackedStart = new double[2];

    MujocoRenderer(MujocoEnv env) {
        this.env = env;
        this.model = env.model();
        this.data = env.data();
        this.type = model.geomType();
        this.size = model.geomSize();
        this.rgba = model.geomRgba();
        this.xpos = new double[3 * model.ngeom()];
        this.xmat = new double[9 * model.ngeom()];
        this.bodyXpos = new double[3 * model.nbody()];
        env.reset(0);
        data.geomXpos(xpos);
        data.geomXmat(xmat);
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int g = 0; g < type.length; g++) {
            if (type[g] == PLANE) {
                continue;
            }
            for (int a = 0; a < 3; a++) {
                double r = halfExtent(g, a);
                lo[a] = Math.min(lo[a], xpos[3 * g + a] - r);
                hi[a] = Math.max(hi[a], xpos[3 * g + a] + r);
            }
        }
        boolean topView = hi[2] - lo[2] < hi[1] - lo[1];
        this.horizontal = 0;
        this.vertical = topView ? 1 : 2;
        this.depth = topView ? 2 : 1;
        double extent = Math.max(hi[horizontal] - lo[horizontal], hi[vertical] - lo[vertical]);
        this.scale = SIZE / (2.2 * Math.max(extent, 1e-3));
        centre[0] = (lo[horizontal] + hi[horizontal]) / 2;
        centre[1] = (lo[vertical] + hi[vertical]) / 2;
        data.xpos(bodyXpos);
        trackedStart[0] = bodyXpos[3 + horizontal];
        trackedStart[1] = bodyXpos[3 + vertical];
    }

    /** Half the extent of geom g along world axis a (for the initial framing only). */
    private double halfExtent(int g, int a) {
        double sx = size[3 * g];
        double sy = size[3 * g + 1];
        double sz = size[3 * g + 2];
        double[] r = {xmat[9 * g + 3 * a], xmat[9 * g + 3 * a + 1], xmat[9 * g + 3 * a + 2]};
        return switch (type[g]) {
            case SPHERE -> sx;
            case CAPSULE -> sx + Math.abs(r[2]) * sy;
            case CYLINDER -> sx * Math.hypot(r[0], r[1]) + Math.abs(r[2]) * sy;
            default -> Math.abs(r[0]) * sx + Math.abs(r[1]) * sy + Math.abs(r[2]) * sz;
        };
    }

    @Override
    int width() {
        return SIZE;
    }

    @Override
    int height() {
        return SIZE;
    }

    @Override
    double fps() {
        return Math.round(1.0 / env.dt());
    }

    @Override
    void draw(Graphics2D g, double[] state, double[] action) {
        env.setState(state, 0);
        data.geomXpos(xpos);
        data.geomXmat(xmat);
        data.xpos(bodyXpos);
        // Follow body 1 in the horizontal axis (and, seen from above, in the vertical one too).
        double ox = centre[0] + bodyXpos[3 + horizontal] - trackedStart[0];
        double oy = depth == 2 ? centre[1] + bodyXpos[3 + vertical] - trackedStart[1] : centre[1];
        g.translate(SIZE / 2.0, SIZE / 2.0);
        g.scale(scale, scale);
        g.translate(-ox, -oy);
        Integer[] order = IntStream.range(0, type.length).boxed().toArray(Integer[]::new);
        // Side view: the camera looks along +y, so larger y is farther; top view: lower z is farther.
        Comparator<Integer> farFirst = depth == 1
                ? Comparator.comparingDouble(i -> -xpos[3 * i + 1])
                : Comparator.comparingDouble(i -> xpos[3 * i + 2]);
        Arrays.sort(order, farFirst);
        for (int i : order) {
            if (type[i] == PLANE) {
                drawPlane(g, i, ox, oy);
            }
        }
        for (int i : order) {
            if (type[i] != PLANE && rgba[4 * i + 3] > 0) {
                drawGeom(g, i);
            }
        }
    }

    private Color colour(int i) {
        return new Color((float) clamp(rgba[4 * i]), (float) clamp(rgba[4 * i + 1]), (float) clamp(rgba[4 * i + 2]),
                (float) clamp(rgba[4 * i + 3]));
    }

    private static double clamp(double c) {
        return Math.min(Math.max(c, 0.0), 1.0);
    }

    /** A plane: from the side, the ground below its height; from above, the floor under everything. */
    private void drawPlane(Graphics2D g, int i, double ox, double oy) {
        double half = SIZE / (2 * scale);
        g.setColor(colour(i));
        if (depth == 1) {
            double top = xpos[3 * i + 2];
            g.fill(new Rectangle2D.Double(ox - half, oy - half, 2 * half, Math.max(0.0, top - (oy - half))));
            g.setColor(colour(i).darker());
            g.setStroke(new BasicStroke((float) (1.0 / scale)));
            for (double x = Math.floor((ox - half) / GRID) * GRID; x <= ox + half; x += GRID) {
                g.draw(new Line2D.Double(x, top, x, top - 0.1));
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke((float) (1.5 / scale)));
            g.draw(new Line2D.Double(ox - half, top, ox + half, top));
        } else {
            // From above the plane is the whole background: lighten it so that geoms of its colour stand out.
            Color c = colour(i);
            g.setColor(new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2));
            g.fill(new Rectangle2D.Double(ox - half, oy - half, 2 * half, 2 * half));
            g.setColor(c);
            g.setStroke(new BasicStroke((float) (1.0 / scale)));
            for (double x = Math.floor((ox - half) / GRID) * GRID; x <= ox + half; x += GRID) {
                g.draw(new Line2D.Double(x, oy - half, x, oy + half));
            }
            for (double y = Math.floor((oy - half) / GRID) * GRID; y <= oy + half; y += GRID) {
                g.draw(new Line2D.Double(ox - half, y, ox + half, y));
            }
        }
    }

    /** A geom, with a thin darker rim so that touching parts of one colour stay apart. */
    private void drawGeom(Graphics2D g, int i) {
        double px = xpos[3 * i + horizontal];
        double py = xpos[3 * i + vertical];
        double sx = size[3 * i];
        double rim = 1.0 / scale;
        Color fill = colour(i);
        Color edge = fill.darker();
        switch (type[i]) {
            case SPHERE, ELLIPSOID -> {
                g.setColor(edge);
                g.fill(new Ellipse2D.Double(px - sx - rim, py - sx - rim, 2 * (sx + rim), 2 * (sx + rim)));
                g.setColor(fill);
                g.fill(new Ellipse2D.Double(px - sx, py - sx, 2 * sx, 2 * sx));
            }
            case CAPSULE, CYLINDER -> {
                // The geom's local z axis is the third column of its rotation matrix (row-major).
                double half = size[3 * i + 1];
                double ax = xmat[9 * i + 3 * horizontal + 2] * half;
                double ay = xmat[9 * i + 3 * vertical + 2] * half;
                // Seen along its axis, a cylinder shows its disc.
                boolean endOn = Math.abs(xmat[9 * i + 3 * depth + 2]) > Math.hypot(ax, ay) / half;
                int cap = type[i] == CAPSULE || endOn ? BasicStroke.CAP_ROUND : BasicStroke.CAP_BUTT;
                Line2D.Double axis = new Line2D.Double(px - ax, py - ay, px + ax, py + ay);
                g.setColor(edge);
                g.setStroke(new BasicStroke((float) (2 * (sx + rim)), cap, BasicStroke.JOIN_ROUND));
                g.draw(axis);
                g.setColor(fill);
                g.setStroke(new BasicStroke((float) (2 * sx), cap, BasicStroke.JOIN_ROUND));
                g.draw(axis);
            }
            case BOX -> {
                Path2D.Double outline = projectedBox(i, px, py);
                g.setColor(fill);
                g.fill(outline);
                g.setColor(edge);
                g.setStroke(new BasicStroke((float) rim));
                g.draw(outline);
            }
            default -> {
                // Height fields and meshes are not drawn.
            }
        }
    }

    /** The convex hull of a box's 8 corners projected on the view plane (Andrew's monotone chain). */
    private Path2D.Double projectedBox(int i, double px, double py) {
        double[][] pts = new double[8][];
        for (int c = 0; c < 8; c++) {
            double[] local = {(c & 1) == 0 ? -size[3 * i] : size[3 * i], (c & 2) == 0 ? -size[3 * i + 1] : size[3 * i + 1],
                (c & 4) == 0 ? -size[3 * i + 2] : size[3 * i + 2]};
            double u = px;
            double v = py;
            for (int k = 0; k < 3; k++) {
                u += xmat[9 * i + 3 * horizontal + k] * local[k];
                v += xmat[9 * i + 3 * vertical + k] * local[k];
            }
            pts[c] = new double[] {u, v};
        }
        Arrays.sort(pts, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double[][] hull = new double[16][];
        int n = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = n;
            for (int k = 0; k < 8; k++) {
                double[] p = pts[pass == 0 ? k : 7 - k];
                while (n >= start + 2 && cross(hull[n - 2], hull[n - 1], p) <= 0) {
                    n--;
                }
                hull[n++] = p;
            }
            n--;
        }
        Path2D.Double path = new Path2D.Double();
        for (int k = 0; k < n; k++) {
            if (k == 0) {
                path.moveTo(hull[k][0], hull[k][1]);
            } else {
                path.lineTo(hull[k][0], hull[k][1]);
            }
        }
        path.closePath();
        return path;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
