package org.npg4j.mujoco.safety.nav;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Safety-Gymnasium's layout sampler ({@code RandomGenerator}): every object has a list of placement rectangles
 * (none: the task's extents) and a keep-out radius. An object's position is drawn uniformly from a rectangle shrunk by
 * its keep-out (rectangles chosen with probability proportional to their shrunk area); it is valid when it is at
 * least {@code keepout + margin + keepout_other} from every object placed before it. Each object gets 100 draws; a
 * layout with an object that found no valid draw is discarded, and after 10,000 discarded layouts sampling fails.
 * An object at a fixed location gets the rectangle {@code location ± (keepout + 1e-9)}.
 *
 * <p>Draws use the env's generator (x then y per draw), so layouts are reproducible under a seed but are not those
 * Safety-Gymnasium's numpy generator gives for the same seed.
 */
final class Placement {
    /** One object to place: its rectangles ({@code xmin, ymin, xmax, ymax} each; null for the extents). */
    record Entry(String name, double[][] rects, double keepout) {
    }

    static final int LAYOUT_TRIES = 10_000;
    static final int OBJECT_TRIES = 100;
    static final int GOAL_TRIES = 10_000;

    private final double[] extents;
    private final double margin;
    private final List<Entry> entries = new ArrayList<>();

    Placement(double[] extents, double margin) {
        this.extents = extents.clone();
        this.margin = margin;
    }

    /** Adds an object; returns its index in the layout. */
    int add(String name, double[][] rects, double keepout) {
        entries.add(new Entry(name, rects, keepout));
        return entries.size() - 1;
    }

    /** Adds an object at a fixed location. */
    int addAt(String name, double x, double y, double keepout) {
        double k = keepout + 1e-9;
        return add(name, new double[][] {{x - k, y - k, x + k, y + k}}, keepout);
    }

    int size() {
        return entries.size();
    }

    Entry entry(int i) {
        return entries.get(i);
    }

    /** A layout, x and y per object in order. */
    double[] layout(SplittableRandom rng) {
        double[] xy = new double[2 * entries.size()];
        for (int t = 0; t < LAYOUT_TRIES; t++) {
            if (tryLayout(rng, xy)) {
                return xy;
            }
        }
        throw new IllegalStateException("failed to sample a layout of " + entries.size() + " objects in extents "
                + java.util.Arrays.toString(extents) + " after " + LAYOUT_TRIES + " tries");
    }

    private boolean tryLayout(SplittableRandom rng, double[] xy) {
        double[] p = new double[2];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            boolean placed = false;
            for (int t = 0; t < OBJECT_TRIES && !placed; t++) {
                draw(e, rng, p);
                placed = validAgainst(p[0], p[1], e.keepout, xy, i, -1);
            }
            if (!placed) {
                return false;
            }
            xy[2 * i] = p[0];
            xy[2 * i + 1] = p[1];
        }
        return true;
    }

    /**
     * Redraws object {@code index} (the goal) against all others at their positions in {@code xy}, up to
     * {@value #GOAL_TRIES} draws; writes it into {@code xy} and returns true, or returns false if every draw collided.
     */
    boolean resample(int index, SplittableRandom rng, double[] xy) {
        Entry e = entries.get(index);
        double[] p = new double[2];
        for (int t = 0; t < GOAL_TRIES; t++) {
            draw(e, rng, p);
            if (validAgainst(p[0], p[1], e.keepout, xy, entries.size(), index)) {
                xy[2 * index] = p[0];
                xy[2 * index + 1] = p[1];
                return true;
            }
        }
        return false;
    }

    /** Whether (x, y) keeps its distance to objects {@code 0 .. count-1} except {@code skip}. */
    private boolean validAgainst(double x, double y, double keepout, double[] xy, int count, int skip) {
        for (int j = 0; j < count; j++) {
            if (j == skip) {
                continue;
            }
            double dx = x - xy[2 * j];
            double dy = y - xy[2 * j + 1];
            if (Math.sqrt(dx * dx + dy * dy) < entries.get(j).keepout + margin + keepout) {
                return false;
            }
        }
        return true;
    }

    private void draw(Entry e, SplittableRandom rng, double[] out) {
        double[] r;
        if (e.rects == null) {
            r = shrink(extents, e.keepout);
        } else {
            List<double[]> ok = new ArrayList<>();
            for (double[] rect : e.rects) {
                double[] s = shrink(rect, e.keepout);
                if (s[0] <= s[2] && s[1] <= s[3]) {
                    ok.add(s);
                }
            }
            if (ok.isEmpty()) {
                throw new IllegalStateException("no placement rectangle of " + e.name + " fits its keep-out "
                        + e.keepout);
            }
            r = ok.get(0);
            if (ok.size() > 1) {
                double total = 0;
                for (double[] s : ok) {
                    total += (s[2] - s[0]) * (s[3] - s[1]);
                }
                double u = rng.nextDouble() * total;
                for (double[] s : ok) {
                    r = s;
                    u -= (s[2] - s[0]) * (s[3] - s[1]);
                    if (u < 0) {
                        break;
                    }
                }
            }
        }
        out[0] = r[0] + (r[2] - r[0]) * rng.nextDouble();
        out[1] = r[1] + (r[3] - r[1]) * rng.nextDouble();
    }

    private static double[] shrink(double[] rect, double keepout) {
        return new double[] {rect[0] + keepout, rect[1] + keepout, rect[2] - keepout, rect[3] - keepout};
    }
}
