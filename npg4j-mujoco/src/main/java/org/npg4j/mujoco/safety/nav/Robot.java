package org.npg4j.mujoco.safety.nav;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Safety-Gymnasium's navigation robots: their MJCF (this package's {@code point.xml}, {@code car.xml}), their keep-out
 * radius for placement (0.4), and the sensors their observation holds. Every robot reports its {@code agent} site's
 * accelerometer, velocimeter, gyro and magnetometer (3 values each, in the site's frame); the Car adds its rear ball
 * wheel's angular velocity (3) and orientation, as the 3×3 rotation matrix of the joint's quaternion (9, row-major),
 * as Safety-Gymnasium does with {@code sensors_angle_components}.
 */
public enum Robot {
    /** A sphere pushed along its heading and turned by a velocity servo (x, y slides and a z hinge; 2 controls). */
    POINT("Point", "point.xml", List.of()),
    /** A two-wheeled differential-drive car with a rear ball wheel, on a free joint (2 controls). */
    CAR("Car", "car.xml", List.of("ballangvel_rear", "ballquat_rear"));

    /** Sensors of every robot, read from the {@code agent} site. */
    static final List<String> SITE_SENSORS = List.of("accelerometer", "velocimeter", "gyro", "magnetometer");
    /** The robot's keep-out radius when placing objects around it. */
    static final double KEEPOUT = 0.4;

    private final String label;
    private final String resource;
    private final List<String> jointSensors;

    Robot(String label, String resource, List<String> jointSensors) {
        this.label = label;
        this.resource = resource;
        this.jointSensors = jointSensors;
    }

    /** The name in env ids ({@code Point}, {@code Car}). */
    public String label() {
        return label;
    }

    /** Sensors of the robot's joints observed besides {@link #SITE_SENSORS}. */
    List<String> jointSensors() {
        return jointSensors;
    }

    /** Whether the robot moves on a free joint (the Car) rather than on planar slides and a hinge (the Point). */
    boolean freeJoint() {
        return this == CAR;
    }

    /** The MJCF text of the robot alone, with the markers where a task adds its objects. */
    String xml() {
        try (InputStream in = Robot.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing MJCF resource " + resource + " next to " + Robot.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
