package org.npg4j.mdp;

import java.util.Locale;

/** One entry point to the exact optimal-control methods, as the CLI names them. */
public final class Solver {
    /** Tolerance of value iteration on V*. */
    public static final double VI_TOLERANCE = 1e-10;

    /** The methods by their CLI names. */
    public enum Method {
        /** The LP over state-action distributions (the only one that honours cost constraints). */
        LP,
        /** Value iteration. */
        VI,
        /** Policy iteration. */
        PI;

        public static Method parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + name + "', expected one of lp, vi, pi");
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Solver() {
    }

    /** Solves the MDP optimally; for a CMDP the LP honours the constraints, VI and PI refuse. */
    public static Solution solve(FiniteMdp mdp, Method method) {
        if (mdp.isConstrained() && method != Method.LP) {
            throw new IllegalArgumentException("the MDP has cost constraints: only --method lp solves a constrained MDP");
        }
        return switch (method) {
            case LP -> LinearProgram.solve(mdp);
            case VI -> ValueIteration.solve(mdp, VI_TOLERANCE);
            case PI -> PolicyIteration.solve(mdp);
        };
    }
}
