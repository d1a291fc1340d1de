package org.npg4j.mujoco.safety.nav;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.npg4j.env.Box;
import org.npg4j.env.StepResult;
import org.npg4j.mujoco.DataArray;
import org.npg4j.mujoco.MjModel;
import org.npg4j.mujoco.MujocoEnv;

/**
 * The machinery Safety-Gymnasium's navigation tasks share ({@code Builder}, {@code BaseTask}, {@code Underlying}), on
 * one compiled model per env (see {@link NavWorld}).
 *
 * <p><b>Reset</b>: a layout is sampled ({@link Placement}: the robot, then every object in the task's order), then a
 * random heading in [0, 2π) for the robot and one per object; the robot, vases and gremlins are put there through
 * qpos, markers and buttons through their mocap bodies, velocities are zero, then {@code mj_forward}; then the task
 * finishes its world (e.g. redraws the goal against the others).
 *
 * <p><b>Step</b>: the action is clipped to the control range ([-1, 1]²), 10 MuJoCo steps run (gremlins' mocap bodies
 * move before each), then {@code mj_forward} so that sensors and contacts belong to the new state. Reward (the task's,
 * clipped to [-10, 10]), then the cost, then the task's goal processing, then the observation, in Safety-Gymnasium's
 * order. The cost is Safety-Gymnasium's default indicator: 1 when any active constraint term is positive (the robot's
 * centre strictly inside a hazard, the robot touching a constrained vase or a constrained vase moving at 1e-4 m/s or
 * more, touching a gremlin or a wrong button, beyond a sigwall), else 0.
 *
 * <p><b>Observation</b>: Safety-Gymnasium's flattened dictionary, keys sorted: the robot's sensors
 * ({@link Robot}) and a 16-bin {@link Lidar} per observed object kind ({@code goal_lidar}, {@code hazards_lidar}, ...).
 *
 * <p><b>State</b> ({@link #state()}): {@code [time, qpos, qvel, ctrl, qacc_warmstart, mocap_pos, mocap_quat, layout,
 * task values]}, with qpos, the warm start and the mocap orientations as the last {@code mj_forward} started from
 * (it replaces the warm start and renormalizes quaternions in place). The controls and the warm start are there
 * because the accelerometer reads the acceleration that forward computed from them, so that {@code setState(state())}
 * shows the same observation bit for bit.
 *
 * <p>All randomness comes from the env's generator, so a seed reproduces an episode exactly; the layouts are not the
 * ones Safety-Gymnasium's numpy generator draws for the same seed.
 */
public abstract class NavEnv extends MujocoEnv {
    /** MuJoCo steps per env step (Safety-Gymnasium's binomial frame skip with n = 10, p = 1). */
    public static final int FRAME_SKIP = 10;
    static final double REWARD_CLIP = 10.0;
    static final double VASE_VELOCITY_THRESHOLD = 1e-4;
    static final double GREMLIN_TRAVEL = 0.35;
    private static final int MAX_CONTACTS = 1000;

    protected final NavWorld world;
    protected final Robot robot;
    protected final Placement placement;
    private final int agentBody;
    private final int rootQpos;
    /** Per geom: -1 none, -2 the robot, else the index of its group in {@code world.groups}. */
    private final int[] geomOwner;
    /** Per geom of a group: its instance. */
    private final int[] geomInstance;
    private final int nq;
    private final int nv;
    private final int nu;
    private final int nmocap;
    private final double[] ctrlLow;
    private final double[] ctrlHigh;
    private final double[] ctrl;
    /** The solver's warm start the last {@code mj_forward} started from. */
    private final double[] warmstart;
    /** The qpos and mocap orientations the last {@code mj_forward} started from. */
    private final double[] forwardQpos;
    private final double[] forwardMocapQuat;
    protected final double[] qpos;
    protected final double[] qvel;
    protected final double[] xpos;
    protected final double[] xmat;
    protected final double[] sensordata;
    protected final double[] mocapPos;
    protected final double[] mocapQuat;
    /** The layout, x and y per placed object ({@link #updateLayout()} refreshes it from the world). */
    protected final double[] layout;
    private final int[] contactGeoms = new int[2 * MAX_CONTACTS];
    private final double[] contactValues = new double[7 * MAX_CONTACTS];
    private int contactCount = -1;
    private final Block[] blocks;
    private final double[] agentPos = new double[3];
    private final double[] points;
    private final boolean hasGremlins;

    /** One entry of the observation dictionary. */
    private record Block(String name, int dim, int sensorAdr, boolean quatMatrix, Group lidar) {
    }

    /**
     * @param taskState number of task values appended to the state
     */
    protected NavEnv(String id, NavWorld world, int taskState, int maxEpisodeSteps) {
        this(id, world, world.compile(), taskState, maxEpisodeSteps);
    }

    private NavEnv(String id, NavWorld world, MjModel model, int taskState, int maxEpisodeSteps) {
        super(id, model, FRAME_SKIP, observationBox(blocks(world, model)),
                stateDim(world, model, taskState), 1, maxEpisodeSteps);
        this.world = world;
        this.robot = world.robot;
        this.nq = model.nq();
        this.nv = model.nv();
        this.nu = model.nu();
        this.nmocap = model.nmocap();
        this.blocks = blocks(world, model).toArray(new Block[0]);
        this.agentBody = model.bodyId("agent");
        this.rootQpos = model.jntQposAdr()[model.jointId(robot.freeJoint() ? "agent" : "x")];
        double[] range = model.actuatorCtrlRange();
        this.ctrlLow = new double[nu];
        this.ctrlHigh = new double[nu];
        for (int i = 0; i < nu; i++) {
            ctrlLow[i] = range[2 * i];
            ctrlHigh[i] = range[2 * i + 1];
        }
        this.ctrl = new double[nu];
        this.warmstart = new double[nv];
        this.forwardQpos = new double[nq];
        this.forwardMocapQuat = new double[4 * model.nmocap()];
        this.qpos = new double[nq];
        this.qvel = new double[nv];
        this.xpos = new double[3 * model.nbody()];
        this.xmat = new double[9 * model.nbody()];
        this.sensordata = new double[model.nsensordata()];
        this.mocapPos = new double[3 * nmocap];
        this.mocapQuat = new double[4 * nmocap];

        this.placement = new Placement(world.extents, 0.0);
        placement.add("agent", world.agentRects, world.agentKeepout);
        int maxNum = 1;
        boolean gremlins = false;
        for (Group g : world.groups) {
            g.firstEntry = placement.size();
            for (int i = 0; i < g.num; i++) {
                if (g.locations != null && i < g.locations.length) {
                    placement.addAt(g.instance(i), g.locations[i][0], g.locations[i][1], g.keepout);
                } else {
                    placement.add(g.instance(i), g.rects, g.keepout);
                }
            }
            maxNum = Math.max(maxNum, g.num);
            gremlins |= g.kind == Group.Kind.GREMLIN && g.num > 0;
        }
        this.hasGremlins = gremlins;
        this.layout = new double[2 * placement.size()];
        this.points = new double[3 * maxNum];

        int[] parent = model.bodyParentId();
        int[] geomBody = model.geomBodyId();
        this.geomOwner = new int[model.ngeom()];
        this.geomInstance = new int[model.ngeom()];
        for (int gi = 0; gi < geomBody.length; gi++) {
            geomOwner[gi] = -1;
            int b = geomBody[gi];
            for (int a = b; a != 0; a = parent[a]) {
                if (a == agentBody) {
                    geomOwner[gi] = -2;
                }
            }
            for (int k = 0; k < world.groups.size(); k++) {
                Group g = world.groups.get(k);
                for (int i = 0; i < g.num; i++) {
                    if (g.bodies[i] == b) {
                        geomOwner[gi] = k;
                        geomInstance[gi] = i;
                    }
                }
            }
        }
    }

    private static int stateDim(NavWorld world, MjModel model, int taskState) {
        int entries = 1;
        for (Group g : world.groups) {
            entries += g.num;
        }
        return 1 + model.nq() + 2 * model.nv() + model.nu() + 7 * model.nmocap() + 2 * entries + taskState;
    }

    /** The observation entries, sorted by key as Safety-Gymnasium's flattened {@code Dict} space. */
    private static List<Block> blocks(NavWorld world, MjModel model) {
        List<Block> out = new ArrayList<>();
        int[] adr = model.sensorAdr();
        int[] dim = model.sensorDim();
        for (String s : Robot.SITE_SENSORS) {
            int id = model.sensorId(s);
            out.add(new Block(s, dim[id], adr[id], false, null));
        }
        for (String s : world.robot.jointSensors()) {
            int id = model.sensorId(s);
            boolean quat = s.startsWith("ballquat");
            out.add(new Block(s, quat ? 9 : dim[id], adr[id], quat, null));
        }
        for (Group g : world.groups) {
            if (g.lidar) {
                out.add(new Block(g.name + "_lidar", world.lidarBins, -1, false, g));
            }
        }
        out.sort(Comparator.comparing(Block::name));
        return out;
    }

    private static Box observationBox(List<Block> blocks) {
        int n = 0;
        for (Block b : blocks) {
            n += b.dim;
        }
        double[] low = new double[n];
        double[] high = new double[n];
        int o = 0;
        for (Block b : blocks) {
            for (int i = 0; i < b.dim; i++) {
                low[o + i] = b.lidar != null ? 0.0 : Double.NEGATIVE_INFINITY;
                high[o + i] = b.lidar != null ? 1.0 : Double.POSITIVE_INFINITY;
            }
            o += b.dim;
        }
        return Box.of(low, high);
    }

    /** The keys of the observation with their offsets, e.g. {@code accelerometer=0, goal_lidar=3, ...}. */
    public final Map<String, Integer> observationLayout() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        int o = 0;
        for (Block b : blocks) {
            m.put(b.name, o);
            o += b.dim;
        }
        return m;
    }

    // ---- task hooks ----

    /** The task's reward for the step just simulated (before clipping); the world is refreshed. */
    protected abstract double taskReward();

    /** Finishes the world after the layout is in place (Safety-Gymnasium's {@code specific_reset}, {@code update_world}). */
    protected abstract void resetTask(SplittableRandom rng);

    /**
     * After reward and cost: the task's own step ({@code specific_step}) and goal processing; returns whether the
     * episode terminates. {@code info} collects entries for the step's info.
     */
    protected abstract boolean afterStep(SplittableRandom rng, Map<String, Object> info);

    /** Cost terms the task computes itself (wrong buttons); 0 by default. */
    protected double taskCost() {
        return 0.0;
    }

    /** Whether a lidar reads all zeros for now (the buttons while the button timer runs). */
    protected boolean lidarHidden(Group g) {
        return false;
    }

    /** Writes the task's values into {@code out[offset ..]}. */
    protected void writeTaskState(double[] out, int offset) {
    }

    /** Reads the task's values from {@code in[offset ..]}. */
    protected void readTaskState(double[] in, int offset) {
    }

    // ---- reset ----

    @Override
    protected final void resetModel(SplittableRandom rng) {
        System.arraycopy(placement.layout(rng), 0, layout, 0, layout.length);
        double agentRot = 2 * Math.PI * rng.nextDouble();
        double[] q = initQpos.clone();
        q[rootQpos] = layout[0];
        q[rootQpos + 1] = layout[1];
        if (robot.freeJoint()) {
            writeYaw(q, rootQpos + 3, agentRot);
        } else {
            q[rootQpos + 2] = agentRot;
        }
        data.read(DataArray.MOCAP_POS, mocapPos);
        data.read(DataArray.MOCAP_QUAT, mocapQuat);
        for (Group g : world.groups) {
            for (int i = 0; i < g.num; i++) {
                double rot = 2 * Math.PI * rng.nextDouble();
                double x = layout[2 * (g.firstEntry + i)];
                double y = layout[2 * (g.firstEntry + i) + 1];
                switch (g.kind) {
                    case DISC, SPHERE -> setMocap(g.firstMocap + i, x, y, g.z, g.name.equals("circle") ? 0 : rot);
                    case WALL -> setMocap(g.firstMocap + i, x, y, g.z, i >= 2 ? Math.PI / 2 : 0);
                    case VASE -> {
                        q[g.qposAdr[i]] = x;
                        q[g.qposAdr[i] + 1] = y;
                        q[g.qposAdr[i] + 2] = g.z;
                        writeYaw(q, g.qposAdr[i] + 3, rot);
                    }
                    case GREMLIN -> {
                        q[g.qposAdr[i]] = x;
                        q[g.qposAdr[i] + 1] = y;
                        q[g.qposAdr[i] + 2] = g.z;
                        writeYaw(q, g.qposAdr[i] + 3, rot);
                        setMocap(g.firstMocap + i, x, y, g.z, rot);
                    }
                    default -> throw new IllegalStateException(g.kind.toString());
                }
            }
        }
        data.write(DataArray.MOCAP_POS, mocapPos);
        data.write(DataArray.MOCAP_QUAT, mocapQuat);
        data.setQpos(q);
        data.setQvel(new double[nv]);
        forward();
        refresh();
        resetTask(rng);
        refresh();
    }

    private void setMocap(int m, double x, double y, double z, double rot) {
        mocapPos[3 * m] = x;
        mocapPos[3 * m + 1] = y;
        mocapPos[3 * m + 2] = z;
        writeYaw(mocapQuat, 4 * m, rot);
    }

    /** The quaternion of a rotation by {@code rot} about z: {@code (cos(rot/2), 0, 0, sin(rot/2))}. */
    private static void writeYaw(double[] out, int at, double rot) {
        out[at] = Math.cos(rot / 2);
        out[at + 1] = 0;
        out[at + 2] = 0;
        out[at + 3] = Math.sin(rot / 2);
    }

    /** Moves a marker (goal) to (x, y) and updates the derived quantities. */
    protected final void moveMarker(Group g, int i, double x, double y) {
        int m = g.firstMocap + i;
        mocapPos[3 * m] = x;
        mocapPos[3 * m + 1] = y;
        data.write(DataArray.MOCAP_POS, mocapPos);
        layout[2 * (g.firstEntry + i)] = x;
        layout[2 * (g.firstEntry + i) + 1] = y;
        forward();
        refresh();
    }

    /** Safety-Gymnasium's {@code update_layout}: every placed object's entry becomes its current x, y (gremlins keep theirs). */
    protected final void updateLayout() {
        layout[0] = xpos[3 * agentBody];
        layout[1] = xpos[3 * agentBody + 1];
        for (Group g : world.groups) {
            if (g.kind == Group.Kind.GREMLIN) {
                continue;
            }
            for (int i = 0; i < g.num; i++) {
                layout[2 * (g.firstEntry + i)] = xpos[3 * g.bodies[i]];
                layout[2 * (g.firstEntry + i) + 1] = xpos[3 * g.bodies[i] + 1];
            }
        }
    }

    // ---- step ----

    @Override
    protected final void advance(double[] action, StepResult out) {
        for (int i = 0; i < nu; i++) {
            ctrl[i] = Math.min(Math.max(action[i], ctrlLow[i]), ctrlHigh[i]);
        }
        if (hasGremlins) {
            for (int s = 0; s < FRAME_SKIP; s++) {
                moveGremlins(data.time());
                data.step(ctrl, 1);
            }
        } else {
            data.step(ctrl, FRAME_SKIP);
        }
        forward();
        refresh();
        double reward = taskReward();
        if (!(reward > -REWARD_CLIP && reward < REWARD_CLIP)) {
            reward = Math.min(Math.max(reward, -REWARD_CLIP), REWARD_CLIP);
        }
        out.setReward(reward);
        out.costs()[0] = cost() > 0 ? 1.0 : 0.0;
        Map<String, Object> info = new java.util.HashMap<>(2);
        out.setTerminated(afterStep(rng, info));
        writeObservation(out.observation());
        out.setInfo(info.isEmpty() ? Map.of() : Map.copyOf(info));
    }

    /** Safety-Gymnasium's gremlin motion: each mocap target circles its spot, at the phase of the simulation time. */
    private void moveGremlins(double phase) {
        for (Group g : world.groups) {
            if (g.kind != Group.Kind.GREMLIN) {
                continue;
            }
            for (int i = 0; i < g.num; i++) {
                int m = g.firstMocap + i;
                // The welded box follows its mocap body at the pose it had at reset: its spot plus the circling offset
                // (and the mocap body's height, as in Safety-Gymnasium).
                mocapPos[3 * m] = layout[2 * (g.firstEntry + i)] + Math.sin(phase) * GREMLIN_TRAVEL;
                mocapPos[3 * m + 1] = layout[2 * (g.firstEntry + i) + 1] + Math.cos(phase) * GREMLIN_TRAVEL;
                mocapPos[3 * m + 2] = g.z + g.size;
            }
        }
        data.write(DataArray.MOCAP_POS, mocapPos);
    }

    /**
     * {@code mj_forward}, keeping the solver's warm start, qpos and mocap orientations it started from: it replaces
     * the warm start with the acceleration it finds and renormalizes quaternions in place, so these inputs, with qvel
     * and ctrl, are what determines the sensors bit for bit.
     */
    private void forward() {
        data.read(DataArray.QACC_WARMSTART, warmstart);
        data.qpos(forwardQpos);
        data.read(DataArray.MOCAP_QUAT, forwardMocapQuat);
        data.forward();
    }

    /** Reads the state the last forward computed into the caches. */
    private void refresh() {
        data.qpos(qpos);
        data.qvel(qvel);
        data.xpos(xpos);
        data.read(DataArray.XMAT, xmat);
        data.sensordata(sensordata);
        contactCount = -1;
    }

    private int contacts() {
        if (contactCount < 0) {
            int n = data.contacts(contactGeoms, contactValues);
            contactCount = Math.min(n, MAX_CONTACTS);
        }
        return contactCount;
    }

    /** Number of contacts between the robot and instances of group {@code g} ({@code skip}: an instance not counted). */
    protected final int robotContacts(Group g, int skip) {
        int k = world.groups.indexOf(g);
        int count = 0;
        int n = contacts();
        for (int c = 0; c < n; c++) {
            int a = contactGeoms[2 * c];
            int b = contactGeoms[2 * c + 1];
            if (geomOwner[a] == -2 && geomOwner[b] == k && geomInstance[b] != skip
                    || geomOwner[b] == -2 && geomOwner[a] == k && geomInstance[a] != skip) {
                count++;
            }
        }
        return count;
    }

    /** Whether the robot touches instance {@code i} of group {@code g}. */
    protected final boolean robotTouches(Group g, int i) {
        int k = world.groups.indexOf(g);
        int n = contacts();
        for (int c = 0; c < n; c++) {
            int a = contactGeoms[2 * c];
            int b = contactGeoms[2 * c + 1];
            if (geomOwner[a] == -2 && geomOwner[b] == k && geomInstance[b] == i
                    || geomOwner[b] == -2 && geomOwner[a] == k && geomInstance[a] == i) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the active cost terms (Safety-Gymnasium's {@code cost_sum} before the indicator). */
    final double cost() {
        double total = 0.0;
        for (Group g : world.groups) {
            if (!g.constrained) {
                continue;
            }
            switch (g.kind) {
                case DISC -> {
                    for (int i = 0; i < g.num; i++) {
                        double d = distXy(xpos[3 * g.bodies[i]], xpos[3 * g.bodies[i] + 1]);
                        if (d <= g.size) {
                            total += g.size - d;
                        }
                    }
                }
                case VASE -> {
                    total += robotContacts(g, -1);
                    for (int i = 0; i < g.num; i++) {
                        int d = g.dofAdr[i];
                        double v = Math.sqrt(qvel[d] * qvel[d] + qvel[d + 1] * qvel[d + 1] + qvel[d + 2] * qvel[d + 2]);
                        if (v >= VASE_VELOCITY_THRESHOLD) {
                            total += v;
                        }
                    }
                }
                case GREMLIN -> total += robotContacts(g, -1);
                case WALL -> {
                    double locate = g.locations[0][0];
                    boolean out = Math.abs(agentX()) > locate || g.num == 4 && Math.abs(agentY()) > locate;
                    total += out ? 1.0 : 0.0;
                }
                default -> {
                    // Buttons: the task's taskCost().
                }
            }
        }
        return total + taskCost();
    }

    // ---- observation ----

    @Override
    protected final void observe(double[] out) {
        refresh();
        writeObservation(out);
    }

    private void writeObservation(double[] out) {
        agentPos[0] = xpos[3 * agentBody];
        agentPos[1] = xpos[3 * agentBody + 1];
        agentPos[2] = xpos[3 * agentBody + 2];
        int o = 0;
        for (Block b : blocks) {
            if (b.lidar != null) {
                java.util.Arrays.fill(out, o, o + b.dim, 0.0);
                Group g = b.lidar;
                if (!lidarHidden(g)) {
                    for (int i = 0; i < g.num; i++) {
                        points[3 * i] = xpos[3 * g.bodies[i]];
                        points[3 * i + 1] = xpos[3 * g.bodies[i] + 1];
                        points[3 * i + 2] = xpos[3 * g.bodies[i] + 2];
                    }
                    Lidar.observe(agentPos, xmat, 9 * agentBody, points, 3, g.num, b.dim, world.lidarMaxDist, true,
                            out, o);
                }
            } else if (b.quatMatrix) {
                quatToMatrix(sensordata, b.sensorAdr, out, o);
            } else {
                System.arraycopy(sensordata, b.sensorAdr, out, o, b.dim);
            }
            o += b.dim;
        }
    }

    /** MuJoCo's {@code mju_quat2Mat}: the row-major rotation matrix of a unit quaternion (w, x, y, z). */
    static void quatToMatrix(double[] q, int at, double[] out, int o) {
        double w = q[at];
        double x = q[at + 1];
        double y = q[at + 2];
        double z = q[at + 3];
        if (w == 1 && x == 0 && y == 0 && z == 0) {
            out[o] = 1;
            out[o + 1] = 0;
            out[o + 2] = 0;
            out[o + 3] = 0;
            out[o + 4] = 1;
            out[o + 5] = 0;
            out[o + 6] = 0;
            out[o + 7] = 0;
            out[o + 8] = 1;
            return;
        }
        double ww = w * w;
        double xx = x * x;
        double yy = y * y;
        double zz = z * z;
        out[o] = ww + xx - yy - zz;
        out[o + 4] = ww - xx + yy - zz;
        out[o + 8] = ww - xx - yy + zz;
        out[o + 1] = 2 * (x * y - w * z);
        out[o + 2] = 2 * (x * z + w * y);
        out[o + 3] = 2 * (x * y + w * z);
        out[o + 5] = 2 * (y * z - w * x);
        out[o + 6] = 2 * (x * z - w * y);
        out[o + 7] = 2 * (y * z + w * x);
    }

    // ---- geometry ----

    protected final double agentX() {
        return xpos[3 * agentBody];
    }

    protected final double agentY() {
        return xpos[3 * agentBody + 1];
    }

    /**
     * The robot's world-frame linear velocity at its body origin ({@code get_body_xvelp}): the velocities of the
     * Point's x and y slides, or the linear part of the Car's free joint; both robots' root joint comes first.
     */
    protected final double agentVelocity(int axis) {
        return qvel[axis];
    }

    /** Safety-Gymnasium's {@code dist_xy}: the planar distance from the robot's origin to (x, y). */
    protected final double distXy(double x, double y) {
        double dx = x - agentX();
        double dy = y - agentY();
        return Math.sqrt(dx * dx + dy * dy);
    }

    /** x of instance i of a group, as the world has it now. */
    protected final double objectX(Group g, int i) {
        return xpos[3 * g.bodies[i]];
    }

    protected final double objectY(Group g, int i) {
        return xpos[3 * g.bodies[i] + 1];
    }

    // ---- state ----

    @Override
    protected final void readState(double[] out) {
        int o = 0;
        out[o++] = data.time();
        data.qvel(qvel);
        System.arraycopy(forwardQpos, 0, out, o, nq);
        o += nq;
        System.arraycopy(qvel, 0, out, o, nv);
        o += nv;
        data.ctrl(ctrl);
        System.arraycopy(ctrl, 0, out, o, nu);
        o += nu;
        System.arraycopy(warmstart, 0, out, o, nv);
        o += nv;
        data.read(DataArray.MOCAP_POS, mocapPos);
        System.arraycopy(mocapPos, 0, out, o, 3 * nmocap);
        o += 3 * nmocap;
        System.arraycopy(forwardMocapQuat, 0, out, o, 4 * nmocap);
        o += 4 * nmocap;
        System.arraycopy(layout, 0, out, o, layout.length);
        o += layout.length;
        writeTaskState(out, o);
    }

    @Override
    protected final void writeState(double[] state) {
        int o = 0;
        data.resetData();
        data.setTime(state[o++]);
        System.arraycopy(state, o, qpos, 0, nq);
        o += nq;
        System.arraycopy(state, o, qvel, 0, nv);
        o += nv;
        System.arraycopy(state, o, ctrl, 0, nu);
        o += nu;
        System.arraycopy(state, o, warmstart, 0, nv);
        o += nv;
        System.arraycopy(state, o, mocapPos, 0, 3 * nmocap);
        o += 3 * nmocap;
        System.arraycopy(state, o, mocapQuat, 0, 4 * nmocap);
        o += 4 * nmocap;
        System.arraycopy(state, o, layout, 0, layout.length);
        o += layout.length;
        data.setQpos(qpos);
        data.setQvel(qvel);
        data.setCtrl(ctrl);
        data.write(DataArray.QACC_WARMSTART, warmstart);
        data.write(DataArray.MOCAP_POS, mocapPos);
        data.write(DataArray.MOCAP_QUAT, mocapQuat);
        forward();
        readTaskState(state, o);
    }

    /** Where qpos starts in {@link #state()}. */
    static final int STATE_QPOS = 1;

    /** Where qvel starts in {@link #state()}. */
    final int stateQvel() {
        return 1 + nq;
    }

    /** Where the layout starts in {@link #state()}. */
    final int stateLayout() {
        return 1 + nq + 2 * nv + nu + 7 * nmocap;
    }
}
