package org.npg4j.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Settings;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.World;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;
import org.jbox2d.pooling.IWorldPool;
import org.jbox2d.pooling.normal.DefaultWorldPool;

/**
 * LunarLander-v3 and LunarLanderContinuous-v3 as in Gymnasium 1.0 ({@code box2d/lunar_lander.py}, by Oleg Klimov),
 * simulated with JBox2D (a Java port of Box2D 2.2.1; Gymnasium uses Box2D 2.3 through pybox2d) with the
 * differences that matter here removed: exact sine/cosine, Box2D 2.3's polygon inertia, pybox2d's joint reference
 * angle. Given Gymnasium's random draws, a reset agrees with Gymnasium's bit for bit and an episode stays within
 * float32 rounding of Gymnasium's until the legs touch down (the golden test {@code LunarLanderGoldenTest}).
 *
 * <p>World (units: metres = pixels / {@value #SCALE}; 600×400 px viewport = 20×13.33 m): gravity
 * (0, {@code gravity});
 * terrain of 11 chunks whose 12 heights are uniform in [0, H/2], the five middle ones set to the helipad height
 * H/4, smoothed by the moving sum 0.33·(h[i-1] + h[i] + h[i+1]) (h[-1] wraps to the last height, as Python's
 * indexing does); the helipad spans chunks 4..6. The lander (a hexagon of density 5) starts at the top centre with a
 * random force uniform in [-1000, 1000]² applied during the first step; two legs (2×8 px half-extent boxes, density
 * 1) hang on revolute joints with a spring-like motor (torque 40, speed ±0.3) within limits ±[0.4, 0.9] rad.
 *
 * <p>Actions. Discrete(4): 0 nothing, 1 left orientation engine, 2 main engine, 3 right orientation engine.
 * Box([-1, 1]²), clipped: main engine off if a₀ ≤ 0, else throttle (a₀ + 1)/2 ∈ (0.5, 1]; side engines off for
 * |a₁| ≤ 0.5, else direction sign(a₁) with throttle |a₁|. Engines give impulses 13·throttle (main) and
 * 0.6·throttle (side) at a point offset by a random dispersion uniform in [-1, 1]/SCALE per axis, drawn every step.
 *
 * <p>Observation (8): [x, y, vx, vy, angle, angular velocity, left leg contact, right leg contact] with
 * x = (px - W/2)/(W/2), y = (py - (H/4 + LEG_DOWN/SCALE))/(H/2), vx = vx·(W/2)/FPS, vy = vy·(H/2)/FPS,
 * ω' = 20·ω/FPS; bounds as Gymnasium's v3 box.
 *
 * <p>Reward: the difference of the shaping Φ = -100·‖(x, y)‖ - 100·‖(vx, vy)‖ - 100·|angle| + 10·(legs in
 * contact) between consecutive steps, minus 0.3·main throttle and 0.03·side throttle; on termination the reward is
 * replaced by -100 (the body touched the ground, "game over", or |x| ≥ 1) or +100 (the lander came to rest: Box2D
 * put it to sleep). Time limit 1000 steps.
 *
 * <p>Wind ({@code enable_wind}): while no leg touches the ground, a force (tanh(sin(0.02·k) + sin(0.01·π·k))·
 * wind_power, 0) and a torque of the same form with turbulence_power are applied, with k counters starting uniform in
 * [-9999, 9999) at each reset and incremented each step.
 *
 * <p>As in Gymnasium, {@code reset} ends with one no-op step (not counted by the time limit) whose observation it
 * returns. Random draws per episode, in order: 12 terrain heights, 2 initial-force components, 2 wind counters (if
 * wind is enabled), then 2 dispersions per step (including the reset's no-op step). A new Box2D world is built at
 * each reset, so a seeded episode does not depend on earlier episodes. The engine particles, which Gymnasium only
 * creates when rendering and which never touch the lander, are not simulated.
 *
 * <p>State layout ({@link #state()}): [11 terrain heights at the chunk borders, then for the lander, left leg and
 * right leg each (x, y, angle, vx, vy, ω) in world units, left contact, right contact, game over, previous shaping,
 * wind counter, torque counter]; {@link #setState} rebuilds the world from it (the solver's warm-start impulses are
 * not part of the state).
 */
public final class LunarLander extends AbstractEnv {
    public static final String ID = "LunarLander-v3";
    public static final String CONTINUOUS_ID = "LunarLanderContinuous-v3";

    static final double FPS = 50;
    static final double SCALE = 30.0;
    static final double MAIN_ENGINE_POWER = 13.0;
    static final double SIDE_ENGINE_POWER = 0.6;
    static final double INITIAL_RANDOM = 1000.0;
    static final double[][] LANDER_POLY = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    static final double LEG_AWAY = 20;
    static final double LEG_DOWN = 18;
    static final double LEG_W = 2;
    static final double LEG_H = 8;
    static final double LEG_SPRING_TORQUE = 40;
    static final double SIDE_ENGINE_HEIGHT = 14.0;
    static final double SIDE_ENGINE_AWAY = 12.0;
    static final double MAIN_ENGINE_Y_LOCATION = 4.0;
    static final double VIEWPORT_W = 600;
    static final double VIEWPORT_H = 400;
    static final double W = VIEWPORT_W / SCALE;
    static final double H = VIEWPORT_H / SCALE;
    static final int CHUNKS = 11;
    static final double HELIPAD_Y = H / 4;
    static final int VELOCITY_ITERATIONS = 6 * 30;
    static final int POSITION_ITERATIONS = 2 * 30;
    /** Length of {@link #state()}: 11 terrain heights, 3 bodies × 6, 2 contacts, game over, shaping, 2 counters. */
    static final int STATE_DIM = CHUNKS + 18 + 6;

    static {
        // JBox2D's defaults trade accuracy for speed: a sine/cosine lookup table (error up to 1.1e-4, where Box2D calls
        // sinf/cosf) and approximate atan2/floor/ceil/round. One 1e-4 error in the angle moves a trajectory by more
        // than 1e-3 within 50-100 steps, so the exact functions are used. These flags are JBox2D's global settings;
        // LunarLander is the only user of JBox2D in npg4j.
        Settings.SINCOS_LUT_ENABLED = false;
        Settings.FAST_ATAN2 = false;
        Settings.FAST_FLOOR = false;
        Settings.FAST_CEIL = false;
        Settings.FAST_ROUND = false;
    }

    private static final int GROUND = 0x0001;
    private static final int LANDER = 0x0010;
    private static final int LEG = 0x0020;

    private final boolean continuous;
    private final double gravity;
    private final boolean enableWind;
    private final double windPower;
    private final double turbulencePower;

    /** Box2D's pool of temporaries and contacts, shared by the worlds of successive episodes. */
    private final IWorldPool pool = new DefaultWorldPool(World.WORLD_POOL_SIZE, World.WORLD_POOL_CONTAINER_SIZE);
    private World world;
    private Body moon;
    private Body lander;
    private final Body[] legs = new Body[2];
    private final boolean[] legContact = new boolean[2];
    private final double[] terrainY = new double[CHUNKS];
    private boolean gameOver;
    private double prevShaping;
    private boolean hasPrevShaping;
    private long windIdx;
    private long torqueIdx;
    /** After {@link #setState} the world is new and its contacts restart: stale contact flags are cleared next step. */
    private boolean rebuilt;
    /** Where the episode's random numbers come from: the env's generator unless a test replays recorded ones. */
    private RandomDraws draws;
    private final RevoluteJoint[] joints = new RevoluteJoint[2];

    // Scratch vectors reused by every step (Box2D copies what it keeps).
    private final Vec2 impulse = new Vec2();
    private final Vec2 point = new Vec2();
    private final ContactListener contacts = new ContactFlags();

    /**
     * @param continuous      Box([-1,1]²) actions instead of Discrete(4)
     * @param gravity         vertical gravity, in (-12, 0)
     * @param enableWind      apply wind and turbulence while no leg touches the ground
     * @param windPower       maximal wind force (Gymnasium recommends [0, 20])
     * @param turbulencePower maximal turbulence torque (Gymnasium recommends [0, 2])
     * @param maxEpisodeSteps the time limit, 0 for none
     */
    public LunarLander(boolean continuous, double gravity, boolean enableWind, double windPower,
            double turbulencePower, int maxEpisodeSteps) {
        super(continuous ? CONTINUOUS_ID : ID, observationBox(),
                continuous ? Box.uniform(-1.0, 1.0, 2) : new Discrete(4), STATE_DIM, 0, maxEpisodeSteps);
        String id = continuous ? CONTINUOUS_ID : ID;
        if (!(gravity > -12.0 && gravity < 0.0)) {
            throw new IllegalArgumentException(id + ": gravity must be in (-12, 0), got " + gravity);
        }
        if (!Double.isFinite(windPower) || !Double.isFinite(turbulencePower)) {
            throw new IllegalArgumentException(id + ": wind_power and turbulence_power must be finite, got "
                    + windPower + " and " + turbulencePower);
        }
        this.continuous = continuous;
        this.gravity = gravity;
        this.enableWind = enableWind;
        this.windPower = windPower;
        this.turbulencePower = turbulencePower;
    }

    /** With Gymnasium's defaults: gravity -10, no wind, time limit 1000. */
    public LunarLander(boolean continuous) {
        this(continuous, -10.0, false, 15.0, 1.5, 1000);
    }

    /** Gymnasium v3's observation bounds: ±2.5 positions, ±10 velocities, ±2π angle, [0, 1] contacts. */
    private static Box observationBox() {
        double[] high = {2.5, 2.5, 10.0, 10.0, 2 * Math.PI, 10.0, 1.0, 1.0};
        double[] low = {-2.5, -2.5, -10.0, -10.0, -2 * Math.PI, -10.0, 0.0, 0.0};
        return Box.of(low, high);
    }

    public boolean isContinuous() {
        return continuous;
    }

    @Override
    protected void resetState(SplittableRandom rng) {
        double[] height = new double[CHUNKS + 1];
        for (int i = 0; i <= CHUNKS; i++) {
            height[i] = uniform(rng, 0.0, H / 2);
        }
        for (int i = CHUNKS / 2 - 2; i <= CHUNKS / 2 + 2; i++) {
            height[i] = HELIPAD_Y;
        }
        for (int i = 0; i < CHUNKS; i++) {
            // i - 1 = -1 reads the last height, as Python's height[-1] does.
            terrainY[i] = 0.33 * (height[i == 0 ? CHUNKS : i - 1] + height[i] + height[i + 1]);
        }
        buildWorld();
        double fx = uniform(rng, -INITIAL_RANDOM, INITIAL_RANDOM);
        double fy = uniform(rng, -INITIAL_RANDOM, INITIAL_RANDOM);
        lander.applyForceToCenter(impulse.set((float) fx, (float) fy));
        if (enableWind) {
            windIdx = integers(rng, -9999, 9999);
            torqueIdx = integers(rng, -9999, 9999);
        }
        gameOver = false;
        hasPrevShaping = false;
        legContact[0] = false;
        legContact[1] = false;
        rebuilt = false;
        // Gymnasium's reset returns the observation of a no-op step.
        simulate(0.0, 0, 0.0, result);
    }

    /**
     * The random numbers of an episode, named after the numpy {@code Generator} methods Gymnasium calls on its
     * {@code np_random}: {@code uniform(low, high)} = low + (high - low)·U[0, 1), {@code integers(low, high)} uniform
     * on [low, high).
     */
    interface RandomDraws {
        double uniform(double low, double high);

        long integers(long low, long high);
    }

    /**
     * Makes the following resets and steps take their random numbers from {@code source} instead of the env's
     * generator ({@code null} restores the generator), so that an episode recorded from Gymnasium, draws included,
     * can be replayed exactly.
     */
    void drawFrom(RandomDraws source) {
        draws = source;
    }

    private double uniform(SplittableRandom rng, double low, double high) {
        return draws != null ? draws.uniform(low, high) : low + (high - low) * rng.nextDouble();
    }

    private long integers(SplittableRandom rng, long low, long high) {
        return draws != null ? draws.integers(low, high) : rng.nextInt((int) low, (int) high);
    }

    /** Builds a new world with the terrain in {@link #terrainY} and the lander and legs at their start pose. */
    private void buildWorld() {
        destroyWorld();
        world = new World(new Vec2(0.0f, (float) gravity), pool);
        world.setContactListener(contacts);

        BodyDef moonDef = new BodyDef();
        moonDef.type = BodyType.STATIC;
        moon = world.createBody(moonDef);
        EdgeShape base = new EdgeShape();
        base.set(new Vec2(0f, 0f), new Vec2((float) W, 0f));
        FixtureDef baseDef = new FixtureDef();
        baseDef.shape = base;
        baseDef.friction = 0.2f; // pybox2d's default fixture friction for the base line
        moon.createFixture(baseDef);
        for (int i = 0; i < CHUNKS - 1; i++) {
            EdgeShape edge = new EdgeShape();
            edge.set(new Vec2((float) chunkX(i), (float) terrainY[i]),
                    new Vec2((float) chunkX(i + 1), (float) terrainY[i + 1]));
            FixtureDef fd = new FixtureDef();
            fd.shape = edge;
            fd.density = 0f;
            fd.friction = 0.1f;
            moon.createFixture(fd);
        }

        double x0 = W / 2;
        double y0 = H;
        BodyDef landerDef = new BodyDef();
        landerDef.type = BodyType.DYNAMIC;
        landerDef.position.set((float) x0, (float) y0);
        lander = world.createBody(landerDef);
        Vec2[] vertices = new Vec2[LANDER_POLY.length];
        for (int i = 0; i < vertices.length; i++) {
            vertices[i] = new Vec2((float) (LANDER_POLY[i][0] / SCALE), (float) (LANDER_POLY[i][1] / SCALE));
        }
        PolygonShape hull = new PolygonShape();
        hull.set(vertices, vertices.length);
        FixtureDef hullDef = new FixtureDef();
        hullDef.shape = hull;
        hullDef.density = 5.0f;
        hullDef.friction = 0.1f;
        hullDef.restitution = 0.0f;
        hullDef.filter.categoryBits = LANDER;
        hullDef.filter.maskBits = GROUND;
        Fixture hullFixture = lander.createFixture(hullDef);
        correctInertia(lander, (PolygonShape) hullFixture.getShape(), hullDef.density);

        for (int k = 0; k < 2; k++) {
            int i = k == 0 ? -1 : 1;
            BodyDef legDef = new BodyDef();
            legDef.type = BodyType.DYNAMIC;
            legDef.position.set((float) (x0 - i * LEG_AWAY / SCALE), (float) y0);
            legDef.angle = (float) (i * 0.05);
            Body leg = world.createBody(legDef);
            PolygonShape box = new PolygonShape();
            box.setAsBox((float) (LEG_W / SCALE), (float) (LEG_H / SCALE));
            FixtureDef fd = new FixtureDef();
            fd.shape = box;
            fd.density = 1.0f;
            fd.restitution = 0.0f;
            fd.friction = 0.2f; // pybox2d's default
            fd.filter.categoryBits = LEG;
            fd.filter.maskBits = GROUND;
            leg.createFixture(fd);

            RevoluteJointDef rjd = new RevoluteJointDef();
            rjd.bodyA = lander;
            rjd.bodyB = leg;
            rjd.localAnchorA.set(0f, 0f);
            rjd.localAnchorB.set((float) (i * LEG_AWAY / SCALE), (float) (LEG_DOWN / SCALE));
            rjd.enableMotor = true;
            rjd.enableLimit = true;
            rjd.maxMotorTorque = (float) LEG_SPRING_TORQUE;
            rjd.motorSpeed = (float) (0.3 * i); // low enough not to jump back into the sky
            if (i == -1) {
                rjd.lowerAngle = (float) (0.9 - 0.5);
                rjd.upperAngle = 0.9f;
            } else {
                rjd.lowerAngle = -0.9f;
                rjd.upperAngle = (float) (-0.9 + 0.5);
            }
            // pybox2d's revoluteJointDef sets the reference angle to bodyB.angle - bodyA.angle when it is not given.
            rjd.referenceAngle = leg.getAngle() - lander.getAngle();
            joints[k] = (RevoluteJoint) world.createJoint(rjd);
            legs[k] = leg;
        }
    }

    /**
     * Box2D 2.3's rotational inertia of a body made of one polygon. JBox2D (Box2D 2.2.1) shifts the polygon's inertia
     * from the triangles' reference point s (the vertices' mean) to the body origin by adding m·|c|² without first
     * removing m·|c - s|², which overstates the lander's inertia by 0.3%; Box2D 2.3 ({@code b2PolygonShape::
     * ComputeMass}, then {@code b2Body::ResetMassData}) does both. Same float32 operations in the same order.
     */
    private static void correctInertia(Body body, PolygonShape shape, float density) {
        int n = shape.m_count;
        Vec2[] v = shape.m_vertices;
        float sx = 0f;
        float sy = 0f;
        for (int i = 0; i < n; i++) {
            sx += v[i].x;
            sy += v[i].y;
        }
        float inv = 1.0f / n;
        sx *= inv;
        sy *= inv;
        final float kInv3 = 1.0f / 3.0f;
        float area = 0f;
        float cx = 0f;
        float cy = 0f;
        float inertia = 0f;
        for (int i = 0; i < n; i++) {
            Vec2 p2 = i + 1 < n ? v[i + 1] : v[0];
            float ex1 = v[i].x - sx;
            float ey1 = v[i].y - sy;
            float ex2 = p2.x - sx;
            float ey2 = p2.y - sy;
            float d = ex1 * ey2 - ey1 * ex2;
            float triangleArea = 0.5f * d;
            area += triangleArea;
            cx += triangleArea * kInv3 * (ex1 + ex2);
            cy += triangleArea * kInv3 * (ey1 + ey2);
            float intx2 = ex1 * ex1 + ex2 * ex1 + ex2 * ex2;
            float inty2 = ey1 * ey1 + ey2 * ey1 + ey2 * ey2;
            inertia += (0.25f * kInv3 * d) * (intx2 + inty2);
        }
        float mass = density * area;
        float invArea = 1.0f / area;
        cx *= invArea;
        cy *= invArea;
        float centerX = cx + sx;
        float centerY = cy + sy;
        float originInertia = density * inertia;
        originInertia += mass * ((centerX * centerX + centerY * centerY) - (cx * cx + cy * cy));
        // b2Body::ResetMassData with this one fixture
        float invMass = 1.0f / mass;
        float lcx = mass * centerX * invMass;
        float lcy = mass * centerY * invMass;
        body.m_I = originInertia - mass * (lcx * lcx + lcy * lcy);
        body.m_invI = 1.0f / body.m_I;
    }

    /** Destroys the bodies of the current world, which returns its contacts to the shared pool. */
    private void destroyWorld() {
        if (world == null) {
            return;
        }
        world.setContactListener(null);
        for (Body b = world.getBodyList(); b != null; ) {
            Body next = b.getNext();
            world.destroyBody(b);
            b = next;
        }
        world = null;
    }

    /** The moon's edges as Box2D holds them, in creation order: the base line, then the terrain left to right. */
    float[][] edgeVertices() {
        List<float[]> edges = new ArrayList<>();
        for (Fixture f = moon.getFixtureList(); f != null; f = f.getNext()) {
            EdgeShape e = (EdgeShape) f.getShape();
            edges.add(new float[] {e.m_vertex1.x, e.m_vertex1.y, e.m_vertex2.x, e.m_vertex2.y});
        }
        Collections.reverse(edges); // Box2D prepends each new fixture to the body's list
        return edges.toArray(new float[0][]);
    }

    static double chunkX(int i) {
        return W / (CHUNKS - 1) * i;
    }

    @Override
    protected void advance(int action, StepResult out) {
        double mPower = action == 2 ? 1.0 : 0.0;
        int direction = action == 1 ? -1 : action == 3 ? 1 : 0;
        simulate(mPower, direction, direction != 0 ? 1.0 : 0.0, out);
    }

    @Override
    protected void advance(double[] action, StepResult out) {
        double main = clip(action[0], -1.0, 1.0);
        double lateral = clip(action[1], -1.0, 1.0);
        double mPower = main > 0.0 ? (clip(main, 0.0, 1.0) + 1.0) * 0.5 : 0.0;
        int direction = 0;
        double sPower = 0.0;
        if (Math.abs(lateral) > 0.5) {
            direction = lateral > 0 ? 1 : -1;
            sPower = clip(Math.abs(lateral), 0.5, 1.0);
        }
        simulate(mPower, direction, sPower, out);
    }

    private static double clip(double x, double low, double high) {
        return Math.min(Math.max(x, low), high);
    }

    /**
     * One frame: wind, engine impulses, a Box2D step of 1/FPS s, then observation, shaped reward and termination.
     *
     * @param mPower    main engine throttle, 0 (off) or in [0.5, 1]
     * @param direction side engine direction: -1 left, +1 right, 0 off
     * @param sPower    side engine throttle, 0 (off) or in [0.5, 1]
     */
    private void simulate(double mPower, int direction, double sPower, StepResult out) {
        if (rebuilt) {
            // The rebuilt world reports every touching contact again on its first step.
            legContact[0] = false;
            legContact[1] = false;
            rebuilt = false;
        }
        if (enableWind && !(legContact[0] || legContact[1])) {
            // tanh(sin(2k t) + sin(π k t)), k = 0.01: bounded and never periodic.
            double windMag = Math.tanh(Math.sin(0.02 * windIdx) + Math.sin(Math.PI * 0.01 * windIdx)) * windPower;
            windIdx++;
            lander.applyForceToCenter(impulse.set((float) windMag, 0.0f));
            double torqueMag = Math.tanh(Math.sin(0.02 * torqueIdx) + Math.sin(Math.PI * 0.01 * torqueIdx))
                    * turbulencePower;
            torqueIdx++;
            lander.applyTorque((float) torqueMag);
        }

        double angle = lander.getAngle();
        double tipX = Math.sin(angle);
        double tipY = Math.cos(angle);
        double sideX = -tipY;
        double sideY = tipX;
        double dispersion0 = uniform(rng, -1.0, 1.0) / SCALE;
        double dispersion1 = uniform(rng, -1.0, 1.0) / SCALE;
        Vec2 pos = lander.getPosition();

        if (mPower > 0.0) {
            // 4 px below the centre, ±2 px of dispersion along the axis and ±1 px across it.
            double ox = tipX * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * dispersion0) + sideX * dispersion1;
            double oy = -tipY * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * dispersion0) - sideY * dispersion1;
            point.set((float) (pos.x + ox), (float) (pos.y + oy));
            impulse.set((float) (-ox * MAIN_ENGINE_POWER * mPower), (float) (-oy * MAIN_ENGINE_POWER * mPower));
            lander.applyLinearImpulse(impulse, point);
        }
        if (sPower > 0.0) {
            double ox = tipX * dispersion0 + sideX * (3 * dispersion1 + direction * SIDE_ENGINE_AWAY / SCALE);
            double oy = -tipY * dispersion0 - sideY * (3 * dispersion1 + direction * SIDE_ENGINE_AWAY / SCALE);
            // Gymnasium offsets the point by 17 px along the tip for x but SIDE_ENGINE_HEIGHT (14 px) for y, which
            // makes the torque depend on the orientation; kept for fidelity.
            point.set((float) (pos.x + ox - tipX * 17 / SCALE),
                    (float) (pos.y + oy + tipY * SIDE_ENGINE_HEIGHT / SCALE));
            impulse.set((float) (-ox * SIDE_ENGINE_POWER * sPower), (float) (-oy * SIDE_ENGINE_POWER * sPower));
            lander.applyLinearImpulse(impulse, point);
        }

        world.step((float) (1.0 / FPS), VELOCITY_ITERATIONS, POSITION_ITERATIONS);

        double[] s = out.observation();
        observe(s);
        double shaping = -100 * Math.sqrt(s[0] * s[0] + s[1] * s[1])
                - 100 * Math.sqrt(s[2] * s[2] + s[3] * s[3])
                - 100 * Math.abs(s[4])
                + 10 * s[6] + 10 * s[7];
        double reward = hasPrevShaping ? shaping - prevShaping : 0.0;
        prevShaping = shaping;
        hasPrevShaping = true;
        reward -= mPower * 0.30;
        reward -= sPower * 0.03;

        boolean terminated = false;
        if (gameOver || Math.abs(s[0]) >= 1.0) {
            terminated = true;
            reward = -100;
        }
        if (!lander.isAwake()) {
            terminated = true;
            reward = +100;
        }
        out.setReward(reward);
        out.setTerminated(terminated);
    }

    @Override
    protected void observe(double[] out) {
        Vec2 pos = lander.getPosition();
        Vec2 vel = lander.getLinearVelocity();
        out[0] = (pos.x - W / 2) / (W / 2);
        out[1] = (pos.y - (HELIPAD_Y + LEG_DOWN / SCALE)) / (H / 2);
        out[2] = vel.x * (W / 2) / FPS;
        out[3] = vel.y * (H / 2) / FPS;
        out[4] = lander.getAngle();
        out[5] = 20.0 * lander.getAngularVelocity() / FPS;
        out[6] = legContact[0] ? 1.0 : 0.0;
        out[7] = legContact[1] ? 1.0 : 0.0;
    }

    @Override
    protected void readState(double[] out) {
        if (lander == null) {
            throw new IllegalStateException(id() + ": state() called before reset()");
        }
        System.arraycopy(terrainY, 0, out, 0, CHUNKS);
        int j = CHUNKS;
        j = readBody(lander, out, j);
        j = readBody(legs[0], out, j);
        j = readBody(legs[1], out, j);
        out[j++] = legContact[0] ? 1.0 : 0.0;
        out[j++] = legContact[1] ? 1.0 : 0.0;
        out[j++] = gameOver ? 1.0 : 0.0;
        out[j++] = hasPrevShaping ? prevShaping : Double.NaN;
        out[j++] = windIdx;
        out[j] = torqueIdx;
    }

    /** Length of {@link #readBodies}. */
    static final int BODIES_DIM = 3 * 7 + 2 * 2;

    /**
     * Box2D's view of the bodies, as Gymnasium's golden records give it: for the lander, left leg and right leg each
     * (x, y, angle, vx, vy, ω, awake as 0/1), then each leg's joint angle and joint speed.
     */
    void readBodies(double[] out) {

        int j = 0;
        for (Body b : new Body[] {lander, legs[0], legs[1]}) {
            j = readBody(b, out, j);
            out[j++] = b.isAwake() ? 1.0 : 0.0;
        }
        for (RevoluteJoint joint : joints) {
            out[j++] = joint.getJointAngle();
            out[j++] = joint.getJointSpeed();
        }
    }

    private static int readBody(Body b, double[] out, int j) {
        out[j] = b.getPosition().x;
        out[j + 1] = b.getPosition().y;
        out[j + 2] = b.getAngle();
        out[j + 3] = b.getLinearVelocity().x;
        out[j + 4] = b.getLinearVelocity().y;
        out[j + 5] = b.getAngularVelocity();
        return j + 6;
    }

    @Override
    protected void writeState(double[] state) {
        System.arraycopy(state, 0, terrainY, 0, CHUNKS);
        buildWorld();
        int j = CHUNKS;
        j = writeBody(lander, state, j);
        j = writeBody(legs[0], state, j);
        j = writeBody(legs[1], state, j);
        legContact[0] = state[j++] != 0.0;
        legContact[1] = state[j++] != 0.0;
        gameOver = state[j++] != 0.0;
        double shaping = state[j++];
        hasPrevShaping = !Double.isNaN(shaping);
        prevShaping = hasPrevShaping ? shaping : 0.0;
        windIdx = (long) state[j++];
        torqueIdx = (long) state[j];
        rebuilt = true;
    }

    private static int writeBody(Body b, double[] s, int j) {
        b.setTransform(new Vec2((float) s[j], (float) s[j + 1]), (float) s[j + 2]);
        b.setLinearVelocity(new Vec2((float) s[j + 3], (float) s[j + 4]));
        b.setAngularVelocity((float) s[j + 5]);
        return j + 6;
    }

    @Override
    public void close() {
        super.close();
        destroyWorld();
        lander = null;
        legs[0] = null;
        legs[1] = null;
    }

    /** Gymnasium's contact detector: the hull touching the ground ends the game; legs report their contact. */
    private final class ContactFlags implements ContactListener {
        @Override
        public void beginContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            if (a == lander || b == lander) {
                gameOver = true;
            }
            for (int i = 0; i < 2; i++) {
                if (a == legs[i] || b == legs[i]) {
                    legContact[i] = true;
                }
            }
        }

        @Override
        public void endContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            for (int i = 0; i < 2; i++) {
                if (a == legs[i] || b == legs[i]) {
                    legContact[i] = false;
                }
            }
        }

        @Override
        public void preSolve(Contact contact, Manifold oldManifold) {
            // no per-contact adjustment
        }

        @Override
        public void postSolve(Contact contact, ContactImpulse impulse) {
            // no per-contact adjustment
        }
    }
}
