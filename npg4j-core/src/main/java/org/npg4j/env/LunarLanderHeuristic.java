package org.npg4j.env;

/**
 * Gymnasium's hand-written controller for {@link LunarLander} ({@code heuristic(env, s)} in
 * {@code lunar_lander.py}), a PD controller on the observation s = [x, y, vx, vy, angle, ω', left, right]:
 * <pre>
 *   angle_targ = clip(0.5·x + vx, -0.4, 0.4)          (lean towards the pad, at most 0.4 rad)
 *   hover_targ = 0.55·|x|                             (hover higher the further from the pad)
 *   angle_todo = 0.5·(angle_targ - angle) - ω'
 *   hover_todo = 0.5·(hover_targ - y) - 0.5·vy
 *   with a leg on the ground: angle_todo = 0, hover_todo = -0.5·vy
 * </pre>
 * Discrete: main engine (2) if hover_todo &gt; |angle_todo| and hover_todo &gt; 0.05, else right engine (3) if
 * angle_todo &lt; -0.05, else left engine (1) if angle_todo &gt; 0.05, else nothing (0). Continuous:
 * clip([20·hover_todo - 1, -20·angle_todo], -1, 1). It scores above 200 on average on both variants.
 */
public final class LunarLanderHeuristic {
    private LunarLanderHeuristic() {
    }

    /** The discrete action (0..3) for observation {@code s}. */
    public static int discreteAction(double[] s) {
        double angleTodo = angleTodo(s);
        double hoverTodo = hoverTodo(s);
        if (hoverTodo > Math.abs(angleTodo) && hoverTodo > 0.05) {
            return 2;
        } else if (angleTodo < -0.05) {
            return 3;
        } else if (angleTodo > 0.05) {
            return 1;
        }
        return 0;
    }

    /** Writes the continuous action [main, lateral] for observation {@code s} into {@code out} (length 2). */
    public static void continuousAction(double[] s, double[] out) {
        out[0] = clip(hoverTodo(s) * 20 - 1);
        out[1] = clip(-angleTodo(s) * 20);
    }

    private static boolean legContact(double[] s) {
        return s[6] != 0.0 || s[7] != 0.0;
    }

    private static double angleTodo(double[] s) {
        if (legContact(s)) {
            return 0.0;
        }
        double angleTarg = Math.max(-0.4, Math.min(0.4, s[0] * 0.5 + s[2] * 1.0));
        return (angleTarg - s[4]) * 0.5 - s[5] * 1.0;
    }

    private static double hoverTodo(double[] s) {
        if (legContact(s)) {
            // after touch-down only the fall speed matters
            return -s[3] * 0.5;
        }
        double hoverTarg = 0.55 * Math.abs(s[0]);
        return (hoverTarg - s[1]) * 0.5 - s[3] * 0.5;
    }

    private static double clip(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }
}
