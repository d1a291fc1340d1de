package org.npg4j.mdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A gridworld given by a text layout, one character per cell, rows top to bottom:
 * {@code S} start, {@code .} free, {@code #} wall, {@code G} goal, {@code T} trap, {@code H} hazard (free cell with
 * cost 1 per step spent in it). States are the non-wall cells in reading order, named {@code (x,y)} with x the
 * column and y the row; 4 actions: up, right, down, left.
 *
 * <p>Dynamics: the intended move happens with probability 1 - slip, each of the two perpendicular moves with
 * probability slip/2; a move into a wall or off the grid stays in place. Rewards are paid on arrival:
 * {@code stepReward} for every move, plus {@code goalReward} on entering G or {@code trapReward} on entering T.
 * G and T are terminal: absorbing with reward 0 afterwards (and no cost). The start is ρ = δ_S.
 * With {@code hazards} on, the MDP has one cost "hazard", c(s,a) = 1 in H cells, with limit {@code hazardLimit}
 * on C(π) = c·d^π.
 */
public record Gridworld(String layout, double slip, double stepReward, double goalReward, double trapReward,
                        double gamma, boolean hazards, double hazardLimit) {
    /** The built-in 5×5 layout. */
    public static final String DEFAULT_LAYOUT = String.join("\n",
            "S..#.",
            ".#...",
            ".#HTG",
            ".H...",
            "...#.");
    private static final int[] DX = {0, 1, 0, -1};
    private static final int[] DY = {-1, 0, 1, 0};

    public Gridworld {
        if (!(slip >= 0 && slip <= 1)) {
            throw new IllegalArgumentException("gridworld slip " + slip + " must be in [0, 1]");
        }
        if (!(gamma >= 0 && gamma < 1)) {
            throw new IllegalArgumentException("gamma " + gamma + " must be in [0, 1)");
        }
        parseRows(layout);
    }

    /** The layout with slip 0.1, step reward -0.01, goal +1, trap -1, γ = 0.95, hazard costs off (limit 0.1). */
    public static Gridworld of(String layout) {
        return new Gridworld(layout, 0.1, -0.01, 1.0, -1.0, 0.95, false, 0.1);
    }

    /** The built-in layout with the defaults of {@link #of(String)}. */
    public static Gridworld defaults() {
        return of(DEFAULT_LAYOUT);
    }

    public Gridworld withSlip(double p) {
        return new Gridworld(layout, p, stepReward, goalReward, trapReward, gamma, hazards, hazardLimit);
    }

    public Gridworld withGamma(double g) {
        return new Gridworld(layout, slip, stepReward, goalReward, trapReward, g, hazards, hazardLimit);
    }

    public Gridworld withHazards(boolean on, double limit) {
        return new Gridworld(layout, slip, stepReward, goalReward, trapReward, gamma, on, limit);
    }

    private static char[][] parseRows(String layout) {
        if (layout == null || layout.isBlank()) {
            throw new IllegalArgumentException("gridworld layout is empty");
        }
        String[] lines = layout.strip().split("\\R|/");
        int width = lines[0].strip().length();
        char[][] grid = new char[lines.length][];
        int starts = 0;
        for (int y = 0; y < lines.length; y++) {
            String row = lines[y].strip();
            if (row.length() != width) {
                throw new IllegalArgumentException("gridworld row " + y + " has " + row.length()
                        + " cells, expected " + width);
            }
            grid[y] = row.toCharArray();
            for (int x = 0; x < width; x++) {
                char c = grid[y][x];
                if ("S.#GTH".indexOf(c) < 0) {
                    throw new IllegalArgumentException("gridworld cell (" + x + "," + y + ") is '" + c
                            + "', expected one of S . # G T H");
                }
                if (c == 'S') {
                    starts++;
                }
            }
        }
        if (starts != 1) {
            throw new IllegalArgumentException("gridworld needs exactly one start cell S, found " + starts);
        }
        return grid;
    }

    public FiniteMdp generate() {
        char[][] grid = parseRows(layout);
        int h = grid.length;
        int w = grid[0].length;
        int[][] index = new int[h][w];
        List<String> names = new ArrayList<>();
        int start = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grid[y][x] == '#') {
                    index[y][x] = -1;
                } else {
                    if (grid[y][x] == 'S') {
                        start = names.size();
                    }
                    index[y][x] = names.size();
                    names.add("(" + x + "," + y + ")");
                }
            }
        }
        int S = names.size();
        FiniteMdp.Builder b = FiniteMdp.builder(S, 4).gamma(gamma).initialState(start);
        double[] cost = new double[S * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = index[y][x];
                if (s < 0) {
                    continue;
                }
                boolean terminal = grid[y][x] == 'G' || grid[y][x] == 'T';
                for (int a = 0; a < 4; a++) {
                    if (terminal) {
                        b.transition(s, a, s, 1.0);
                        continue;
                    }
                    if (grid[y][x] == 'H') {
                        cost[s * 4 + a] = 1.0;
                    }
                    double expectedReward = 0.0;
                    int[] dirs = {a, (a + 1) % 4, (a + 3) % 4};
                    double[] probs = {1.0 - slip, slip / 2, slip / 2};
                    for (int k = 0; k < 3; k++) {
                        if (probs[k] == 0.0) {
                            continue;
                        }
                        int nx = x + DX[dirs[k]];
                        int ny = y + DY[dirs[k]];
                        int next = (nx < 0 || ny < 0 || nx >= w || ny >= h || index[ny][nx] < 0) ? s : index[ny][nx];
                        char arrive = next == s ? grid[y][x] : grid[ny][nx];
                        double r = stepReward + (arrive == 'G' && next != s ? goalReward : 0.0)
                                + (arrive == 'T' && next != s ? trapReward : 0.0);
                        expectedReward += probs[k] * r;
                        b.transition(s, a, next, probs[k]);
                    }
                    b.reward(s, a, expectedReward);
                }
            }
        }
        if (hazards) {
            b.cost("hazard", cost, hazardLimit);
        }
        return b.stateNames(names).actionNames(List.of("up", "right", "down", "left")).build();
    }
}
