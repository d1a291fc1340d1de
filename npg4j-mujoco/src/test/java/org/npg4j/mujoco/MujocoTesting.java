package org.npg4j.mujoco;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Shared helpers of the engine tests: skip (not fail) where MuJoCo is missing, and the test models. */
final class MujocoTesting {
    private MujocoTesting() {
    }

    /** Skips the calling test, with the install message as reason, unless MuJoCo is available. */
    static void assumeMujoco() {
        assumeTrue(Mujoco.isAvailable(), Mujoco::unavailableReason);
    }

    /** The text of a model in this package's resources ({@code point_mass.xml}, {@code planar_hopper.xml}). */
    static String xml(String name) {
        try (InputStream in = MjModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MjModel hopper() {
        return MjModel.fromXml(xml("planar_hopper.xml"));
    }

    static MjModel pointMass() {
        return MjModel.fromXml(xml("point_mass.xml"));
    }
}
