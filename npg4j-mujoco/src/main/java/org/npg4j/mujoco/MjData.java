package org.npg4j.mujoco;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.Objects;

/**
 * One simulation state of a {@link MjModel} ({@code mjData}): positions, velocities, controls and everything MuJoCo
 * derives from them. Not thread-safe: one per env instance, stepped by one thread at a time.
 *
 * <p>Stepping: {@link #step(double[], int)} sets the controls and runs {@code n} × {@code mj_step} and then
 * {@code mj_rnePostConstraint}, in one native call: exactly what Gymnasium's {@code MujocoEnv.do_simulation} does.
 * After it the derived quantities ({@link DataArray#XPOS}, {@link DataArray#CFRC_EXT}, contacts, ...) are the ones
 * MuJoCo computed inside the last {@code mj_step} (from the state at the start of that substep, or at RK4's last
 * stage), not from the new qpos/qvel; Gymnasium's tasks read them that way, so read them right after the step.
 *
 * <p>Copy-out: {@link #read(DataArray, double[])} and the named shortcuts copy an array into a caller-provided
 * {@code double[]} of exactly the array's length ({@link #size(DataArray)}), allocating nothing.
 *
 * <p>Saved states: {@link #saveState(double[])} captures everything the future depends on (time, qpos, qvel, act,
 * the solver's warm start, controls, applied forces, mocap poses, user data) and how the derived quantities were
 * made; {@link #restoreState(double[])} into any data of the same model continues bit for bit, derived quantities
 * included.
 *
 * <p>Errors: a fatal MuJoCo error during a call throws {@link MujocoException}; the JVM carries on, and the data
 * should be reset ({@link #resetData()}) before further use. Closing frees the native memory; a data nobody closes is
 * freed once unreachable.
 */
public final class MjData implements AutoCloseable {
    private final MjModel model;
    private final Cleaner.Cleanable cleanable;
    private final int[] sizes;
    private final int stateSize;
    private long sim;

    MjData(MjModel model, NativeHandles.Model modelHandle, long sim) {
        this.model = model;
        this.sim = sim;
        this.cleanable = NativeHandles.CLEANER.register(this, new NativeHandles.DataRelease(sim, modelHandle));
        DataArray[] arrays = DataArray.values();
        this.sizes = new int[arrays.length];
        for (DataArray a : arrays) {
            sizes[a.code] = MujocoNative.dataSize(sim, a.code);
        }
        this.stateSize = MujocoNative.stateSize(sim);
    }

    /** The model this data simulates. */
    public MjModel model() {
        return model;
    }

    long simHandle() {
        return sim();
    }

    private long sim() {
        long s = sim;
        if (s == 0) {
            throw new IllegalStateException("MjData of " + model.source() + " is closed");
        }
        return s;
    }

    /** The number of values of an array in this model. */
    public int size(DataArray array) {
        return sizes[array.code];
    }

    private void checkLength(DataArray array, double[] values) {
        int n = sizes[array.code];
        if (values.length != n) {
            throw new IllegalArgumentException(array.name().toLowerCase(java.util.Locale.ROOT) + ": array of length "
                    + values.length + " given, the model " + model.source() + " has " + n);
        }
    }

    /** Copies an array of mjData into {@code out} (length {@link #size(DataArray)}); returns {@code out}. */
    public double[] read(DataArray array, double[] out) {
        checkLength(array, out);
        try {
            MujocoNative.getArray(sim(), array.code, out);
        } finally {
            Reference.reachabilityFence(this);
        }
        return out;
    }

    /**
     * Copies {@code values} into a {@linkplain DataArray#writable() writable} array of mjData. Writing a state array
     * leaves the derived quantities stale until {@link #forward()} or a step.
     */
    public void write(DataArray array, double[] values) {
        if (!array.writable()) {
            throw new IllegalArgumentException(array + " is computed by MuJoCo and cannot be written");
        }
        checkLength(array, values);
        try {
            MujocoNative.setArray(sim(), array.code, values);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public double[] qpos(double[] out) {
        return read(DataArray.QPOS, out);
    }

    public void setQpos(double[] qpos) {
        write(DataArray.QPOS, qpos);
    }

    public double[] qvel(double[] out) {
        return read(DataArray.QVEL, out);
    }

    public void setQvel(double[] qvel) {
        write(DataArray.QVEL, qvel);
    }

    public double[] act(double[] out) {
        return read(DataArray.ACT, out);
    }

    public void setAct(double[] act) {
        write(DataArray.ACT, act);
    }

    public double[] ctrl(double[] out) {
        return read(DataArray.CTRL, out);
    }

    public void setCtrl(double[] ctrl) {
        write(DataArray.CTRL, ctrl);
    }

    /** Simulation time. */
    public double time() {
        try {
            return MujocoNative.time(sim());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setTime(double time) {
        try {
            MujocoNative.setTime(sim(), time);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Body frame positions, nbody x 3. */
    public double[] xpos(double[] out) {
        return read(DataArray.XPOS, out);
    }

    /** Body frame orientations (w, x, y, z), nbody x 4. */
    public double[] xquat(double[] out) {
        return read(DataArray.XQUAT, out);
    }

    /** Body centre-of-mass positions, nbody x 3. */
    public double[] xipos(double[] out) {
        return read(DataArray.XIPOS, out);
    }

    /** Site positions, nsite x 3. */
    public double[] siteXpos(double[] out) {
        return read(DataArray.SITE_XPOS, out);
    }

    /** Geom positions, ngeom x 3 (for drawing). */
    public double[] geomXpos(double[] out) {
        return read(DataArray.GEOM_XPOS, out);
    }

    /** Geom orientations, ngeom x 9 row-major (for drawing). */
    public double[] geomXmat(double[] out) {
        return read(DataArray.GEOM_XMAT, out);
    }

    /** Com-based external forces on the bodies, nbody x 6. */
    public double[] cfrcExt(double[] out) {
        return read(DataArray.CFRC_EXT, out);
    }

    /** Com-based body inertias, nbody x 10. */
    public double[] cinert(double[] out) {
        return read(DataArray.CINERT, out);
    }

    /** Com-based body velocities, nbody x 6. */
    public double[] cvel(double[] out) {
        return read(DataArray.CVEL, out);
    }

    /** Actuator forces in joint space, nv. */
    public double[] qfrcActuator(double[] out) {
        return read(DataArray.QFRC_ACTUATOR, out);
    }

    /** Constraint forces in joint space, nv. */
    public double[] qfrcConstraint(double[] out) {
        return read(DataArray.QFRC_CONSTRAINT, out);
    }

    /** Subtree centres of mass, nbody x 3. */
    public double[] subtreeCom(double[] out) {
        return read(DataArray.SUBTREE_COM, out);
    }

    /** Sensor readings, nsensordata. */
    public double[] sensordata(double[] out) {
        return read(DataArray.SENSORDATA, out);
    }

    /** {@code mj_resetData}: time 0, qpos0, zero velocities, controls and forces. */
    public void resetData() {
        try {
            MujocoNative.resetData(sim());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** {@code mj_forward}: computes every derived quantity from the current state, without advancing time. */
    public void forward() {
        try {
            MujocoNative.forward(sim());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** {@code n} × {@code mj_step} with the current controls, then {@code mj_rnePostConstraint}. */
    public void step(int n) {
        checkSubsteps(n);
        try {
            MujocoNative.step(sim(), n);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sets the controls (nu values, not clipped: MuJoCo clamps limited controls to their range inside the dynamics
     * and leaves {@code ctrl} as given) and runs {@link #step(int)}, all in one native call.
     */
    public void step(double[] ctrl, int n) {
        checkLength(DataArray.CTRL, ctrl);
        checkSubsteps(n);
        try {
            MujocoNative.stepWithCtrl(sim(), ctrl, n);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    private static void checkSubsteps(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of MuJoCo steps must be >= 1, got " + n);
        }
    }

    /** Number of contacts found by the last collision detection. */
    public int contactCount() {
        try {
            return MujocoNative.contactCount(sim());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Copies the first contacts: for contact i, {@code geoms[2i], geoms[2i+1]} are its two geoms and
     * {@code values[7i .. 7i+6]} its distance (negative: penetration), position (3) and normal (3). Copies as many as
     * fit in both arrays; returns the number of contacts, which may be larger.
     */
    public int contacts(int[] geoms, double[] values) {
        Objects.requireNonNull(geoms, "geoms");
        Objects.requireNonNull(values, "values");
        try {
            return MujocoNative.contacts(sim(), geoms, values);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** {@code mj_contactForce}: the force of contact {@code i} in its contact frame (6 values: force, torque). */
    public double[] contactForce(int i, double[] out) {
        if (out.length != 6) {
            throw new IllegalArgumentException("contact force: array of length " + out.length + " given, 6 needed");
        }
        try {
            MujocoNative.contactForce(sim(), i, out);
        } finally {
            Reference.reachabilityFence(this);
        }
        return out;
    }

    /** Length of a saved state ({@link #saveState(double[])}). */
    public int stateSize() {
        return stateSize;
    }

    /** A new array holding the saved state. */
    public double[] saveState() {
        return saveState(new double[stateSize]);
    }

    /**
     * Writes everything the simulation's future depends on into {@code out} (length {@link #stateSize()}): layout
     * {@code [origin, time, qpos, qvel, act, qacc_warmstart, ctrl, qfrc_applied, xfrc_applied, mocap_pos,
     * mocap_quat, userdata, then the same from time to userdata as they were before the last substep or
     * forward()]}, where origin says how the derived quantities were made (0 unknown: a state array was written since;
     * 1 {@link #forward()}; 2 a step).
     */
    public double[] saveState(double[] out) {
        if (out.length != stateSize) {
            throw new IllegalArgumentException("saved state: array of length " + out.length + " given, the model "
                    + model.source() + " needs " + stateSize);
        }
        try {
            MujocoNative.saveState(sim(), out);
        } finally {
            Reference.reachabilityFence(this);
        }
        return out;
    }

    /**
     * Restores a state saved by a data of the same model. After a step, it re-runs the last substep from its saved
     * start, so the derived quantities equal the saved data's bit for bit (and fails with {@link MujocoException} if
     * the result differs from the saved state: another model or MuJoCo build); after {@link #forward()} it calls
     * {@code mj_forward}.
     */
    public void restoreState(double[] state) {
        if (state.length != stateSize) {
            throw new IllegalArgumentException("saved state of length " + state.length + " given, the model "
                    + model.source() + " needs " + stateSize);
        }
        try {
            MujocoNative.restoreState(sim(), state);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Frees the native state (idempotent); the data cannot be used afterwards. */
    @Override
    public void close() {
        sim = 0;
        cleanable.clean();
    }
}
