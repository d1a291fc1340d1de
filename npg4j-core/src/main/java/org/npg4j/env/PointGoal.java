package org.npg4j.env;

import java.util.SplittableRandom;

/**
 * KinematicPointGoal-v0, a 2-D navigation task in the spirit of Safety-Gymnasium's SafetyPointGoal1 (Ray, Achiam,
 * Amodei 2019; Ji et al. 2023), in pure Java without MuJoCo (a kinematic unicycle, not Safety-Gymnasium's MuJoCo
 * task, hence the name): a point robot drives to a goal that respawns elsewhere when
 * reached, among circular hazards that cost 1 per step spent inside.
 *
 * <p><b>Robot</b> (a unicycle, τ = 0.02 s, so 1000 steps = 20 s): the action is (thrust, turn) ∈ [-1, 1]² (finite
 * actions outside the box are clipped). The turn sets the angular velocity, the thrust accelerates the forward
 * speed against linear drag:
 * <pre>
 *   ω' = Ω·turn,   θ' = θ + τ·ω',   v' = v + τ·(F·thrust - k·v),   p' = p + τ·v'·(cos θ', sin θ')
 * </pre>
 * with Ω = π rad/s, F = 5 m/s², k = 5 /s (terminal speed 1 m/s, speed time constant 0.2 s). There are no walls.
 *
 * <p><b>Layout</b> (Safety-Gymnasium's Goal1): at reset the robot, the goal and
 * {@code hazards_num} = 8 hazards are placed uniformly in [-1.5, 1.5]² by rejection sampling, every pair at least
 * the sum of their keep-outs apart (robot 0.4, goal 0.305, hazard 0.18), heading uniform in [-π, π); hazards have radius
 * {@code hazard_size} = 0.2, the goal radius {@code goal_size} = 0.3. The robot starts outside every hazard.
 *
 * <p><b>Reward</b> (Safety-Gymnasium's distance shaping): r = D_prev - D + 1[D ≤ goal_size] with D the distance
 * from the robot to the goal's centre after the step. When the goal is reached it respawns at a random free
 * location (keep-outs from hazards and robot as above) and D_prev becomes the distance to the new goal, so the
 * shaping never rewards the jump. <b>Cost</b> (one per step): 1 if the robot is within {@code hazard_size} of any
 * hazard centre, else 0 (Safety-Gymnasium's binary indicator). Cost metric: the per-step indicator;
 * {@link RecordEpisodeStatistics} sums it undiscounted per episode, and Safety-Gymnasium's per-episode limit is 25
 * (a training setting, {@code cost_limit}, not part of the env). Never terminates; time limit 1000.
 *
 * <p><b>Observation</b> ({@code Box}, length 6 + 2·16 = 38), robot-centric like Safety-Gymnasium's sensors:
 * <pre>
 *   [0] forward acceleration (v' - v)/τ    [1] lateral (centripetal) acceleration v'·ω'
 *   [2] forward speed v'                    [3] angular velocity ω' (gyro)
 *   [4] cos θ, [5] sin θ (compass)
 *   [6, 22)  goal lidar, [22, 38) hazards lidar
 * </pre>
 * The lidars are Safety-Gym's pseudo-lidar: 16 bins of 22.5° around the robot (bin 0 starts straight ahead,
 * counter-clockwise); an object at distance δ and ego angle φ writes its closeness max(0, 3 - δ)/3 ∈ [0, 1] into its
 * bin and, aliased, fraction α of it into the next bin and 1 - α into the previous one (α the position of φ within
 * its bin); a bin keeps the largest reading. Lidar bins lie in [0, 1], the compass in [-1, 1], the rest is
 * unbounded.
 *
 * <p>State layout ({@link #state()}, length 8 + 2·hazards): [x, y, θ, v, ω, forward acceleration, goal x, goal y,
 * hazard 1 x, hazard 1 y, ...].
 */
public final class PointGoal extends AbstractEnv {
    public static final String ID = "KinematicPointGoal-v0";
    public static final int DEFAULT_STEPS = 1000;
    public static final int DEFAULT_HAZARDS = 8;
    public static final double DEFAULT_HAZARD_SIZE = 0.2;
    public static final double DEFAULT_GOAL_SIZE = 0.3;
    /** Lidar bins per object kind. */
    public static final int LIDAR_BINS = 16;
    /** Lidar range: an object this far or farther reads 0. */
    public static final double LIDAR_MAX_DIST = 3.0;
    static final double TAU = 0.02;
    static final double MAX_TURN_RATE = Math.PI;
    static final double FORCE = 5.0;
    static final double DRAG = 5.0;
    static final double EXTENT = 1.5;
    static final double ROBOT_KEEPOUT = 0.4;
    static final double GOAL_KEEPOUT = 0.305;
    static final double HAZARD_KEEPOUT = 0.18;
    static final double GOAL_REWARD = 1.0;
    static final int GOAL_LIDAR = 6;
    static final int HAZARDS_LIDAR = GOAL_LIDAR + LIDAR_BINS;
    static final int OBSERVATION_DIM = HAZARDS_LIDAR + LIDAR_BINS;
    private static final int MAX_TRIES = 10_000;
    private static final int MAX_LAYOUTS = 100;

    private final int hazardsNum;
    private final double hazardSize;
    private final double goalSize;
    private final double[] hazards;
    private double x;
    private double y;
    private double heading;
    private double speed;
    private double turnRate;
    private double forwardAcc;
    private double goalX;
    private double goalY;
    private double lastDist;

    /**
     * @param maxEpisodeSteps the time limit (1000 in the registry), 0 for none
     * @param hazardsNum      number of hazards, in [0, 32]
     * @param hazardSize      hazard radius, in (0, 1]
     * @param goalSize        goal radius, in (0, 1]
     */
    public PointGoal(int maxEpisodeSteps, int hazardsNum, double hazardSize, double goalSize) {
        super(ID, observationBox(), Box.uniform(-1.0, 1.0, 2), 8 + 2 * Math.max(hazardsNum, 0), 1, maxEpisodeSteps);
        if (hazardsNum < 0 || hazardsNum > 32) {
            throw new IllegalArgumentException(ID + ": hazards_num must be in [0, 32], got " + hazardsNum);
        }
        if (!(hazardSize > 0 && hazardSize <= 1)) {
            throw new IllegalArgumentException(ID + ": hazard_size must be in (0, 1], got " + hazardSize);
        }
        if (!(goalSize > 0 && goalSize <= 1)) {
            throw new IllegalArgumentException(ID + ": goal_size must be in (0, 1], got " + goalSize);
        }
        this.hazardsNum = hazardsNum;
        this.hazardSize = hazardSize;
        this.goalSize = goalSize;
        this.hazards = new double[2 * hazardsNum];
    }

    /** Safety-Gymnasium's Goal1 settings: time limit 1000, 8 hazards of radius 0.2, goal radius 0.3. */
    public PointGoal() {
        this(DEFAULT_STEPS, DEFAULT_HAZARDS, DEFAULT_HAZARD_SIZE, DEFAULT_GOAL_SIZE);
    }

    private static Box observationBox() {
        double inf = Double.POSITIVE_INFINITY;
        double[] low = new double[OBSERVATION_DIM];
        double[] high = new double[OBSERVATION_DIM];
        for (int i = 0; i < GOAL_LIDAR; i++) {
            low[i] = i >= 4 ? -1.0 : -inf;
            high[i] = i >= 4 ? 1.0 : inf;
        }
        for (int i = GOAL_LIDAR; i < OBSERVATION_DIM; i++) {
            high[i] = 1.0;
        }
        return Box.of(low, high);
    }

    public int hazardsNum() {
        return hazardsNum;
    }

    /** The current goal position (a copy). */
    public double[] goal() {
        return new double[] {goalX, goalY};
    }

    // ---- layout ----

    @Override
    protected void resetState(SplittableRandom rng) {
        for (int layout = 0; layout < MAX_LAYOUTS; layout++) {
            if (placeAll(rng)) {
                heading = -Math.PI + 2 * Math.PI * rng.nextDouble();
                speed = 0.0;
                turnRate = 0.0;
                forwardAcc = 0.0;
                lastDist = distance(goalX - x, goalY - y);
                return;
            }
        }
        throw new IllegalStateException(ID + ": could not place " + hazardsNum + " hazards of keep-out "
                + HAZARD_KEEPOUT + " in [-" + EXTENT + ", " + EXTENT + "]^2 after " + MAX_LAYOUTS + " layouts");
    }

    /** Places robot, goal and hazards in this order; false if some object found no free spot. */
    private boolean placeAll(SplittableRandom rng) {
        x = uniformCoordinate(rng);
        y = uniformCoordinate(rng);
        if (!placeGoal(rng, 0)) {
            return false;
        }
        for (int h = 0; h < hazardsNum; h++) {
            boolean placed = false;
            for (int t = 0; t < MAX_TRIES && !placed; t++) {
                double hx = uniformCoordinate(rng);
                double hy = uniformCoordinate(rng);
                placed = farFrom(hx, hy, x, y, HAZARD_KEEPOUT + ROBOT_KEEPOUT)
                        && farFrom(hx, hy, goalX, goalY, HAZARD_KEEPOUT + GOAL_KEEPOUT)
                        && farFromHazards(hx, hy, h, HAZARD_KEEPOUT + HAZARD_KEEPOUT);
                if (placed) {
                    hazards[2 * h] = hx;
                    hazards[2 * h + 1] = hy;
                }
            }
            if (!placed) {
                return false;
            }
        }
        return true;
    }

    /** Samples a goal clear of the robot and of the first {@code placedHazards} hazards. */
    private boolean placeGoal(SplittableRandom rng, int placedHazards) {
        for (int t = 0; t < MAX_TRIES; t++) {
            double gx = uniformCoordinate(rng);
            double gy = uniformCoordinate(rng);
            if (farFrom(gx, gy, x, y, GOAL_KEEPOUT + ROBOT_KEEPOUT)
                    && farFromHazards(gx, gy, placedHazards, GOAL_KEEPOUT + HAZARD_KEEPOUT)) {
                goalX = gx;
                goalY = gy;
                return true;
            }
        }
        return false;
    }

    /** √(dx² + dy²); Math.hypot's overflow guard is not needed at arena scale and costs several times more. */
    private static double distance(double dx, double dy) {
        return Math.sqrt(dx * dx + dy * dy);
    }

    private static double uniformCoordinate(SplittableRandom rng) {
        return -EXTENT + 2 * EXTENT * rng.nextDouble();
    }

    private static boolean farFrom(double ax, double ay, double bx, double by, double minDist) {
        double dx = ax - bx;
        double dy = ay - by;
        return dx * dx + dy * dy >= minDist * minDist;
    }

    private boolean farFromHazards(double px, double py, int count, double minDist) {
        for (int h = 0; h < count; h++) {
            if (!farFrom(px, py, hazards[2 * h], hazards[2 * h + 1], minDist)) {
                return false;
            }
        }
        return true;
    }

    // ---- dynamics ----

    @Override
    protected void advance(double[] action, StepResult out) {
        double thrust = Math.min(Math.max(action[0], -1.0), 1.0);
        double turn = Math.min(Math.max(action[1], -1.0), 1.0);
        turnRate = MAX_TURN_RATE * turn;
        heading += TAU * turnRate;
        if (heading >= Math.PI || heading < -Math.PI) {
            heading -= 2 * Math.PI * Math.floor((heading + Math.PI) / (2 * Math.PI));
        }
        double previousSpeed = speed;
        speed += TAU * (FORCE * thrust - DRAG * speed);
        forwardAcc = (speed - previousSpeed) / TAU;
        x += TAU * speed * Math.cos(heading);
        y += TAU * speed * Math.sin(heading);

        double dist = distance(goalX - x, goalY - y);
        double reward = lastDist - dist;
        if (dist <= goalSize) {
            reward += GOAL_REWARD;
            if (!placeGoal(rng, hazardsNum)) {
                throw new IllegalStateException(ID + ": no free location for the goal after " + MAX_TRIES + " tries");
            }
            dist = distance(goalX - x, goalY - y);
        }
        lastDist = dist;
        out.setReward(reward);
        out.costs()[0] = insideHazard(x, y) ? 1.0 : 0.0;
        out.setTerminated(false);
        observe(out.observation());
    }

    /** Whether a point lies within {@code hazard_size} of some hazard centre (the boundary counts as inside). */
    boolean insideHazard(double px, double py) {
        double r2 = hazardSize * hazardSize;
        for (int h = 0; h < hazardsNum; h++) {
            double dx = px - hazards[2 * h];
            double dy = py - hazards[2 * h + 1];
            if (dx * dx + dy * dy <= r2) {
                return true;
            }
        }
        return false;
    }

    // ---- observation ----

    @Override
    protected void observe(double[] out) {
        out[0] = forwardAcc;
        out[1] = speed * turnRate;
        out[2] = speed;
        out[3] = turnRate;
        double cos = Math.cos(heading);
        double sin = Math.sin(heading);
        out[4] = cos;
        out[5] = sin;
        for (int i = GOAL_LIDAR; i < OBSERVATION_DIM; i++) {
            out[i] = 0.0;
        }
        lidar(out, GOAL_LIDAR, goalX, goalY, cos, sin);
        for (int h = 0; h < hazardsNum; h++) {
            lidar(out, HAZARDS_LIDAR, hazards[2 * h], hazards[2 * h + 1], cos, sin);
        }
    }

    /** Safety-Gym's aliased pseudo-lidar reading of one object at (ox, oy), max-accumulated into out[from, from+16). */
    private void lidar(double[] out, int from, double ox, double oy, double cos, double sin) {
        double dx = ox - x;
        double dy = oy - y;
        // Ego frame: rotate the world offset by -θ.
        double ex = cos * dx + sin * dy;
        double ey = -sin * dx + cos * dy;
        double dist = distance(ex, ey);
        double closeness = Math.max(0.0, LIDAR_MAX_DIST - dist) / LIDAR_MAX_DIST;
        if (closeness == 0.0) {
            return;
        }
        double angle = Math.atan2(ey, ex);
        if (angle < 0) {
            angle += 2 * Math.PI;
        }
        double binSize = 2 * Math.PI / LIDAR_BINS;
        int bin = Math.min((int) (angle / binSize), LIDAR_BINS - 1);
        double alias = Math.min(Math.max((angle - bin * binSize) / binSize, 0.0), 1.0);
        int next = (bin + 1) % LIDAR_BINS;
        int previous = (bin + LIDAR_BINS - 1) % LIDAR_BINS;
        out[from + bin] = Math.max(out[from + bin], closeness);
        out[from + next] = Math.max(out[from + next], alias * closeness);
        out[from + previous] = Math.max(out[from + previous], (1.0 - alias) * closeness);
    }

    // ---- state ----

    /** State layout: [x, y, θ, v, ω, forward acceleration, goal x, goal y, hazard 1 x, hazard 1 y, ...]. */
    @Override
    protected void readState(double[] out) {
        out[0] = x;
        out[1] = y;
        out[2] = heading;
        out[3] = speed;
        out[4] = turnRate;
        out[5] = forwardAcc;
        out[6] = goalX;
        out[7] = goalY;
        System.arraycopy(hazards, 0, out, 8, hazards.length);
    }

    @Override
    protected void writeState(double[] s) {
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                throw new IllegalArgumentException(ID + ": state[" + i + "] must be finite, got " + s[i]);
            }
        }
        x = s[0];
        y = s[1];
        heading = s[2];
        speed = s[3];
        turnRate = s[4];
        forwardAcc = s[5];
        goalX = s[6];
        goalY = s[7];
        System.arraycopy(s, 8, hazards, 0, hazards.length);
        lastDist = distance(goalX - x, goalY - y);
    }
}
