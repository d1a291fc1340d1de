package org.npg4j.env;

import java.util.Set;

/** Registers Gymnasium's Box2D envs (LunarLander-v3 and LunarLanderContinuous-v3) with their time limits. */
final class Box2dEnvs {
    private static final Set<String> LUNAR_KWARGS =
            Set.of("continuous", "gravity", "enable_wind", "wind_power", "turbulence_power");

    private Box2dEnvs() {
    }

    static void registerAll() {
        Envs.register(new EnvSpec(LunarLander.ID,
                "land a rocket on the pad with its main and side engines (Discrete(4), Box2D)", 1000, LUNAR_KWARGS,
                (k, steps) -> lunarLander(k, steps, false)));
        Envs.register(new EnvSpec(LunarLander.CONTINUOUS_ID,
                "land a rocket on the pad with throttled main and side engines (Box(-1, 1, (2,)), Box2D)", 1000,
                LUNAR_KWARGS, (k, steps) -> lunarLander(k, steps, true)));
    }

    private static Env lunarLander(Kwargs k, int steps, boolean continuous) {
        return new LunarLander(k.getBoolean("continuous", continuous), k.getDouble("gravity", -10.0),
                k.getBoolean("enable_wind", false), k.getDouble("wind_power", 15.0),
                k.getDouble("turbulence_power", 1.5), steps);
    }
}
