package org.npg4j.mujoco;

/**
 * The arrays of MuJoCo's {@code mjData} that {@link MjData#read} copies out (all of them) and {@link MjData#write}
 * copies in (the {@linkplain #writable() writable} ones: state and inputs), named as in MuJoCo. Sizes in the model's
 * terms; matrices are row-major ({@code nbody x 3} means body after body). Spatial vectors ({@code cvel},
 * {@code cfrc_ext}, ...) are MuJoCo's [rotation; translation] 6-vectors, {@code cinert} its 10-number inertia.
 */
public enum DataArray {
    /** Position, nq. */
    QPOS(0, true),
    /** Velocity, nv. */
    QVEL(1, true),
    /** Actuator activation, na. */
    ACT(2, true),
    /** Control, nu. */
    CTRL(3, true),
    /** Acceleration, nv. */
    QACC(4, false),
    /** Acceleration used to warm-start the constraint solver, nv (part of the state for bit-exact continuation). */
    QACC_WARMSTART(5, true),
    /** Applied generalized force, nv. */
    QFRC_APPLIED(6, true),
    /** Applied Cartesian force/torque, nbody x 6. */
    XFRC_APPLIED(7, true),
    /** Cartesian position of each body frame, nbody x 3. */
    XPOS(8, false),
    /** Cartesian orientation of each body frame as a quaternion (w, x, y, z), nbody x 4. */
    XQUAT(9, false),
    /** Cartesian orientation of each body frame, nbody x 9. */
    XMAT(10, false),
    /** Cartesian position of each body's centre of mass, nbody x 3. */
    XIPOS(11, false),
    /** Cartesian position of each geom, ngeom x 3. */
    GEOM_XPOS(12, false),
    /** Cartesian orientation of each geom, ngeom x 9. */
    GEOM_XMAT(13, false),
    /** Cartesian position of each site, nsite x 3. */
    SITE_XPOS(14, false),
    /** Cartesian orientation of each site, nsite x 9. */
    SITE_XMAT(15, false),
    /** Centre of mass of each subtree, nbody x 3. */
    SUBTREE_COM(16, false),
    /** Com-based body inertia and mass, nbody x 10. */
    CINERT(17, false),
    /** Com-based velocity [rotation; translation], nbody x 6. */
    CVEL(18, false),
    /** Com-based acceleration, nbody x 6 (filled by {@code mj_rnePostConstraint}). */
    CACC(19, false),
    /** Com-based interaction force with the parent, nbody x 6 (filled by {@code mj_rnePostConstraint}). */
    CFRC_INT(20, false),
    /** Com-based external force on each body, nbody x 6 (filled by {@code mj_rnePostConstraint}). */
    CFRC_EXT(21, false),
    /** Actuator force in joint space, nv. */
    QFRC_ACTUATOR(22, false),
    /** Constraint force in joint space, nv. */
    QFRC_CONSTRAINT(23, false),
    /** Passive force, nv. */
    QFRC_PASSIVE(24, false),
    /** Bias force C(qpos, qvel), nv. */
    QFRC_BIAS(25, false),
    /** Actuator force in actuation space, nu. */
    ACTUATOR_FORCE(26, false),
    /** Sensor readings, nsensordata. */
    SENSORDATA(27, false),
    /** Positions of mocap bodies, nmocap x 3. */
    MOCAP_POS(28, true),
    /** Orientations of mocap bodies, nmocap x 4. */
    MOCAP_QUAT(29, true),
    /** User data, nuserdata (never touched by the engine). */
    USERDATA(30, true),
    /** Linear velocity of each subtree's centre of mass, nbody x 3 (only filled when a sensor needs it). */
    SUBTREE_LINVEL(31, false),
    /** Angular momentum of each subtree about its centre of mass, nbody x 3 (only filled when a sensor needs it). */
    SUBTREE_ANGMOM(32, false),
    /** Length of each tendon, ntendon. */
    TEN_LENGTH(33, false),
    /** Velocity of each tendon, ntendon. */
    TEN_VELOCITY(34, false);

    final int code;
    private final boolean writable;

    DataArray(int code, boolean writable) {
        this.code = code;
        this.writable = writable;
    }

    /** Whether {@link MjData#write} accepts it: the state (qpos, qvel, act, warm start) and the inputs. */
    public boolean writable() {
        return writable;
    }
}
