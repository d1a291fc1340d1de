package org.npg4j.mujoco;

/** The kinds of named model objects (MuJoCo's {@code mjtObj}), for {@link MjModel#id} and {@link MjModel#name}. */
public enum ObjectType {
    BODY(1),
    JOINT(3),
    GEOM(5),
    SITE(6),
    CAMERA(7),
    ACTUATOR(18),
    SENSOR(19),
    KEY(23);

    /** MuJoCo's {@code mjtObj} value. */
    final int code;

    ObjectType(int code) {
        this.code = code;
    }

    /** The lower-case name, as in MuJoCo's XML ({@code "body"}, {@code "geom"}, ...). */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
