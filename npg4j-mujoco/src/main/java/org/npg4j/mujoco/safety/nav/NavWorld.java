package org.npg4j.mujoco.safety.nav;

import java.util.ArrayList;
import java.util.List;
import org.npg4j.mujoco.MjModel;

/**
 * What a navigation task is made of before its model exists: the robot, the placement extents, the object groups in
 * Safety-Gymnasium's order (geoms as the task adds them, then free geoms, then mocaps: the order of placement and of
 * random rotations), the robot's own placement and the lidar range. {@link #compile()} writes the MJCF once: the
 * robot's file with every object added, non-colliding markers and buttons on mocap bodies (moved at each reset), vases
 * and gremlins on free joints.
 */
final class NavWorld {
    final Robot robot;
    final double[] extents;
    final List<Group> groups = new ArrayList<>();
    double[][] agentRects;
    double agentKeepout = Robot.KEEPOUT;
    double lidarMaxDist = Lidar.MAX_DIST;
    int lidarBins = Lidar.BINS;

    NavWorld(Robot robot, double... extents) {
        this.robot = robot;
        this.extents = extents.clone();
    }

    Group add(Group g) {
        groups.add(g);
        return g;
    }

    /** The group named {@code name}, or null. */
    Group group(String name) {
        for (Group g : groups) {
            if (g.name.equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** The MJCF text of the world. */
    String xml() {
        StringBuilder free = new StringBuilder();
        StringBuilder mocap = new StringBuilder();
        StringBuilder equality = new StringBuilder();
        // Free bodies first, then mocap bodies, as Safety-Gymnasium's world; mocap ids follow body order.
        for (Group g : groups) {
            if (!g.mocap()) {
                g.appendXml(free, mocap, equality);
            }
        }
        for (Group g : groups) {
            if (g.mocap()) {
                g.appendXml(free, mocap, equality);
            }
        }
        String xml = robot.xml();
        xml = xml.replace("<!--OBJECTS-->", free.toString() + mocap);
        xml = xml.replace("<!--EQUALITY-->", equality.length() == 0 ? "" : "<equality>\n" + equality + "</equality>");
        return xml;
    }

    /** Compiles the model and resolves every group's bodies, joints and mocap ids in it. */
    MjModel compile() {
        MjModel model = MjModel.fromXml(xml());
        // The order xml() writes mocap bodies in: the gremlins' (written with the free bodies), then the markers'.
        int mocapIndex = 0;
        for (Group g : groups) {
            if (g.kind == Group.Kind.GREMLIN) {
                g.firstMocap = mocapIndex;
                mocapIndex += g.num;
            }
        }
        for (Group g : groups) {
            if (g.mocap()) {
                g.firstMocap = mocapIndex;
                mocapIndex += g.num;
            }
        }
        if (mocapIndex != model.nmocap()) {
            model.close();
            throw new IllegalStateException("world has " + model.nmocap() + " mocap bodies, expected " + mocapIndex);
        }
        int[] jntQposAdr = model.jntQposAdr();
        int[] jntDofAdr = model.jntDofAdr();
        for (Group g : groups) {
            g.bodies = new int[g.num];
            g.qposAdr = new int[g.num];
            g.dofAdr = new int[g.num];
            for (int i = 0; i < g.num; i++) {
                String body = g.kind == Group.Kind.GREMLIN ? g.instance(i) + "obj" : g.instance(i);
                g.bodies[i] = model.bodyId(body);
                if (g.kind == Group.Kind.VASE || g.kind == Group.Kind.GREMLIN) {
                    int joint = model.jointId(body);
                    g.qposAdr[i] = jntQposAdr[joint];
                    g.dofAdr[i] = jntDofAdr[joint];
                }
            }
        }
        return model;
    }
}
