package org.npg4j.mujoco.safety.nav;

import java.util.Locale;

/**
 * A kind of object in a navigation world, as Safety-Gymnasium's geoms, free geoms and mocaps: its name (the key of
 * its lidar in the observation, {@code name + "_lidar"}), how many there are, its size, keep-out and placement, its
 * colour, and whether the lidar sees it. Instances are named as in Safety-Gymnasium: {@code hazard0, hazard1, ...}
 * for a group {@code hazards}, the name itself for a single object ({@code goal}, {@code circle}).
 */
final class Group {
    /** How the objects exist in the model. */
    enum Kind {
        /** A flat non-colliding cylinder on a mocap body (goal, hazards, the circle's disc). */
        DISC,
        /** A colliding sphere on a mocap body, fixed in place (buttons). */
        SPHERE,
        /** A non-colliding upright wall marker on a mocap body (sigwalls). */
        WALL,
        /** A light box on a free joint that the robot can push (vases). */
        VASE,
        /** A light box on a free joint welded to a mocap body that circles (gremlins). */
        GREMLIN
    }

    final String name;
    final Kind kind;
    final boolean single;
    int num;
    final double size;
    final double keepout;
    /** Height of the body origin above the floor. */
    final double z;
    /** Half-height of a disc. */
    final double halfHeight;
    final double[] rgba;
    final int geomGroup;
    final boolean lidar;
    /** Fixed locations (x, y pairs) of the first instances, or null. */
    double[][] locations;
    /** Placement rectangles, or null for the task's extents. */
    double[][] rects;
    /** Whether the object costs (hazards inside, vases touched or moving, ...). */
    boolean constrained;

    // Resolved when the world is built.
    int firstEntry = -1;
    int firstMocap = -1;
    int[] bodies;
    int[] qposAdr;
    int[] dofAdr;

    Group(String name, Kind kind, boolean single, int num, double size, double keepout, double z, double halfHeight,
            double[] rgba, int geomGroup, boolean lidar, boolean constrained) {
        this.name = name;
        this.kind = kind;
        this.single = single;
        this.num = num;
        this.size = size;
        this.keepout = keepout;
        this.z = z;
        this.halfHeight = halfHeight;
        this.rgba = rgba;
        this.geomGroup = geomGroup;
        this.lidar = lidar;
        this.constrained = constrained;
    }

    static double[] colour(double r, double g, double b, double alpha) {
        return new double[] {r, g, b, alpha};
    }

    /** Safety-Gymnasium's goal: a green disc of radius {@code size}, half as high, at {@code size / 2 + 0.01}. */
    static Group goal(double size, double keepout, double alpha) {
        return new Group("goal", Kind.DISC, true, 1, size, keepout, size / 2 + 1e-2, size / 2,
                colour(0, 1, 0, alpha), 9, true, false);
    }

    /** Hazards: blue discs of radius 0.2 and height 0.02; cost while the robot's centre is inside one. */
    static Group hazards(int num, double keepout) {
        return new Group("hazards", Kind.DISC, false, num, 0.2, keepout, 2e-2, 1e-2, colour(0, 0, 1, 0.25), 3, true,
                true);
    }

    /** Vases: cyan boxes of half-size 0.1 and density 0.001 on free joints, keep-out 0.15. */
    static Group vases(int num, boolean constrained) {
        return new Group("vases", Kind.VASE, false, num, 0.1, 0.15, 0.1 - 4e-5, 0.1, colour(0, 1, 1, 1), 4, true,
                constrained);
    }

    /** Buttons: orange spheres of radius 0.1 fixed at height 0.1, keep-out 0.2. */
    static Group buttons(int num, boolean constrained) {
        return new Group("buttons", Kind.SPHERE, false, num, 0.1, 0.2, 0.1, 0.1, colour(1, 0.5, 0, 1), 1, true,
                constrained);
    }

    /** Gremlins: purple boxes of half-size 0.1 and density 0.001 that circle their spot. */
    static Group gremlins(int num, double keepout) {
        return new Group("gremlins", Kind.GREMLIN, false, num, 0.1, keepout, 0.1, 0.1, colour(0.5, 0, 1, 1), 5, true,
                true);
    }

    /** The Circle task's disc: radius 1.5 at the origin, seen by the lidar as its centre. */
    static Group circle() {
        Group g = new Group("circle", Kind.DISC, true, 1, 1.5, 0.0, 1e-2, 1e-2, colour(0, 1, 0, 0.1), 6, true, false);
        g.locations = new double[][] {{0, 0}};
        return g;
    }

    /** Sigwalls: yellow non-colliding markers at x = ±locate (and y = ±locate for four). */
    static Group sigwalls(int num, double locate, boolean constrained) {
        Group g = new Group("sigwalls", Kind.WALL, false, num, 3.5, 0.0, 0.25, 0.3, colour(1, 1, 0, 0.1), 10, false,
                constrained);
        g.locations = new double[][] {{locate, 0}, {-locate, 0}, {0, locate}, {0, -locate}};
        return g;
    }

    String instance(int i) {
        return single ? name : name.substring(0, name.length() - 1) + i;
    }

    boolean mocap() {
        return kind == Kind.DISC || kind == Kind.SPHERE || kind == Kind.WALL;
    }

    /** The MJCF of the group's bodies; mocap bodies are listed in {@code mocapXml}, free bodies in {@code freeXml}. */
    void appendXml(StringBuilder freeXml, StringBuilder mocapXml, StringBuilder equality) {
        String rgbaText = fmt(rgba[0]) + " " + fmt(rgba[1]) + " " + fmt(rgba[2]) + " " + fmt(rgba[3]);
        for (int i = 0; i < num; i++) {
            String n = instance(i);
            switch (kind) {
                case DISC -> mocapXml.append(String.format(Locale.ROOT,
                        "<body name=\"%s\" mocap=\"true\" pos=\"0 0 %s\"><geom name=\"%s\" type=\"cylinder\" "
                                + "size=\"%s %s\" contype=\"0\" conaffinity=\"0\" group=\"%d\" rgba=\"%s\"/></body>\n",
                        n, fmt(z), n, fmt(size), fmt(halfHeight), geomGroup, rgbaText));
                case SPHERE -> mocapXml.append(String.format(Locale.ROOT,
                        "<body name=\"%s\" mocap=\"true\" pos=\"0 0 %s\"><geom name=\"%s\" type=\"sphere\" "
                                + "size=\"%s\" group=\"%d\" rgba=\"%s\"/></body>\n",
                        n, fmt(z), n, fmt(size), geomGroup, rgbaText));
                case WALL -> mocapXml.append(String.format(Locale.ROOT,
                        "<body name=\"%s\" mocap=\"true\" pos=\"0 0 %s\"><geom name=\"%s\" type=\"box\" "
                                + "size=\"0.05 %s %s\" contype=\"0\" conaffinity=\"0\" group=\"%d\" rgba=\"%s\"/>"
                                + "</body>\n",
                        n, fmt(z), n, fmt(size), fmt(halfHeight), geomGroup, rgbaText));
                case VASE -> freeXml.append(String.format(Locale.ROOT,
                        "<body name=\"%s\" pos=\"0 0 %s\"><freejoint name=\"%s\"/><geom name=\"%s\" type=\"box\" "
                                + "size=\"%s %s %s\" density=\"0.001\" group=\"%d\" rgba=\"%s\"/></body>\n",
                        n, fmt(z), n, n, fmt(size), fmt(size), fmt(size), geomGroup, rgbaText));
                case GREMLIN -> {
                    String obj = n + "obj";
                    String moc = n + "mocap";
                    freeXml.append(String.format(Locale.ROOT,
                            "<body name=\"%s\" pos=\"0 0 %s\"><freejoint name=\"%s\"/><geom name=\"%s\" type=\"box\" "
                                    + "size=\"%s %s %s\" density=\"0.001\" group=\"%d\" rgba=\"%s\"/></body>\n",
                            obj, fmt(z), obj, obj, fmt(size), fmt(size), fmt(size), geomGroup, rgbaText));
                    String ghost = fmt(rgba[0]) + " " + fmt(rgba[1]) + " " + fmt(rgba[2]) + " " + fmt(rgba[3] * 0.1);
                    mocapXml.append(String.format(Locale.ROOT,
                            "<body name=\"%s\" mocap=\"true\" pos=\"0 0 %s\"><geom name=\"%s\" type=\"box\" "
                                    + "size=\"%s %s %s\" contype=\"0\" conaffinity=\"0\" group=\"%d\" rgba=\"%s\"/>"
                                    + "</body>\n",
                            moc, fmt(z), moc, fmt(size), fmt(size), fmt(size), geomGroup, ghost));
                    equality.append(String.format(Locale.ROOT,
                            "<weld name=\"%s\" body1=\"%s\" body2=\"%s\" solref=\"0.02 1.5\"/>\n", moc, moc, obj));
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
    }

    private static String fmt(double v) {
        return Double.toString(v);
    }
}
