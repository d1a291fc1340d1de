package org.npg4j.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled MuJoCo model ({@code mjModel}): load any MJCF file or XML text. It is read-only after loading, so one
 * model may be shared by many threads, each stepping its own {@link MjData} (MuJoCo's threading rule: one
 * {@code mjModel} shared, one {@code mjData} per thread).
 *
 * <p>Sizes, names and the constant arrays a task needs (initial positions, control ranges, masses, geoms for
 * drawing) are copied into Java once, at load; getters of arrays return copies (call them at set-up, not per step).
 * Arrays of several values per object are flat and row-major, e.g. {@link #actuatorCtrlRange()} is
 * {@code [lo0, hi0, lo1, hi1, ...]}.
 *
 * <p>Closing frees the native model once every {@link MjData} made from it is closed too; a model nobody closes is
 * freed after it (and its data) became unreachable.
 */
public final class MjModel implements AutoCloseable {
    /** The name the XML text of {@link #fromXml(String)} gets in MuJoCo's virtual file system. */
    static final String XML_TEXT_NAME = "model.xml";

    /** MuJoCo's integrators ({@code mjtIntegrator}). */
    public enum Integrator { EULER, RK4, IMPLICIT }

    private final NativeHandles.Model handle;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;
    private final String source;

    private final int nq;
    private final int nv;
    private final int nu;
    private final int na;
    private final int nbody;
    private final int njnt;
    private final int ngeom;
    private final int nsite;
    private final int nsensor;
    private final int nsensordata;
    private final int nmocap;
    private final int nuserdata;
    private final Integrator integrator;
    private final int nkey;
    private final int ntendon;
    private final double timestep;

    private final double[] qpos0;
    private final double[] actuatorCtrlRange;
    private final boolean[] actuatorCtrlLimited;
    private final double[] actuatorGear;
    private final double[] bodyMass;
    private final double[] bodyPos;
    private final double[] bodyInertia;
    private final int[] bodyParentId;
    private final int[] jntType;
    private final int[] jntQposAdr;
    private final int[] jntDofAdr;
    private final int[] jntBodyId;
    private final double[] jntRange;
    private final int[] geomType;
    private final int[] geomBodyId;
    private final double[] geomSize;
    private final double[] geomRgba;
    private final double[] geomPos;
    private final double[] geomFriction;
    private final int[] geomContype;
    private final int[] geomConaffinity;
    private final int[] siteBodyId;
    private final int[] sensorAdr;
    private final int[] sensorDim;
    private final double[] keyQpos;
    private final Map<ObjectType, List<String>> names = new EnumMap<>(ObjectType.class);

    private MjModel(long pointer, String source) {
        this.handle = new NativeHandles.Model(pointer);
        this.cleanable = NativeHandles.CLEANER.register(this, new NativeHandles.ModelRelease(handle));
        this.source = source;
        int[] s = MujocoNative.modelSizes(pointer);
        nq = s[0];
        nv = s[1];
        nu = s[2];
        na = s[3];
        nbody = s[4];
        njnt = s[5];
        ngeom = s[6];
        nsite = s[7];
        nsensor = s[8];
        nsensordata = s[9];
        nmocap = s[10];
        nuserdata = s[11];
        integrator = Integrator.values()[s[12]];
        nkey = s[13];
        ntendon = s[14];
        timestep = MujocoNative.timestep(pointer);

        qpos0 = doubles(0, nq);
        actuatorCtrlRange = doubles(1, 2 * nu);
        bodyMass = doubles(2, nbody);
        geomSize = doubles(3, 3 * ngeom);
        geomRgba = doubles(4, 4 * ngeom);
        jntRange = doubles(5, 2 * njnt);
        actuatorGear = doubles(6, 6 * nu);
        geomFriction = doubles(7, 3 * ngeom);
        bodyPos = doubles(8, 3 * nbody);
        geomPos = doubles(9, 3 * ngeom);
        keyQpos = doubles(10, nkey * nq);
        bodyInertia = doubles(11, 3 * nbody);

        geomType = ints(0, ngeom);
        geomBodyId = ints(1, ngeom);
        bodyParentId = ints(2, nbody);
        jntType = ints(3, njnt);
        jntQposAdr = ints(4, njnt);
        jntDofAdr = ints(5, njnt);
        jntBodyId = ints(6, njnt);
        siteBodyId = ints(7, nsite);
        int[] limited = ints(8, nu);
        actuatorCtrlLimited = new boolean[nu];
        for (int i = 0; i < nu; i++) {
            actuatorCtrlLimited[i] = limited[i] != 0;
        }
        geomContype = ints(9, ngeom);
        geomConaffinity = ints(10, ngeom);
        sensorAdr = ints(11, nsensor);
        sensorDim = ints(12, nsensor);

        for (ObjectType type : ObjectType.values()) {
            int count = MujocoNative.objectCount(pointer, type.code);
            String[] n = new String[count];
            for (int i = 0; i < count; i++) {
                String name = MujocoNative.id2name(pointer, type.code, i);
                n[i] = name == null ? "" : name;
            }
            names.put(type, List.of(n));
        }
    }

    private double[] doubles(int field, int length) {
        double[] out = new double[length];
        MujocoNative.modelDoubles(handle.pointer, field, out);
        return out;
    }

    private int[] ints(int field, int length) {
        int[] out = new int[length];
        MujocoNative.modelInts(handle.pointer, field, out);
        return out;
    }

    /**
     * Loads and compiles an MJCF file (meshes and includes resolve relative to it, as in MuJoCo).
     *
     * @throws IllegalArgumentException     if the file does not exist
     * @throws MujocoException              if MuJoCo cannot parse or compile it (the message names the file and
     *                                      MuJoCo's error)
     * @throws MujocoNotAvailableException if MuJoCo is not installed
     */
    public static MjModel load(Path file) {
        Mujoco.ensureAvailable();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("MuJoCo model file " + file + " does not exist");
        }
        String path = file.toAbsolutePath().toString();
        return new MjModel(MujocoNative.loadXmlFile(path), path);
    }

    /**
     * Compiles a model from MJCF text. The text is the only file MuJoCo sees, so it cannot include other files or
     * refer to mesh files by relative path.
     *
     * @throws MujocoException if MuJoCo cannot parse or compile it (the message quotes MuJoCo's error, with line)
     */
    public static MjModel fromXml(String xml) {
        Mujoco.ensureAvailable();
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return new MjModel(MujocoNative.loadXmlString(bytes, XML_TEXT_NAME), "<XML text>");
    }

    /**
     * Compiles a model from a class-path resource (e.g. an asset packed in a jar), resolved against {@code anchor} as
     * {@link Class#getResourceAsStream} does; the same limits as {@link #fromXml(String)} apply.
     *
     * @throws IllegalArgumentException if there is no such resource
     */
    public static MjModel fromResource(Class<?> anchor, String name) {
        Mujoco.ensureAvailable();
        String xml;
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no MJCF resource " + name + " next to " + anchor.getName());
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return new MjModel(MujocoNative.loadXmlString(bytes, XML_TEXT_NAME), "resource " + name);
    }

    /** The file the model was loaded from, {@code resource NAME}, or {@code <XML text>}. */
    public String source() {
        return source;
    }

    /** A new simulation state for this model, reset to qpos0 (one per thread or env). */
    public MjData makeData() {
        long p = pointer();
        try {
            handle.retain();
            long sim;
            try {
                sim = MujocoNative.makeData(p);
            } catch (RuntimeException e) {
                handle.release();
                throw e;
            }
            return new MjData(this, handle, sim);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    long pointer() {
        if (closed) {
            throw new IllegalStateException("MuJoCo model " + source + " is closed");
        }
        return handle.pointer;
    }

    /** Releases the model; its memory is freed when the data made from it are closed too. Idempotent. */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    /** Number of generalized coordinates. */
    public int nq() {
        return nq;
    }

    /** Number of degrees of freedom (generalized velocities). */
    public int nv() {
        return nv;
    }

    /** Number of actuators (controls). */
    public int nu() {
        return nu;
    }

    /** Number of activation states. */
    public int na() {
        return na;
    }

    /** Number of bodies, the world body 0 included. */
    public int nbody() {
        return nbody;
    }

    public int njnt() {
        return njnt;
    }

    public int ngeom() {
        return ngeom;
    }

    public int nsite() {
        return nsite;
    }

    public int nsensor() {
        return nsensor;
    }

    /** Number of sensor readings (the length of {@link DataArray#SENSORDATA}). */
    public int nsensordata() {
        return nsensordata;
    }

    public int nmocap() {
        return nmocap;
    }

    public int nuserdata() {
        return nuserdata;
    }

    /** Number of keyframes. */
    public int nkey() {
        return nkey;
    }

    /** Number of tendons (the length of {@link DataArray#TEN_LENGTH} and {@link DataArray#TEN_VELOCITY}). */
    public int ntendon() {
        return ntendon;
    }

    /** The simulation time step {@code opt.timestep}. */
    public double timestep() {
        return timestep;
    }

    public Integrator integrator() {
        return integrator;
    }

    /** The default configuration, nq (Gymnasium's {@code init_qpos}). */
    public double[] qpos0() {
        return qpos0.clone();
    }

    /** Control ranges, nu x 2: [lo, hi] per actuator. */
    public double[] actuatorCtrlRange() {
        return actuatorCtrlRange.clone();
    }

    /** Whether each actuator's control is limited to its range. */
    public boolean[] actuatorCtrlLimited() {
        return actuatorCtrlLimited.clone();
    }

    /** Transmission gains, nu x 6. */
    public double[] actuatorGear() {
        return actuatorGear.clone();
    }

    /** Body masses, nbody. */
    public double[] bodyMass() {
        return bodyMass.clone();
    }

    /** Body positions relative to the parent, nbody x 3. */
    public double[] bodyPos() {
        return bodyPos.clone();
    }

    /** Diagonal inertias in the body's inertial frame, nbody x 3. */
    public double[] bodyInertia() {
        return bodyInertia.clone();
    }

    /** Parent body of each body (the world body is its own parent). */
    public int[] bodyParentId() {
        return bodyParentId.clone();
    }

    /** Joint types: 0 free, 1 ball, 2 slide, 3 hinge ({@code mjtJoint}). */
    public int[] jntType() {
        return jntType.clone();
    }

    /** Index of each joint's first coordinate in qpos. */
    public int[] jntQposAdr() {
        return jntQposAdr.clone();
    }

    /** Index of each joint's first degree of freedom in qvel. */
    public int[] jntDofAdr() {
        return jntDofAdr.clone();
    }

    public int[] jntBodyId() {
        return jntBodyId.clone();
    }

    /** Joint ranges, njnt x 2. */
    public double[] jntRange() {
        return jntRange.clone();
    }

    /**
     * Geom types ({@code mjtGeom}): 0 plane, 1 height field, 2 sphere, 3 capsule, 4 ellipsoid, 5 cylinder, 6 box,
     * 7 mesh.
     */
    public int[] geomType() {
        return geomType.clone();
    }

    public int[] geomBodyId() {
        return geomBodyId.clone();
    }

    /** Geom sizes, ngeom x 3 (their meaning depends on the type, as in MuJoCo). */
    public double[] geomSize() {
        return geomSize.clone();
    }

    /** Geom colours, ngeom x 4 (red, green, blue, alpha in [0, 1]). */
    public double[] geomRgba() {
        return geomRgba.clone();
    }

    /** Geom positions relative to their body, ngeom x 3. */
    public double[] geomPos() {
        return geomPos.clone();
    }

    /** Geom friction (sliding, torsional, rolling), ngeom x 3. */
    public double[] geomFriction() {
        return geomFriction.clone();
    }

    public int[] geomContype() {
        return geomContype.clone();
    }

    public int[] geomConaffinity() {
        return geomConaffinity.clone();
    }

    public int[] siteBodyId() {
        return siteBodyId.clone();
    }

    /** Index of each sensor's first reading in {@link DataArray#SENSORDATA}. */
    public int[] sensorAdr() {
        return sensorAdr.clone();
    }

    /** Number of readings of each sensor. */
    public int[] sensorDim() {
        return sensorDim.clone();
    }

    /** Keyframe configurations, nkey x nq. */
    public double[] keyQpos() {
        return keyQpos.clone();
    }

    /** Number of objects of a type. */
    public int count(ObjectType type) {
        return names.get(type).size();
    }

    /** The names of all objects of a type, by id (unnamed objects have the empty name). */
    public List<String> names(ObjectType type) {
        return names.get(type);
    }

    /** The name of object {@code id} of a type (empty if unnamed). */
    public String name(ObjectType type, int id) {
        List<String> n = names.get(type);
        if (id < 0 || id >= n.size()) {
            throw new IllegalArgumentException("MuJoCo model " + source + " has no " + type.label() + " with id " + id
                    + " (ids 0.." + (n.size() - 1) + ")");
        }
        return n.get(id);
    }

    /** The id of the named object of a type, or -1 if there is none. */
    public int findId(ObjectType type, String name) {
        return name.isEmpty() ? -1 : names.get(type).indexOf(name);
    }

    /** The id of the named object of a type; fails naming the model and the names it has. */
    public int id(ObjectType type, String name) {
        int id = findId(type, name);
        if (id < 0) {
            throw new IllegalArgumentException("MuJoCo model " + source + " has no " + type.label() + " named '" + name
                    + "' (known: " + String.join(", ", names.get(type)) + ")");
        }
        return id;
    }

    public int bodyId(String name) {
        return id(ObjectType.BODY, name);
    }

    public int jointId(String name) {
        return id(ObjectType.JOINT, name);
    }

    public int geomId(String name) {
        return id(ObjectType.GEOM, name);
    }

    public int siteId(String name) {
        return id(ObjectType.SITE, name);
    }

    public int actuatorId(String name) {
        return id(ObjectType.ACTUATOR, name);
    }

    public int sensorId(String name) {
        return id(ObjectType.SENSOR, name);
    }

    @Override
    public String toString() {
        return "MjModel[" + source + ": nq=" + nq + ", nv=" + nv + ", nu=" + nu + ", na=" + na + ", nbody=" + nbody
                + ", ngeom=" + ngeom + ", nsite=" + nsite + ", timestep=" + timestep + ", " + integrator + "]";
    }
}
